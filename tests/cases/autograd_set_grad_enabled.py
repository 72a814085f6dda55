import torch
x = torch.tensor(2.0, requires_grad=True)
print(torch.is_grad_enabled())
with torch.set_grad_enabled(False):
    y = x * 2
    print(torch.is_grad_enabled(), y.requires_grad)
print(torch.is_grad_enabled())
flag = True
with torch.set_grad_enabled(flag):
    z = x * 3
print(z.requires_grad, z.grad_fn)
torch.set_grad_enabled(False)
u = x * 4
print(torch.is_grad_enabled(), u.requires_grad)
torch.set_grad_enabled(True)
v = x * 5
print(torch.is_grad_enabled(), v.requires_grad)
