import torch
x = torch.arange(6.0).reshape(2, 3).requires_grad_()
y = x[0, 1] * 10 + x[1, :].sum() + x[:, 0].prod() + x[..., 2].mean()
y.backward()
print(x.grad)
print(y, y.grad_fn)
z = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
picked = z[torch.tensor([0, 0, 2])]
picked.sum().backward()
print(z.grad, picked.grad_fn)
