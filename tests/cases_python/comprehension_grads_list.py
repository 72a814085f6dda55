# List comprehensions to evaluate a function and its derivative at many points.
import torch

xs = [torch.tensor(v, requires_grad=True) for v in [-2.0, -1.0, 0.0, 1.0, 2.0]]
ys = [x ** 3 - 2 * x for x in xs]
for y in ys:
    y.backward()
grads = [x.grad.item() for x in xs]
print("x     :", [x.item() for x in xs])
print("f(x)  :", [y.item() for y in ys])
print("f'(x) :", grads)
print("expected:", [3 * v ** 2 - 2 for v in [-2.0, -1.0, 0.0, 1.0, 2.0]])
print("points with f'(x) > 0:", [x.item() for x, g in zip(xs, grads) if g > 0])
