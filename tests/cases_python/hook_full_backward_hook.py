# register_full_backward_hook on a module: see grad_input and grad_output shapes during backward.
import torch
from torch import nn

model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
log = []


def backward_hook(module, grad_input, grad_output):
    gi = [None if g is None else tuple(g.shape) for g in grad_input]
    go = [tuple(g.shape) for g in grad_output]
    log.append(f"{type(module).__name__}: grad_input {gi} grad_output {go}")


for m in model:
    m.register_full_backward_hook(backward_hook)
x = torch.randn(5, 3, requires_grad=True)
model(x).sum().backward()
print("\n".join(log))
print("x.grad shape:", tuple(x.grad.shape))
