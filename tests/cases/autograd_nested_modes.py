import torch
x = torch.tensor(1.0, requires_grad=True)
with torch.no_grad():
    a = x * 2
    with torch.enable_grad():
        b = x * 2
        with torch.no_grad():
            c = x * 2
        print(torch.is_grad_enabled())
    d = x * 2
    print(torch.is_grad_enabled())
print(a.requires_grad, b.requires_grad, c.requires_grad, d.requires_grad)
with torch.enable_grad():
    with torch.set_grad_enabled(False):
        e = x * 2
        with torch.set_grad_enabled(True):
            f = x * 2
print(e.requires_grad, f.requires_grad, torch.is_grad_enabled())
with torch.no_grad():
    with torch.no_grad():
        g = x + 1
    h = x + 1
print(g.requires_grad, h.requires_grad)
b.backward()
print(x.grad)
