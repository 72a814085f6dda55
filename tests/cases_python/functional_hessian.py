# torch.autograd.functional.hessian of a scalar function, compared with the hand-derived matrix.
import torch
from torch.autograd.functional import hessian


def f(x):
    return x[0] ** 3 + 2 * x[0] * x[1] ** 2 - x[1]


x = torch.tensor([1.0, -2.0])
H = hessian(f, x)
print("H =\n", H)
expected = torch.tensor([[6 * x[0], 4 * x[1]], [4 * x[1], 4 * x[0]]])
print("matches hand-derived:", torch.allclose(H, expected))
print("symmetric:", torch.equal(H, H.T))


def quad(v):
    A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])
    return 0.5 * v @ A @ v


print("Hessian of a quadratic form is A:\n", hessian(quad, torch.randn(2)))
