# SGD with momentum (and Nesterov) versus plain SGD on the Rosenbrock function.
import torch


def rosenbrock(p):
    x, y = p
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


for kw in [{"momentum": 0.0}, {"momentum": 0.9}, {"momentum": 0.9, "nesterov": True}]:
    p = torch.tensor([-1.5, 2.0], requires_grad=True)
    opt = torch.optim.SGD([p], lr=1e-3, **kw)
    for step in range(200):
        opt.zero_grad()
        loss = rosenbrock(p)
        loss.backward()
        opt.step()
    print(kw, "-> point", [round(v, 4) for v in p.tolist()], "loss", round(rosenbrock(p).item(), 5))
print(opt.state_dict()["state"][0]["momentum_buffer"].shape)
