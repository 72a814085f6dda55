# Python 控制流的梯度计算：while 循环和 if 语句中的计算图依然可以反向传播。
import torch


def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


a = torch.randn(size=(), requires_grad=True)
d = f(a)
d.backward()
print("输入 a:", round(a.item(), 4))
print("输出 d:", round(d.item(), 4))
print("a 的梯度:", a.grad)
print("梯度是否等于 d / a:", (a.grad == d / a).item())
