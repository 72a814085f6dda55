# torch.func.jacrev and jacfwd give the same Jacobian; hessian = jacfwd(jacrev(f)).
import torch
from torch.func import hessian, jacfwd, jacrev


def f(x):
    return x.sin() * x.sum()


x = torch.tensor([0.5, 1.0, 1.5])
Jr = jacrev(f)(x)
Jf = jacfwd(f)(x)
print("jacrev:\n", Jr)
print("same as jacfwd:", torch.allclose(Jr, Jf))
H = hessian(lambda t: (t ** 3).sum())(x)
print("hessian of sum(x^3):\n", H)
print("diag = 6x:", torch.allclose(torch.diag(H), 6 * x))
print("batched jacobians:", torch.func.vmap(jacrev(torch.sin))(torch.zeros(2, 3)).shape)
