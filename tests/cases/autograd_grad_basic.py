import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x ** 2).sum()
g = torch.autograd.grad(y, x)
print(g)
print(g[0], x.grad)
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
c = a * b + a ** 3
ga, gb = torch.autograd.grad(c, [a, b])
print(ga, gb)
print(torch.autograd.grad(outputs=a * 5, inputs=a))
print(torch.autograd.grad([a * 2, b * 4], (a, b)))
