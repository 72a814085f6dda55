# vjp (reverse mode) and jvp (forward mode) products from torch.autograd.functional.
import torch
from torch.autograd.functional import jacobian, jvp, vjp


def f(x):
    return torch.stack([x[0] * x[1], x[0] + x[1] ** 2, torch.exp(x[0])])


x = torch.tensor([1.0, 2.0])
v_out = torch.tensor([1.0, 0.5, 0.0])
v_in = torch.tensor([1.0, -1.0])
out, vjp_val = vjp(f, x, v_out)
print("f(x) =", out)
print("v^T J =", vjp_val)
out2, jvp_val = jvp(f, x, v_in)
print("J v   =", jvp_val)
J = jacobian(f, x)
print("check vjp:", torch.allclose(v_out @ J, vjp_val), "check jvp:", torch.allclose(J @ v_in, jvp_val))
