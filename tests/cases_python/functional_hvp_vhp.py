# Hessian-vector products: hvp and vhp, and the same thing by double backward.
import torch
from torch.autograd.functional import hessian, hvp, vhp


def f(x):
    return (x ** 4).sum() + x[0] * x[1]


x = torch.tensor([1.0, 2.0, 3.0])
v = torch.tensor([1.0, 0.0, -1.0])
value, Hv = hvp(f, x, v)
_, vH = vhp(f, x, v)
print("f(x) =", value.item())
print("H v =", Hv)
print("v H =", vH)
print("equal because H is symmetric:", torch.allclose(Hv, vH))
xr = x.clone().requires_grad_()
(g,) = torch.autograd.grad(f(xr), xr, create_graph=True)
(Hv2,) = torch.autograd.grad(g, xr, grad_outputs=v)
print("double-backward H v =", Hv2)
print("explicit H @ v =", hessian(f, x) @ v)
