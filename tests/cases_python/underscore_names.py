# The many uses of _: throwaway loop variables, ignored tuple parts, trailing-underscore in-place ops.
import torch

for _ in range(2):
    print("warm-up iteration")

values, _ = torch.tensor([[1.0, 5.0], [7.0, 2.0]]).max(dim=1)
print("row maxima:", values)
_, idx = torch.tensor([3.0, 9.0, 4.0]).max(dim=0)
print("argmax:", idx.item())

w = torch.empty(3)
w.fill_(0.5)
w.mul_(4).add_(1)
print("in-place ops end with _:", w)
big = 1_000_000
print("numeric literal with underscores:", big, f"{big:_}")
_private = torch.arange(3.0, requires_grad=True)
(_private * 2).sum().backward()
print("_private.grad:", _private.grad)
a, *_, z = range(6)
print(a, z)
