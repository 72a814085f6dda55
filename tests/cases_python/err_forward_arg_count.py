# Calling a module with too many arguments: TypeError from forward().
import torch
from torch import nn


class Scale(nn.Module):
    def __init__(self):
        super().__init__()
        self.s = nn.Parameter(torch.tensor(2.0))

    def forward(self, x):
        return self.s * x


m = Scale()
x = torch.ones(2)
print(m(x))
m(x, torch.zeros(2))
