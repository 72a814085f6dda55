# expect-error: ValueError
import torch
x = torch.ones(3)
print(float(x[0]))
print(float(x))
