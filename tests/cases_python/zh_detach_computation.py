# 分离计算：用 detach() 把 u 当作常数，梯度只沿 x 的一条路径传播。
import torch

x = torch.arange(4.0, requires_grad=True)
y = x * x
u = y.detach()
z = u * x
z.sum().backward()
print("z 对 x 的梯度:", x.grad)
print("是否等于 u:", torch.equal(x.grad, u))
x.grad.zero_()
y.sum().backward()
print("y 对 x 的梯度:", x.grad, "（应为 2x）")
