import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x ** 2).sum()
with torch.no_grad():
    y.backward()
    print(torch.is_grad_enabled(), x.grad)
    x -= 0.5 * x.grad
print(x, x.requires_grad, x.is_leaf)
