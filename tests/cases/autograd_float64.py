import torch
x = torch.tensor([0.1, 0.2, 0.3], dtype=torch.float64, requires_grad=True)
y = (x ** 3).sum() / 3
y.backward()
print(x.grad, x.grad.dtype)
print(y, y.item())
h = torch.tensor([1.0, 2.0], dtype=torch.float16, requires_grad=True)
(h * h).sum().backward()
print(h.grad)
