# 非标量输出直接调用 backward() 会报错（RuntimeError）：需要先求和或传入 gradient 参数。
import torch

x = torch.arange(3.0, requires_grad=True)
y = x * x
print("y 是一个向量:", y)
y.sum().backward()
print("先求和再反向传播，梯度:", x.grad)
y = x * x
print("下面直接对向量调用 backward() ...")
y.backward()
