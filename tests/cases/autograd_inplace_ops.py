import torch
x = torch.tensor([1.0, 2.0, 3.0])
x.zero_()
print(x)
x.fill_(2.0)
print(x)
x.add_(1)
x.add_(torch.tensor([1.0, 2.0, 3.0]), alpha=10)
print(x)
x.sub_(3)
x.mul_(0.5)
x.div_(2)
print(x)
x.pow_(2)
print(x)
x.clamp_(0.0, 10.0)
print(x)
x.copy_(torch.tensor([9.0, 8.0, 7.0]))
print(x)
print(x.add_(1) is x, x._version)
w = torch.ones(2, requires_grad=True)
h = w * 1
h.add_(5)
h.mul_(2)
print(h, h.grad_fn)
h.sum().backward()
print(w.grad)
x -= 1
x *= 2
x /= 4
x **= 2
print(x)
