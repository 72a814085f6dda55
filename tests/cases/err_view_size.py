# expect-error: RuntimeError
import torch
x = torch.arange(6.0)
print(x.view(2, 3))
y = x.view(4, 2)
