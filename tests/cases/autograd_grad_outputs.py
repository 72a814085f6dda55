import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x
v = torch.tensor([1.0, 0.1, 0.01])
(g,) = torch.autograd.grad(y, x, grad_outputs=v, retain_graph=True)
print(g)
print(torch.autograd.grad(y.sum(), x, grad_outputs=torch.tensor(2.0)))
m = torch.ones(2, 2, requires_grad=True)
out = m * torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(torch.autograd.grad(out, m, torch.ones(2, 2)))
