# Repeated autograd.grad with create_graph gives Taylor coefficients of exp(2x) at 0.
import math

import torch

x = torch.tensor(0.0, requires_grad=True)
f = torch.exp(2 * x)
coeffs = [f.item()]
d = f
for n in range(1, 6):
    (d,) = torch.autograd.grad(d, x, create_graph=True)
    coeffs.append(d.item() / math.factorial(n))
print("Taylor coefficients:", [round(c, 6) for c in coeffs])
print("expected 2^n / n!   :", [round(2 ** n / math.factorial(n), 6) for n in range(6)])
approx = sum(c * 0.1 ** n for n, c in enumerate(coeffs))
print(f"exp(0.2) ~ {approx:.8f} vs {math.exp(0.2):.8f}")
