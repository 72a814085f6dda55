import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.inference_mode():
    y = x * 2
    print(torch.is_grad_enabled(), y.requires_grad, y.grad_fn)
print(y)
with torch.inference_mode(False):
    z = x * 2
print(z.requires_grad, z.grad_fn)
with torch.inference_mode():
    with torch.inference_mode(False):
        w = x * 3
    print(w.requires_grad)
