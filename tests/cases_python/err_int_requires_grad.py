# Only floating point and complex tensors can require gradients: an integer tensor raises RuntimeError.
import torch

ok = torch.tensor([1.0, 2.0], requires_grad=True)
print("float tensor:", ok)
labels = torch.tensor([1, 2, 3], requires_grad=True)
