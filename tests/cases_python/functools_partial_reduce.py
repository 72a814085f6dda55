# functools.partial to fix loss arguments and functools.reduce to compose functions.
from functools import partial, reduce

import torch
import torch.nn.functional as F

smooth_l1 = partial(F.smooth_l1_loss, beta=0.5)
pred = torch.tensor([0.2, 1.5, -2.0], requires_grad=True)
target = torch.zeros(3)
loss = smooth_l1(pred, target)
loss.backward()
print("smooth L1:", round(loss.item(), 5), "grad:", pred.grad)

layers = [lambda t: t * 2, torch.sin, lambda t: t + 1, torch.exp]
compose = partial(reduce, lambda acc, f: f(acc), layers)
x = torch.tensor(0.3, requires_grad=True)
y = compose(x)
y.backward()
print("y = exp(sin(2x) + 1) =", round(y.item(), 5))
print("dy/dx =", round(x.grad.item(), 5))
prod = reduce(lambda a, b: a * b, [torch.tensor(v, requires_grad=True) for v in [1.0, 2.0, 3.0, 4.0]])
print("product:", prod.item(), type(prod.grad_fn).__name__)
