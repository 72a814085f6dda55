# An assert comparing a hand-written derivative with autograd fails (the formula has a bug): AssertionError.
import torch

x = torch.linspace(0.1, 2.0, 5, requires_grad=True)
(x * torch.log(x)).sum().backward()
correct = torch.log(x.detach()) + 1
assert torch.allclose(x.grad, correct)
print("d/dx x log x = log x + 1: ok")
buggy = torch.log(x.detach())
assert torch.allclose(x.grad, buggy), f"max error {(x.grad - buggy).abs().max().item():.1f}"
