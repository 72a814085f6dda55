# A shape mismatch inside nn.Module.forward: the flattened size does not match the Linear layer.
import torch
from torch import nn


class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, kernel_size=3)
        self.fc = nn.Linear(2 * 6 * 6, 10)

    def forward(self, x):
        x = torch.relu(self.conv(x))
        x = x.flatten(1)
        return self.fc(x)


net = SmallCNN()
print("8x8 input:", net(torch.randn(1, 1, 8, 8)).shape)
print("trying a 10x10 input")
net(torch.randn(1, 1, 10, 10))
