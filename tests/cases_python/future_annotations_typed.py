# from __future__ import annotations: type hints stay strings and never get evaluated.
from __future__ import annotations

import torch


def mse(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return ((pred - target) ** 2).mean()


class Scaler:
    factor: float

    def __init__(self, factor: float) -> None:
        self.factor = factor

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.factor

    def combine(self, other: Scaler) -> Scaler:
        return Scaler(self.factor * other.factor)


print(mse.__annotations__)
print(Scaler.__annotations__)
s = Scaler(2.0).combine(Scaler(1.5))
x = torch.tensor([1.0, 2.0], requires_grad=True)
loss = mse(s(x), torch.tensor([3.0, 3.0]))
loss.backward()
print("factor", s.factor, "loss", loss.item(), "grad", x.grad)
