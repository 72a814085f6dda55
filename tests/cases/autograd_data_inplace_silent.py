import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x * x).sum()
print(x._version)
x.data.mul_(10)
print(x._version, x)
y.backward()
print(x.grad)
