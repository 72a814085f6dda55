# expect-error: RuntimeError
import torch
x = torch.tensor([0.5, 2.0])
print(0 < x)
ok = 0 < x < 1
