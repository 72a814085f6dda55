# expect-error: RuntimeError
import torch
x = torch.ones(2, 3)
w = torch.ones(2, 3)
print("before")
y = (x
     @ w)
