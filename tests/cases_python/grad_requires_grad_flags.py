# requires_grad propagates to results; requires_grad_() flips it in place on leaves; is_leaf rules.
import torch

a = torch.randn(2)
print("default requires_grad:", a.requires_grad)
b = a * 2
print("b requires_grad:", b.requires_grad, "b.is_leaf:", b.is_leaf)
a.requires_grad_()
c = a * 2
print("after a.requires_grad_():", c.requires_grad, "c.is_leaf:", c.is_leaf, "grad_fn:", c.grad_fn.name())
d = torch.ones(2, requires_grad=True)
print("d.is_leaf:", d.is_leaf, "mixed op requires grad:", (d + torch.ones(2)).requires_grad)
print("detached is a leaf:", (d * 3).detach().is_leaf)
e = torch.tensor([1.0, 2.0]).requires_grad_(True)
print("chained constructor:", e)
print("float tensor made from int:", torch.arange(3).float().requires_grad_().dtype)
