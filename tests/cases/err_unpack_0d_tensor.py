# expect-error: TypeError
import torch
loss = torch.tensor([1.0, 2.0]).sum()
print(loss)
l, oss = loss
