# expect-error: RuntimeError
import torch
x = torch.ones(2, requires_grad=True)
x.grad = torch.ones(2)
print(x.grad)
x.grad = torch.ones(3)
