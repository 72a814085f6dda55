import torch
x = torch.ones(2, 2, requires_grad=True)
for step in range(4):
    out = (x * (step + 1)).sum()
    out.backward()
    print(step, x.grad)
x.grad.zero_()
print(x.grad)
for step in range(3):
    y = (x * x).mean()
    y.backward()
print(x.grad)
x.grad = None
print(x.grad)
(x * 3).sum().backward()
print(x.grad)
