# expect-error: RuntimeError
import torch
x = torch.ones(2, requires_grad=True)
with torch.no_grad():
    print(torch.is_grad_enabled())
    y = x * 2
    y.backward(torch.ones(2))
print("never")
