# Per-sample gradients with torch.func.vmap(grad(...)) and functional_call on a model.
import torch
from torch import nn
from torch.func import functional_call, grad, vmap

model = nn.Linear(3, 1)
params = {k: v.detach() for k, v in model.named_parameters()}
X = torch.randn(4, 3)
y = torch.randn(4, 1)


def sample_loss(p, x, t):
    pred = functional_call(model, p, (x.unsqueeze(0),))
    return ((pred - t.unsqueeze(0)) ** 2).mean()


per_sample = vmap(grad(sample_loss), in_dims=(None, 0, 0))(params, X, y)
for name, g in per_sample.items():
    print(name, tuple(g.shape))
print("per-sample bias grads:", per_sample["bias"].view(-1))
manual = []
for i in range(4):
    model.zero_grad()
    ((model(X[i : i + 1]) - y[i : i + 1]) ** 2).mean().backward()
    manual.append(model.bias.grad.clone())
print("match loop:", torch.allclose(torch.cat(manual), per_sample["bias"].view(-1)))
print("vmap of dot:", vmap(torch.dot)(torch.ones(2, 3), torch.arange(6.0).reshape(2, 3)))
