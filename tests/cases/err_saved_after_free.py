# expect-error: RuntimeError
import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * a
print(b.grad_fn._saved_self)
b.sum().backward()
print(b.grad_fn._saved_self)
