# Functions with default and keyword arguments used to build a loss, and the gradients they give.
import torch


def huber(pred, target, delta=1.0, reduction="mean"):
    diff = (pred - target).abs()
    quad = torch.clamp(diff, max=delta)
    lin = diff - quad
    loss = 0.5 * quad ** 2 + delta * lin
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


pred = torch.tensor([0.5, 2.0, -3.0], requires_grad=True)
target = torch.zeros(3)
for kwargs in [{}, {"delta": 2.0}, {"reduction": "sum"}, {"delta": 0.5, "reduction": "sum"}]:
    pred.grad = None
    loss = huber(pred, target, **kwargs)
    loss.backward()
    print(kwargs, "loss=%.4f" % loss.item(), "grad =", pred.grad.tolist())

per_elem = huber(pred, target, reduction="none")
print(per_elem)
