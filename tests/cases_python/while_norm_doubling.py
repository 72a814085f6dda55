# Gradients through Python control flow: a while loop whose iteration count depends on the data.
import torch


def f(a):
    b = a * 2
    steps = 0
    while b.norm() < 1000:
        b = b * 2
        steps += 1
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c, steps


a = torch.randn(size=(), requires_grad=True)
d, steps = f(a)
d.backward()
print("loop ran", steps, "times")
print("a.grad == d / a:", bool(a.grad == d / a))
print("a.grad = %.1f" % a.grad.item())

for start in [0.5, -0.25, 3.0]:
    v = torch.tensor(start, requires_grad=True)
    out, n = f(v)
    out.backward()
    print(f"start={start:+.2f} iterations={n} grad={v.grad.item():.0f}")
