# Mixing float32 weights with float64 data in a Linear layer raises RuntimeError.
import numpy as np
import torch
from torch import nn

layer = nn.Linear(3, 1)
data = torch.from_numpy(np.ones((2, 3)))
print("data dtype:", data.dtype, "weight dtype:", layer.weight.dtype)
print("after .float():", layer(data.float()).shape)
layer(data)
