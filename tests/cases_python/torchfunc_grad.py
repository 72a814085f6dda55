# torch.func.grad and grad_and_value: gradients as function transforms, composable for higher orders.
import torch
from torch.func import grad, grad_and_value


def f(x):
    return torch.sin(x) * x


x = torch.tensor(1.0)
print("f'(1)   =", round(grad(f)(x).item(), 6))
print("f''(1)  =", round(grad(grad(f))(x).item(), 6))
print("f'''(1) =", round(grad(grad(grad(f)))(x).item(), 6))


def loss(w, b, X, y):
    return ((X @ w + b - y) ** 2).mean()


X = torch.randn(10, 3)
y = torch.randn(10)
w = torch.zeros(3)
b = torch.tensor(0.0)
gw, gb = grad(loss, argnums=(0, 1))(w, b, X, y)
print("dloss/dw:", gw)
print("dloss/db:", round(gb.item(), 6))
g, v = grad_and_value(loss)(w, b, X, y)
print("value:", round(v.item(), 6), "same grad:", torch.allclose(g, gw))
