# optimizer.zero_grad() sets .grad to None by default; set_to_none=False zeroes it instead; model.zero_grad() too.
import torch
from torch import nn

model = nn.Linear(2, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x = torch.tensor([[1.0, 2.0]])
model(x).sum().backward()
print("after backward:", model.weight.grad)
opt.zero_grad()
print("after opt.zero_grad():", model.weight.grad)
model(x).sum().backward()
opt.zero_grad(set_to_none=False)
print("after zero_grad(set_to_none=False):", model.weight.grad)
model(x).sum().backward()
model(x).sum().backward()
print("two backwards accumulate:", model.weight.grad)
model.zero_grad()
print("after model.zero_grad():", model.weight.grad, model.bias.grad)
