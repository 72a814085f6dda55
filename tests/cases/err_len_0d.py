# expect-error: TypeError
import torch
x = torch.tensor(3.0)
print(x.dim())
print(len(x))
