# A dataclass holding training hyper-parameters, used to drive a small optimisation loop.
from dataclasses import asdict, dataclass, field, replace

import torch


@dataclass
class TrainConfig:
    lr: float = 0.1
    steps: int = 20
    momentum: float = 0.0
    tags: list = field(default_factory=list)


def run(cfg):
    w = torch.tensor([2.0, -2.0], requires_grad=True)
    opt = torch.optim.SGD([w], lr=cfg.lr, momentum=cfg.momentum)
    for _ in range(cfg.steps):
        opt.zero_grad()
        loss = (w ** 2).sum()
        loss.backward()
        opt.step()
    return (w ** 2).sum().item()


base = TrainConfig(tags=["baseline"])
print(base)
print(asdict(base))
for cfg in [base, replace(base, momentum=0.9, tags=["momentum"]), replace(base, lr=0.01)]:
    print(f"{cfg.tags or ['-']} lr={cfg.lr} momentum={cfg.momentum}: final loss {run(cfg):.3e}")
print(TrainConfig() == TrainConfig(), TrainConfig(lr=0.2) == TrainConfig())
