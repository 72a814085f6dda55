# Python's math module next to torch: constants, math.isclose checks on gradients, math vs torch functions.
import math

import torch

print(f"pi={math.pi:.6f} e={math.e:.6f} tau={math.tau:.4f}")
angles = torch.tensor([0.0, math.pi / 6, math.pi / 4, math.pi / 2], requires_grad=True)
torch.sin(angles).sum().backward()
for a, g in zip(angles.tolist(), angles.grad.tolist()):
    print(f"angle {math.degrees(a):5.1f} deg: d sin = {g:.4f}, math.cos = {math.cos(a):.4f}, close: {math.isclose(g, math.cos(a), abs_tol=1e-6)}")
print("math.sqrt(2) vs torch:", math.sqrt(2), torch.sqrt(torch.tensor(2.0)).item())
print("math.exp(1) == math.e:", math.exp(1) == math.e)
print("math.log(0.0) would fail, torch.log gives:", torch.log(torch.tensor(0.0)))
print("floor/ceil:", math.floor(-2.5), math.ceil(-2.5), torch.floor(torch.tensor(-2.5)).item())
print("factorial and comb:", math.factorial(5), math.comb(5, 2))
