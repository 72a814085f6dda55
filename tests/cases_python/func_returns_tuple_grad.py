# A function returning several tensors: unpack them and backpropagate through a combination.
import torch


def polar(x, y):
    r = torch.sqrt(x ** 2 + y ** 2)
    theta = torch.atan2(y, x)
    return r, theta


x = torch.tensor(3.0, requires_grad=True)
y = torch.tensor(4.0, requires_grad=True)
r, theta = polar(x, y)
print("r =", r.item(), "theta = %.5f" % theta.item())
r.backward(retain_graph=True)
print("dr/dx, dr/dy =", x.grad.item(), y.grad.item())
x.grad = None
y.grad = None
theta.backward()
print("dtheta/dx = %.4f, dtheta/dy = %.4f" % (x.grad.item(), y.grad.item()))

out = polar(x, y)
print(type(out).__name__, len(out))
print([type(t.grad_fn).__name__ for t in out])
