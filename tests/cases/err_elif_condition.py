# expect-error: RuntimeError
import torch
x = torch.tensor([1.0, 2.0])
if x.sum() > 10:
    print("big")
elif x > 1:
    print("never")
