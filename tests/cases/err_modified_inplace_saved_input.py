# expect-error: RuntimeError
import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 1
c = b * b
b.mul_(3)
print("modified")
c.sum().backward()
