import torch
x = torch.tensor(3.14159265)
v = 2 / 3
n = 42
s = "grad"
print(f"{v:.3f} {v:.2e} {v:10.4f}| {v:<10.2f}| {v:^10.1f}|")
print(f"{n:5d}|{n:<5d}|{n:05d}|{n:+d}|{n:x}|{n:b}|{n:o}|{n:,}")
print(f"{s!r} {s:>8} {s:*^9} {s!s}")
print(f"x = {x}")
print(f"x.item() = {x.item():.3f}")
print(f"{x.item():.2%}")
w = 8
p = 3
print(f"{v:{w}.{p}f}|")
print(f"{n} + {n} = {n + n}")
print(f"{'nested'} {x.shape} {x.dtype} {x.requires_grad}")
print(f"{x!r}")
print(f"{torch.ones(2)}")
print(f"{1.0:g} {0.0001:g} {123456789.0:g} {v=}")
