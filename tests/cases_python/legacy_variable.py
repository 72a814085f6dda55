# Old tutorials wrap tensors in Variable; since PyTorch 0.4 Variable(t) simply returns a Tensor.
import torch
from torch.autograd import Variable

x = Variable(torch.ones(2, 2), requires_grad=True)
print(x)
print("type:", type(x).__name__, "| is a Tensor:", isinstance(x, torch.Tensor))
y = x + 2
z = y * y * 3
out = z.mean()
print(z, out)
out.backward()
print(x.grad)
print("x.data:", x.data)
v = Variable(torch.tensor([1.0, 2.0]))
print("Variable without requires_grad:", v.requires_grad)
