# Subclass nn.Module: call super().__init__(), define layers in __init__ and the computation in forward.
import torch
from torch import nn
import torch.nn.functional as F


class MLP(nn.Module):
    def __init__(self, n_in=4, n_hidden=8, n_out=3):
        super().__init__()
        self.hidden = nn.Linear(n_in, n_hidden)
        self.out = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        return self.out(F.relu(self.hidden(x)))


net = MLP()
print(net)
X = torch.rand(2, 4)
y = net(X)
print("output shape:", y.shape)
print(y)
print("number of parameters:", sum(p.numel() for p in net.parameters()))
y.sum().backward()
print("hidden.bias.grad:", net.hidden.bias.grad)
