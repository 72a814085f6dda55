import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
y.retain_grad()
z = (y ** 2).sum()
z.retain_grad()
print(y.retains_grad, z.retains_grad, x.retains_grad, y.is_leaf, x.is_leaf)
z.backward()
print(x.grad, y.grad, z.grad)
print(y.grad_fn, z.grad_fn)
