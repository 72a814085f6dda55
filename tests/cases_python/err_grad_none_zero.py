# Zeroing gradients before the first backward: w.grad is None, so AttributeError.
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
print("w.grad before backward:", w.grad)
for step in range(3):
    w.grad.zero_()
    loss = (w ** 2).sum()
    loss.backward()
