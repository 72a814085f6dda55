# A tensor hook must return a gradient of the same shape; changing it raises RuntimeError.
import torch

x = torch.ones(3, requires_grad=True)
h = x.register_hook(lambda g: g * 10)
(x * 2).sum().backward()
print("a hook that keeps the shape is fine:", x.grad)
h.remove()
x.grad = None
x.register_hook(lambda g: g[:2])
print("now a hook that drops an element...")
(x * 2).sum().backward()
