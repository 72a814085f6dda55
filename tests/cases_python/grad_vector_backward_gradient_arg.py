# Backward of a non-scalar output needs a `gradient` vector: the result is the vector-Jacobian product.
import torch

x = torch.arange(4.0, requires_grad=True)
y = x * x
y.backward(torch.ones(len(x)))
print("with ones, same as y.sum().backward():", x.grad)
x.grad.zero_()
y = x * x
v = torch.tensor([0.1, 1.0, 0.0001, 0.0])
y.backward(gradient=v)
print("weighted:", x.grad)
x.grad.zero_()
y = x * x
y.sum().backward()
print("sum:", x.grad)
m = torch.ones(2, 2, requires_grad=True)
out = m @ torch.tensor([[1.0, 2.0], [3.0, 4.0]])
out.backward(torch.tensor([[1.0, 0.0], [0.0, 1.0]]))
print("matrix case:", m.grad)
