# enumerate and zip over a model's layers, names and gradients.
import torch
from torch import nn

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
out = model(torch.randn(6, 3)).sum()
out.backward()
for i, layer in enumerate(model):
    print(i, layer.__class__.__name__, sum(p.numel() for p in layer.parameters()))
names = [n for n, _ in model.named_parameters()]
grads = [p.grad for p in model.parameters()]
for idx, (name, g) in enumerate(zip(names, grads), start=1):
    print(f"{idx}. {name:9s} grad shape {tuple(g.shape)} sum {g.sum().item():+.4f}")
pairs = list(zip(range(3), "abc"))
print(pairs, dict(pairs))
print(list(zip(*pairs)))
