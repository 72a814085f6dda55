# Non-leaf tensors drop their .grad unless retain_grad() is called; is_leaf and grad_fn explain why.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
z = y ** 2
y.retain_grad()
out = z.mean()
out.backward()
print("x is_leaf:", x.is_leaf, "| y is_leaf:", y.is_leaf, "| retains_grad:", y.retains_grad)
print("x.grad:", x.grad)
print("y.grad:", y.grad)
print("z.retains_grad:", z.retains_grad)
print("y.grad_fn:", y.grad_fn.name(), "| x.grad_fn:", x.grad_fn)
w = torch.ones(2, requires_grad=True) * 1.0
w.retain_grad()
(w * torch.tensor([3.0, 4.0])).sum().backward()
print("retained grad of a computed tensor:", w.grad)
