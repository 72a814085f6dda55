# The same cubic fit of sin(x), but autograd computes the gradients of a, b, c, d.
import math

import torch

x = torch.linspace(-math.pi, math.pi, 2000)
y = torch.sin(x)
a = torch.randn((), requires_grad=True)
b = torch.randn((), requires_grad=True)
c = torch.randn((), requires_grad=True)
d = torch.randn((), requires_grad=True)
learning_rate = 1e-6
for t in range(200):
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum()
    if t % 50 == 49:
        print(t, round(loss.item(), 3))
    loss.backward()
    with torch.no_grad():
        for p in (a, b, c, d):
            p -= learning_rate * p.grad
            p.grad = None
print("Result: y = %.4f + %.4f x + %.4f x^2 + %.4f x^3" % (a.item(), b.item(), c.item(), d.item()))
print("value at pi/2: %.4f (sin gives %.1f)" % ((a + b * math.pi / 2 + c * (math.pi / 2) ** 2 + d * (math.pi / 2) ** 3).item(), math.sin(math.pi / 2)))
