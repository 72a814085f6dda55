# Forgetting super().__init__() in an nn.Module subclass: assigning a layer raises AttributeError.
import torch
from torch import nn


class Good(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)


class Forgetful(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(2, 2)


print(Good())
Forgetful()
