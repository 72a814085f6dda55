# Element-wise ops need broadcastable shapes: (3,) and (4,) are not, so RuntimeError.
import torch

pred = torch.randn(3, requires_grad=True)
target = torch.randn(3)
print("loss ok:", ((pred - target) ** 2).mean().item() > 0)
target = torch.randn(4)
loss = ((pred - target) ** 2).mean()
