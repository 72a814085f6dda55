import torch
x = torch.tensor([[0.5, -1.0], [2.0, 3.0]])
print(x.add(1), x.sub(x), x.mul(2), x.div(4), x.pow(3))
print(x.exp(), x.abs().log(), x.abs().log1p(), x.abs().sqrt())
print(x.abs(), x.neg(), x.sin(), x.cos(), x.tan(), x.tanh())
print(x.sigmoid(), x.relu(), x.clamp(-0.5, 1.5), x.square())
print(x.maximum(torch.zeros(2, 2)), x.minimum(torch.zeros(2, 2)))
print(x + 1, 1 + x, x - 1, 1 - x, x * 2, 2 * x, x / 2, 2 / x, x // 1, x % 2, x ** 2, 2 ** x)
print(-x, +x, abs(x))
print(x > 0, x == 2, x != 2, x <= 0.5, x >= 2, x < 0)
b = x > 0
print(~b)
