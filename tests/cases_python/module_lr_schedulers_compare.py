# MultiStepLR, ExponentialLR, CosineAnnealingLR and LambdaLR side by side.
import math

import torch
from torch.optim import lr_scheduler


def lrs(make, epochs=8):
    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=1.0)
    sched = make(opt)
    out = []
    for _ in range(epochs):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out


makers = {
    "MultiStepLR": lambda o: lr_scheduler.MultiStepLR(o, milestones=[2, 5], gamma=0.1),
    "ExponentialLR": lambda o: lr_scheduler.ExponentialLR(o, gamma=0.8),
    "CosineAnnealingLR": lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=8),
    "LambdaLR": lambda o: lr_scheduler.LambdaLR(o, lr_lambda=lambda e: 1 / (1 + e)),
}
for name, make in makers.items():
    print(f"{name:18s}", " ".join(f"{v:.4f}" for v in lrs(make)))
print("cosine check:", round(0.5 * (1 + math.cos(math.pi * 3 / 8)), 4))
