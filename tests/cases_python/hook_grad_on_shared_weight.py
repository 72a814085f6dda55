# A weight used twice gets the sum of two gradient contributions; a hook sees the total only once.
import torch

w = torch.tensor(2.0, requires_grad=True)
calls = []
w.register_hook(lambda g: calls.append(g.item()))
x1 = torch.tensor(3.0)
x2 = torch.tensor(5.0)
y = w * x1 + (w * x2) ** 2
y.backward()
print("dy/dw =", w.grad.item(), "= x1 + 2*w*x2**2 =", 3.0 + 2 * 2.0 * 25.0)
print("hook called", len(calls), "time(s) with", calls)
m = w * 1.0
parts = []
m.register_hook(lambda g: parts.append(g.item()))
(m * 3 + m * 4).backward()
print("non-leaf hook values:", parts, "w.grad now", w.grad.item())
