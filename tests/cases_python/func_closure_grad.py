# Closures that capture a tensor: gradients flow to the captured tensor and to the argument.
import torch


def make_scaled_square(scale):
    def f(x):
        return scale * x ** 2

    return f


w = torch.tensor(3.0, requires_grad=True)
f = make_scaled_square(w)
x = torch.tensor(2.0, requires_grad=True)
y = f(x)
y.backward()
print("y =", y.item())
print("dy/dx =", x.grad.item(), "(expected 2*w*x =", 2 * 3.0 * 2.0, ")")
print("dy/dw =", w.grad.item(), "(expected x**2 =", 2.0 ** 2, ")")

# A list of closures built in a loop: bind i as a default argument
fs = [lambda t, i=i: t * i for i in range(1, 4)]
z = torch.tensor(1.5, requires_grad=True)
total = sum(g(z) for g in fs)
total.backward()
print("total =", total.item(), "grad =", z.grad.item())
