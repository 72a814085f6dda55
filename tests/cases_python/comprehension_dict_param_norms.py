# Dict and set comprehensions over a model's parameters and gradients.
import torch
from torch import nn

model = nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 1))
x = torch.randn(5, 4)
loss = model(x).pow(2).mean()
loss.backward()
grad_norms = {name: round(p.grad.norm().item(), 4) for name, p in model.named_parameters()}
for k, v in grad_norms.items():
    print(f"{k:10s} {v}")
shapes = {tuple(p.shape) for p in model.parameters()}
print("distinct shapes:", sorted(shapes))
numels = {p.numel() for p in model.parameters()}
print("numels as a set:", numels)
print("total params:", sum(p.numel() for p in model.parameters()))
