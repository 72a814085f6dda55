import torch
x = torch.ones(2, requires_grad=True)
with torch.no_grad() as ng:
    y = x * 2
print(ng, y.requires_grad)
with torch.set_grad_enabled(False) as s:
    z = x * 3
print(s, z.requires_grad)
with torch.enable_grad() as e, torch.no_grad() as n:
    w = x * 4
print(e, n, w.requires_grad)
