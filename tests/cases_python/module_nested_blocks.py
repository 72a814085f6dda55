# Nested blocks: named_modules(), children() and reaching into sub-modules by attribute and index.
import torch
from torch import nn


class NestMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 4), nn.ReLU())
        self.linear = nn.Linear(4, 2)

    def forward(self, X):
        return self.linear(self.net(X))


chimera = nn.Sequential(NestMLP(), nn.Linear(2, 3))
print(chimera)
for name, m in chimera.named_modules():
    print(repr(name), type(m).__name__)
print([type(c).__name__ for c in chimera.children()])
print(chimera[0].net[2].weight.shape)
out = chimera(torch.rand(2, 4))
out.mean().backward()
print("grad of deep bias:", chimera[0].net[0].bias.grad.shape, chimera[0].linear.bias.grad.shape)
