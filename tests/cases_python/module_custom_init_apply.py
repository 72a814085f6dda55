# model.apply(fn) to initialise weights: constant, normal and Xavier initialisation.
import torch
from torch import nn


def init_normal(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, mean=0, std=0.01)
        nn.init.zeros_(m.bias)


def init_constant(m):
    if isinstance(m, nn.Linear):
        nn.init.constant_(m.weight, 1)
        nn.init.zeros_(m.bias)


net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
net.apply(init_normal)
print(net[0].weight.data[0], net[0].bias.data[0])
net.apply(init_constant)
print(net[0].weight.data[0], net[0].bias.data[0])
nn.init.xavier_uniform_(net[0].weight)
print("xavier bound:", round((6 / (4 + 8)) ** 0.5, 4), "max |w|:", round(net[0].weight.abs().max().item(), 4))
with torch.no_grad():
    net[2].weight[:] = 2.0
    net[2].weight[0, 0] = 42
print(net[2].weight.data)
