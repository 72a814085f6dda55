# expect-error: ValueError
import torch
a, b = 1, 2
print(a, b)
a, b = torch.ones(3)
