# A tiny neuron class written twice, once with plain floats and once with torch, trained the same way.
import random

import torch

random.seed(42)


class Neuron:
    def __init__(self, nin):
        self.w = [random.uniform(-1, 1) for _ in range(nin)]
        self.b = 0.0

    def __call__(self, x):
        return sum(wi * xi for wi, xi in zip(self.w, x)) + self.b


xs = [[2.0, 3.0], [3.0, -1.0], [0.5, 1.0], [1.0, 1.0]]
ys = [1.0, -1.0, -1.0, 1.0]
n = Neuron(2)
w = torch.tensor(n.w, dtype=torch.float64, requires_grad=True)
b = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
X = torch.tensor(xs, dtype=torch.float64)
Y = torch.tensor(ys, dtype=torch.float64)
for step in range(20):
    pred = X @ w + b
    loss = ((pred - Y) ** 2).sum()
    w.grad = None
    b.grad = None
    loss.backward()
    # the same gradient by hand, with floats
    preds = [n(x) for x in xs]
    gw = [sum(2 * (p - t) * x[i] for p, t, x in zip(preds, ys, xs)) for i in range(2)]
    gb = sum(2 * (p - t) for p, t in zip(preds, ys))
    assert all(abs(a - c) < 1e-9 for a, c in zip(gw, w.grad.tolist()))
    with torch.no_grad():
        w -= 0.02 * w.grad
        b -= 0.02 * b.grad
    n.w = [wi - 0.02 * g for wi, g in zip(n.w, gw)]
    n.b -= 0.02 * gb
    if step % 5 == 0:
        print(f"step {step:2d} loss {loss.item():.6f}")
print("torch w:", [round(v, 6) for v in w.tolist()], "float w:", [round(v, 6) for v in n.w])
