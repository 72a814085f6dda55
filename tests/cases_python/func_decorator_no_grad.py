# torch.no_grad() used as a decorator, and a home-made decorator that counts calls.
import functools

import torch


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


@torch.no_grad()
def evaluate(w, x):
    return (w * x).sum()


@counted
def loss_fn(w, x):
    return ((w * x).sum() - 1.0) ** 2


w = torch.tensor([0.5, -0.5], requires_grad=True)
x = torch.tensor([1.0, 2.0])
e = evaluate(w, x)
print("evaluate:", e, "requires_grad:", e.requires_grad)
for _ in range(3):
    loss = loss_fn(w, x)
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    w.grad.zero_()
    print("loss %.4f" % loss.item())
print("loss_fn was called", loss_fn.calls, "times; its name is", loss_fn.__name__)
print("final w:", w)
