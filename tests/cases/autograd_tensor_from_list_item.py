# expect-warning: Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
print(y.tolist(), y.sum().item(), x[0].item())
print(f"{y.sum().item():.2f}", float(y.sum()), y.numel(), y.dim())
print(y.detach().tolist(), y.max().item())
