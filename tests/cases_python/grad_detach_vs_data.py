# detach() vs .data: both share storage, but only detach() lets autograd catch unsafe in-place edits.
import torch

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
out = a.sigmoid()
c = out.detach()
print("detached requires_grad:", c.requires_grad, "shares storage:", c.data_ptr() == out.data_ptr())
c.zero_()
print("out was zeroed too:", out)
try:
    out.sum().backward()
except RuntimeError as e:
    print("detach(): autograd noticed ->", str(e)[:60] + "...")

a.grad = None
out = a.sigmoid()
d = out.data
d.zero_()
out.sum().backward()
print(".data: no error, but the gradient is silently wrong:", a.grad)

x = torch.tensor(2.0, requires_grad=True)
y = x * x
u = y.detach()
z = u * x
z.backward()
print("gradient treating u as constant:", x.grad.item(), "== u:", u.item())
