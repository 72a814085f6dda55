# Every in-place op bumps a tensor's _version; autograd compares versions of saved tensors.
import torch

a = torch.zeros(3)
print("start:", a._version)
a.add_(1)
a[0] = 5
a.mul_(2)
print("after three in-place ops:", a._version, a)
b = a.view(3)
b += 1
print("view and base share the counter:", a._version, b._version)
c = a + 1
print("out-of-place result starts at", c._version)

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 1
s = y.sin()
print("y version before:", y._version)
y.add_(1)
print("y version after add_:", y._version)
try:
    s.sum().backward()
except RuntimeError as e:
    print("backward failed:", str(e).split(";")[0])
