# @once_differentiable: first derivatives work, a second derivative raises an error we catch.
import torch
from torch.autograd.function import once_differentiable


class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * 3 * x ** 2


x = torch.tensor(2.0, requires_grad=True)
y = Cube.apply(x) ** 2
(g,) = torch.autograd.grad(y, x, create_graph=True)
print("first derivative of x**6:", g.item(), "| requires_grad:", g.requires_grad)
try:
    g.backward()
except RuntimeError as e:
    print("second derivative failed:", str(e).splitlines()[0])

z = x ** 6
(g2,) = torch.autograd.grad(z, x, create_graph=True)
g2.backward()
print("with plain ops, d2/dx2 of x**6 at 2 =", x.grad.item())
