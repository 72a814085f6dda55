# Per-parameter-group options: a smaller learning rate for the backbone than for the head.
import torch
from torch import nn

backbone = nn.Linear(3, 3)
head = nn.Linear(3, 1)
opt = torch.optim.SGD([
    {"params": backbone.parameters(), "lr": 1e-3},
    {"params": head.parameters()},
], lr=0.1, momentum=0.5)
for i, g in enumerate(opt.param_groups):
    print(f"group {i}: lr={g['lr']} momentum={g['momentum']} tensors={len(g['params'])}")
w_back = backbone.weight.clone()
w_head = head.weight.clone()
x = torch.randn(4, 3)
loss = head(torch.relu(backbone(x))).sum()
loss.backward()
opt.step()
print("backbone change:", round((backbone.weight - w_back).abs().max().item(), 6))
print("head change    :", round((head.weight - w_head).abs().max().item(), 6))
opt.add_param_group({"params": [nn.Parameter(torch.zeros(2))], "lr": 0.5})
print("groups now:", len(opt.param_groups), [g["lr"] for g in opt.param_groups])
