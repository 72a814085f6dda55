# Gradients accumulate across backward calls; zero them (or set None) between steps, or use it on purpose.
import torch

w = torch.tensor(1.0, requires_grad=True)
for i in range(3):
    (w * (i + 1)).backward()
    print(f"after backward #{i + 1}: w.grad = {w.grad.item()}")
w.grad.zero_()
print("zeroed:", w.grad.item())
w.grad = None
print("set to None:", w.grad)

data = torch.arange(8.0)
full = torch.tensor(0.5, requires_grad=True)
((full * data - 1) ** 2).mean().backward()
micro = torch.tensor(0.5, requires_grad=True)
for chunk in data.split(2):
    (((micro * chunk - 1) ** 2).sum() / len(data)).backward()
print("full batch grad:", full.grad.item(), "accumulated micro-batches:", micro.grad.item())
