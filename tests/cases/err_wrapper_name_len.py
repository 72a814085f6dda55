# expect-error: TypeError
import torch
print(len(torch.ones(3)))
print(len(torch))
