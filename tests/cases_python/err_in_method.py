# An error raised inside a method: step() runs without a backward, so w.grad is None and the update raises TypeError.
import torch


class Trainer:
    def __init__(self, lr):
        self.w = torch.tensor([1.0, 1.0], requires_grad=True)
        self.lr = lr

    def loss(self, x):
        return (self.w * x).sum() ** 2

    def step(self):
        with torch.no_grad():
            self.w -= self.lr * self.w.grad
        self.w.grad = None


t = Trainer(0.01)
x = torch.tensor([1.0, 2.0])
t.loss(x).backward()
t.step()
print("after one step:", t.w)
t.loss(x)
t.step()
