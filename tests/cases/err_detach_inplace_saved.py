# expect-error: RuntimeError
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.exp()
d = y.detach()
d.add_(1)
print(y._version, d._version)
y.sum().backward()
