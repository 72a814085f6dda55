# expect-error: RuntimeError
import torch
with torch.inference_mode():
    t = torch.ones(2)
print(t.requires_grad)
t.requires_grad_()
