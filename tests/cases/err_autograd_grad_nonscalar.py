# expect-error: RuntimeError
import torch
x = torch.ones(3, requires_grad=True)
y = x * x
g = torch.autograd.grad(y, x)
