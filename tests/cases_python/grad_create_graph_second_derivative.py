# torch.autograd.grad with create_graph=True to take second derivatives.
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 3 + 2 * x ** 2
(dy,) = torch.autograd.grad(y, x, create_graph=True)
print("dy/dx =", dy.item(), "(3x^2 + 4x =", 3 * 4 + 8, ")")
print("dy has a grad_fn:", dy.grad_fn is not None, type(dy.grad_fn).__name__)
(d2y,) = torch.autograd.grad(dy, x)
print("d2y/dx2 =", d2y.item(), "(6x + 4 =", 6 * 2 + 4, ")")

t = torch.linspace(0, 3, 4, requires_grad=True)
s = torch.sin(t)
(ds,) = torch.autograd.grad(s.sum(), t, create_graph=True)
(d2s,) = torch.autograd.grad(ds.sum(), t)
print("second derivative of sin equals -sin:", torch.allclose(d2s, -torch.sin(t.detach())))

p = torch.tensor([1.0, 1.0], requires_grad=True)
loss = (p ** 2).sum() * p.prod()
(g,) = torch.autograd.grad(loss, p, create_graph=True)
penalty = g.norm() ** 2
penalty.backward()
print("gradient penalty:", penalty.item(), "its gradient:", p.grad)
