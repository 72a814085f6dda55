# expect-error: NameError
import torch
x = torch.ones(1)
print(x)
print(y)
