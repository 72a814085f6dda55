# expect-error: RuntimeError
import torch
a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
y = a * 4
print("before")
grads = torch.autograd.grad(y, [a, b])
print("never")
