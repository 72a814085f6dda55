# Gradient clipping with hooks on every parameter of a model, and removing the hooks afterwards.
import torch
from torch import nn

model = nn.Linear(3, 1)
handles = [p.register_hook(lambda g: g.clamp(-0.1, 0.1)) for p in model.parameters()]
x = torch.tensor([[10.0, -20.0, 0.05]])
model(x).sum().backward()
print("clipped weight grad:", model.weight.grad)
print("clipped bias grad:", model.bias.grad)
for h in handles:
    h.remove()
model.zero_grad()
model(x).sum().backward()
print("unclipped weight grad:", model.weight.grad)
