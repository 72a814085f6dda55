# Modifying in place a tensor that autograd saved for backward makes backward fail with RuntimeError.
import torch

x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
y = x.exp()
z = (y * 2).sum()
print("y version before:", y._version)
y.add_(1)
print("y version after:", y._version)
loss = y.sum() + z
loss.backward()
