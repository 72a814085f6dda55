import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
print(y.grad_fn is None, y.requires_grad)
y.detach_()
print(y.grad_fn is None, y.requires_grad, y.is_leaf)
print(y)
z = x + y
z.sum().backward()
print(x.grad)
