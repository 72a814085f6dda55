import torch
print(torch.is_grad_enabled())
x = torch.ones(1, requires_grad=True)
with torch.inference_mode():
    y = x * 2
print(torch.is_grad_enabled(), y.requires_grad)
