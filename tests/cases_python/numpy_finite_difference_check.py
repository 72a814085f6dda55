# Check autograd against a central finite difference computed in numpy.
import numpy as np
import torch


def f_np(x):
    return np.sum(np.tanh(x) * x ** 2)


def f_t(x):
    return (torch.tanh(x) * x ** 2).sum()


x0 = np.array([0.3, -1.2, 2.0])
eps = 1e-6
num_grad = np.zeros_like(x0)
for i in range(len(x0)):
    e = np.zeros_like(x0)
    e[i] = eps
    num_grad[i] = (f_np(x0 + e) - f_np(x0 - e)) / (2 * eps)

xt = torch.tensor(x0, requires_grad=True)
f_t(xt).backward()
auto = xt.grad.numpy()
np.set_printoptions(precision=6)
print("numerical:", num_grad)
print("autograd :", auto)
print("max abs difference < 1e-8:", bool(np.max(np.abs(num_grad - auto)) < 1e-8))
