# expect-error: RuntimeError
import torch
x = torch.tensor([0.5, 2.0])
print(x > 1)
if x > 1:
    print("never")
