# A loss computed inside torch.no_grad() has no grad_fn, so backward() raises RuntimeError.
import torch
from torch import nn

model = nn.Linear(2, 1)
x = torch.randn(4, 2)
with torch.no_grad():
    loss = model(x).pow(2).mean()
print("loss:", round(loss.item(), 4), "requires_grad:", loss.requires_grad, "grad_fn:", loss.grad_fn)
loss.backward()
