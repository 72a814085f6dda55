import torch
a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
y = a * 4
ga, gb = torch.autograd.grad(y, [a, b], allow_unused=True)
print(ga, gb, gb is None)
print(torch.autograd.grad(a * b, [a, b], allow_unused=True))
