# expect-error: RuntimeError
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
w.grad = torch.ones(2)
print("sgd step")
w -= 0.1 * w.grad
