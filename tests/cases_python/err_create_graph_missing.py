# A second derivative without create_graph=True: the first gradient has no grad_fn, RuntimeError.
import torch

x = torch.tensor(3.0, requires_grad=True)
y = x ** 3
(dy,) = torch.autograd.grad(y, x)
print("dy/dx =", dy.item(), "requires_grad:", dy.requires_grad)
(d2y,) = torch.autograd.grad(dy, x)
