import torch
x = torch.ones(2)
print(x.requires_grad, x.is_leaf, x.grad_fn)
x.requires_grad = True
print(x.requires_grad)
y = x * 2
print(y.requires_grad, y.is_leaf)
x.requires_grad_(False)
print(x.requires_grad, y.requires_grad)
x.requires_grad_()
print(x.requires_grad)
z = torch.zeros(3).requires_grad_(True)
print(z)
t = torch.tensor([1.0], requires_grad=False)
print(t.requires_grad)
u = y.detach()
u.requires_grad = True
print(u.is_leaf, u.requires_grad)
