import torch
x = torch.tensor(1.0, requires_grad=True)
with torch.no_grad(), torch.enable_grad():
    y = x * 2
print(y.requires_grad)
ctx = torch.no_grad()
with ctx:
    z = x * 2
print(z.requires_grad)
with torch.enable_grad(), torch.no_grad():
    u = x * 2
print(u.requires_grad, torch.is_grad_enabled())
