import torch
x = torch.tensor(3.0, requires_grad=True)
y = x.exp() * x
g1 = torch.autograd.grad(y, x, retain_graph=True)
g2 = torch.autograd.grad(y, x)
print(g1, g2, g1[0] == g2[0])
z = x * x
z.backward(retain_graph=True)
z.backward(retain_graph=True)
z.backward()
print(x.grad)
