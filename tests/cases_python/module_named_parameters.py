# Print every parameter of a model with named_parameters(): name, shape, requires_grad and dtype.
import torch
from torch import nn

net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
for name, param in net.named_parameters():
    print(f"{name:<10} {str(tuple(param.shape)):<8} requires_grad={param.requires_grad} {param.dtype}")
print(net[2].state_dict())
print(net[2].bias.data)
print(net[0].weight[:2])
print("parameter names:", [n for n, _ in net.named_parameters()])
print("children:", [type(m).__name__ for m in net.children()])
