import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
print(x.data, x.data.requires_grad, x.data.is_leaf)
x.data = torch.tensor([5.0, 6.0])
print(x, x.requires_grad)
y = (x * x).sum()
x.data.mul_(10)
y.backward()
print(x.grad)
d = x.data
d[0] = -1.0
print(x)
x.data += 1
x.data /= 2
print(x)
print(x.grad.data, x.grad.data is x.grad)
