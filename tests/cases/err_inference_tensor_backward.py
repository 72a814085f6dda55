# expect-error: RuntimeError
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.inference_mode():
    x = torch.ones(2) * 3
print(x)
y = (w * x).sum()
y.backward()
print(w.grad)
x.add_(1)
