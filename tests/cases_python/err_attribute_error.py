# AttributeError: the module has no sub-module with that name.
import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 4)
        self.fc2 = nn.Linear(4, 1)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


m = MLP()
print("fc2 weight shape:", m.fc2.weight.shape)
print(m.fc3.weight.shape)
