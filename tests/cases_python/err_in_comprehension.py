# An error inside a list comprehension: normalising gradients when one of them is all zeros.
import torch

a = torch.tensor([3.0, 4.0], requires_grad=True)
b = torch.tensor([1.0, 1.0], requires_grad=True)
(a * 2).sum().backward()
b.grad = torch.zeros(2)
norms = [p.grad.norm().item() for p in (a, b)]
print("norms:", norms)
scaled = [1.0 / n for n in norms]
