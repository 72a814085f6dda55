# expect-error: TypeError
import torch
x = torch.tensor([1.5])
print(abs(x), float(x))
print(float(torch.ones))
