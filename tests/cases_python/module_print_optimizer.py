# print(optimizer) shows its parameter groups and hyper-parameters; param_groups is a list of dicts.
import torch
from torch import nn

model = nn.Linear(2, 2)
sgd = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
print(sgd)
adam = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.99), weight_decay=1e-4)
print(adam)
group = adam.param_groups[0]
print(sorted(k for k in group if k != "params"))
print("lr:", group["lr"], "betas:", group["betas"], "n params:", len(group["params"]))
print(type(sgd).__name__, isinstance(adam, torch.optim.Optimizer))
