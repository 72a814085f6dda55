# register_post_accumulate_grad_hook: run an optimizer step per parameter as soon as its grad is ready.
import torch
from torch import nn

torch.manual_seed(3)
model = nn.Linear(2, 1)
lr = 0.1
order = []


def sgd_hook(param):
    order.append(tuple(param.shape))
    with torch.no_grad():
        param -= lr * param.grad
    param.grad = None


for p in model.parameters():
    p.register_post_accumulate_grad_hook(sgd_hook)
X = torch.tensor([[1.0, 2.0], [0.0, 1.0], [2.0, 0.0]])
y = torch.tensor([[5.0], [2.0], [2.0]])
for step in range(60):
    loss = ((model(X) - y) ** 2).mean()
    loss.backward()
    if step % 20 == 0:
        print(f"step {step}: loss {loss.item():.4f}")
print("grads are None after the hook:", [p.grad for p in model.parameters()])
print("hook calls:", len(order), "first two shapes:", order[:2])
print("weight:", [round(v, 3) for v in model.weight.view(-1).tolist()], "bias:", round(model.bias.item(), 3))
