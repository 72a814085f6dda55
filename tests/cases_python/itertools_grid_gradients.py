# itertools.product over a grid of points: gradient field of f(x, y) = x^2 y + sin(y).
import itertools
import math

import torch

points = list(itertools.product([-1.0, 0.0, 1.0], [0.0, math.pi / 2]))
print(len(points), "points")
for px, py in points:
    x = torch.tensor(px, requires_grad=True)
    y = torch.tensor(py, requires_grad=True)
    f = x ** 2 * y + torch.sin(y)
    gx, gy = torch.autograd.grad(f, (x, y))
    print(f"({px:+.1f}, {py:.3f}) f={f.item():+.4f} grad=({gx.item():+.4f}, {gy.item():+.4f})")
pairs = list(itertools.combinations(range(4), 2))
print(pairs)
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.chain([1], (2, 3))))
