# clip_grad_norm_ rescales all gradients together and returns the norm before clipping; clip_grad_value_ clamps.
import torch
from torch import nn

model = nn.Linear(4, 2)
x = torch.randn(8, 4) * 10
loss = model(x).pow(2).sum()
loss.backward()
norm_before = torch.sqrt(sum(p.grad.pow(2).sum() for p in model.parameters()))
total = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
norm_after = torch.sqrt(sum(p.grad.pow(2).sum() for p in model.parameters()))
print(f"returned {total.item():.3f}, computed before {norm_before.item():.3f}, after {norm_after.item():.4f}")
model.zero_grad()
model(x).pow(2).sum().backward()
nn.utils.clip_grad_value_(model.parameters(), clip_value=0.5)
print("max |grad| after clip_grad_value_:", model.weight.grad.abs().max().item())
print(model.bias.grad)
