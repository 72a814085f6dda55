# expect: RuntimeError
# torch.save to a path next to the script; the sandbox denies the write and torch's zip writer reports it as RuntimeError, not PermissionError.
import os

import torch
from torch import nn

net = nn.Linear(3, 1)
print("state_dict keys:", list(net.state_dict()))
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "linear_checkpoint.pt")
torch.save(net.state_dict(), path)
print("saved", os.path.getsize(path) > 0)
os.remove(path)
