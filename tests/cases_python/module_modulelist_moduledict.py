# nn.ModuleList and nn.ModuleDict register sub-modules; a plain Python list would hide them.
import torch
from torch import nn


class Tower(nn.Module):
    def __init__(self, depth):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(4, 4) for _ in range(depth)])
        self.heads = nn.ModuleDict({"cls": nn.Linear(4, 3), "reg": nn.Linear(4, 1)})
        self.hidden_list = [nn.Linear(4, 4)]

    def forward(self, x, head="cls"):
        for layer in self.layers:
            x = torch.tanh(layer(x))
        return self.heads[head](x)


t = Tower(2)
print(t)
print("registered parameter tensors:", len(list(t.parameters())))
x = torch.randn(2, 4)
print("cls output shape:", t(x).shape, "reg output shape:", t(x, head="reg").shape)
print(list(t.heads.keys()), len(t.layers))
