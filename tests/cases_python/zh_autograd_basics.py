# 自动微分入门（d2l-zh 风格）：对 y = 2 x·x 求梯度，并验证梯度等于 4x。
import torch

x = torch.arange(4.0)
print("x:", x)
x.requires_grad_(True)  # 等价于 x = torch.arange(4.0, requires_grad=True)
print("梯度初始值:", x.grad)  # 默认值是 None
y = 2 * torch.dot(x, x)
print("y:", y)
y.backward()
print("梯度:", x.grad)
print("梯度是否等于 4x:", bool((x.grad == 4 * x).all()))
# 在默认情况下，PyTorch 会累积梯度，需要先清除之前的值
x.grad.zero_()
y = x.sum()
y.backward()
print("求和函数的梯度:", x.grad)
