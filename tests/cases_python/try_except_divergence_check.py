# A custom exception class used to stop a training loop when the loss blows up.
import math

import torch


class DivergedError(Exception):
    def __init__(self, step, value):
        super().__init__(f"loss became {value} at step {step}")
        self.step = step


def train(lr):
    w = torch.tensor([1.0, -1.0], requires_grad=True)
    for step in range(30):
        loss = (w ** 4).sum()
        if not math.isfinite(loss.item()) or loss.item() > 1e6:
            raise DivergedError(step, loss.item())
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad.zero_()
    return loss.item()


for lr in [0.01, 0.1, 1.0]:
    try:
        final = train(lr)
        print(f"lr={lr}: final loss {final:.6f}")
    except DivergedError as e:
        print(f"lr={lr}: diverged ({e}); step attribute = {e.step}")
