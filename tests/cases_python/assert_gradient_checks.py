# Use assert statements to compare autograd results with hand-derived formulas.
import torch

x = torch.linspace(-2, 2, 9, requires_grad=True)
y = torch.sin(x) * x
y.sum().backward()
expected = torch.cos(x) * x + torch.sin(x)
assert torch.allclose(x.grad, expected), "product rule failed"
print("product rule ok, max error:", (x.grad - expected).abs().max().item())

x.grad = None
z = torch.sigmoid(x)
z.sum().backward()
s = torch.sigmoid(x.detach())
assert torch.allclose(x.grad, s * (1 - s))
print("sigmoid derivative ok")

x.grad = None
torch.log1p(x ** 2).sum().backward()
assert torch.allclose(x.grad, 2 * x / (1 + x ** 2)), "chain rule failed"
print("chain rule ok")
assert x.grad.shape == x.shape
print("all", 4, "checks passed")
