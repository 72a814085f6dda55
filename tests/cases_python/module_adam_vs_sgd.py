# Compare SGD and Adam on the same badly scaled quadratic.
import torch


def run(opt_cls, **kw):
    w = torch.tensor([3.0, 3.0], requires_grad=True)
    opt = opt_cls([w], **kw)
    history = []
    for step in range(60):
        opt.zero_grad()
        loss = 10 * w[0] ** 2 + 0.1 * w[1] ** 2
        loss.backward()
        opt.step()
        if step % 20 == 19:
            history.append(round(loss.item(), 4))
    return history, w.detach()


for cls, kw in [(torch.optim.SGD, {"lr": 0.04}), (torch.optim.Adam, {"lr": 0.1}), (torch.optim.RMSprop, {"lr": 0.05})]:
    hist, w = run(cls, **kw)
    print(f"{cls.__name__:8s} {kw} losses every 20 steps: {hist} final w: {[round(v, 4) for v in w.tolist()]}")
