import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
d = y.detach()
print(d, d.requires_grad, d.grad_fn, d.is_leaf)
print(y._version, d._version)
d.add_(1)
print(y, y._version, d._version)
z = x.detach()
z[0] = 100.0
print(x)
w = (x * d).sum()
w.backward()
print(x.grad)
e = x.detach().requires_grad_()
print(e.requires_grad, e.is_leaf)
