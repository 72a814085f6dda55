# Updating a leaf that requires grad in place, outside torch.no_grad(), raises RuntimeError.
import torch

w = torch.tensor([0.5, -0.5], requires_grad=True)
loss = (w ** 2).sum()
loss.backward()
print("grad:", w.grad)
lr = 0.1
w -= lr * w.grad
print("never printed")
