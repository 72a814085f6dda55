# KeyError when looking up a state_dict entry by the wrong name.
import torch
from torch import nn

model = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
sd = model.state_dict()
print("keys:", list(sd))
print("first weight shape:", sd["0.weight"].shape)
print(sd["fc1.weight"])
