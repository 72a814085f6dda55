# expect-error: TypeError
import torch
print("start")
with torch.set_grad_enabled("yes", "no"):
    print("never")
