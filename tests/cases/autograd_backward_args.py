import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x ** 2
y.backward(gradient=torch.tensor([1.0, 1.0, 1.0]), retain_graph=True)
print(x.grad)
y.backward(torch.tensor([0.1, 0.2, 0.3]))
print(x.grad)
s = torch.tensor(4.0, requires_grad=True)
t = s.sqrt()
t.backward(torch.tensor(2.0))
print(s.grad)
m = torch.ones(2, 2, requires_grad=True)
n = m * 3
n.backward(torch.ones_like(n))
print(m.grad)
