# Building an optimizer over a module without parameters raises ValueError.
import torch
from torch import nn

relu = nn.ReLU()
print("parameters of ReLU:", list(relu.parameters()))
opt = torch.optim.SGD(relu.parameters(), lr=0.1)
