# torch.autograd.functional.jacobian for vector functions, several inputs, and vectorize=True.
import torch
from torch.autograd.functional import jacobian


def f(x):
    return torch.stack([x[0] ** 2 * x[1], 5 * x[0] + torch.sin(x[1])])


x = torch.tensor([1.0, 2.0])
J = jacobian(f, x)
print("J =\n", J)
print("analytic row 0:", [2 * 1.0 * 2.0, 1.0 ** 2])


def g(a, b):
    return a * b + a.sum()


a = torch.tensor([1.0, 2.0])
b = torch.tensor([3.0, 4.0])
Ja, Jb = jacobian(g, (a, b))
print("dg/da =\n", Ja)
print("dg/db =\n", Jb)
Jv = jacobian(lambda t: t.exp(), torch.zeros(3), vectorize=True)
print("vectorized jacobian of exp at 0 is the identity:", torch.equal(Jv, torch.eye(3)))
