# Tensor.register_hook: look at a gradient as it passes, and return a new one to replace it.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)


def show(grad):
    print("  hook sees grad:", grad)


def double(grad):
    return grad * 2


h1 = x.register_hook(show)
h2 = x.register_hook(double)
(x ** 2).sum().backward()
print("x.grad (doubled):", x.grad)
h2.remove()
x.grad = None
(x ** 2).sum().backward()
print("after removing the doubling hook:", x.grad)
h1.remove()
x.grad = None
(x * 5).sum().backward()
print("no hooks left, grad:", x.grad)
