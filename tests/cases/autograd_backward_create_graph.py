# expect-warning: Using backward() with create_graph=True will create a reference cycle
import torch
x = torch.tensor(3.0, requires_grad=True)
y = x ** 3
y.backward(create_graph=True)
print(x.grad, x.grad.requires_grad)
g = x.grad
x.grad = None
g.backward()
print(x.grad)
