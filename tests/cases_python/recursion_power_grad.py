# A recursive function (fast exponentiation) built from tensor ops still has a correct gradient.
import torch


def power(x, n):
    if n == 0:
        return torch.ones_like(x)
    if n % 2 == 0:
        half = power(x, n // 2)
        return half * half
    return x * power(x, n - 1)


x = torch.tensor(1.5, requires_grad=True)
for n in [1, 2, 5, 8]:
    x.grad = None
    y = power(x, n)
    y.backward()
    print(f"n={n}: x**n={y.item():.4f}  grad={x.grad.item():.4f}  n*x**(n-1)={n * 1.5 ** (n - 1):.4f}")
