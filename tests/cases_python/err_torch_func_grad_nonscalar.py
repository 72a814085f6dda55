# torch.func.grad needs a function returning a scalar; returning a vector raises RuntimeError.
import torch
from torch.func import grad

print("scalar output ok:", grad(lambda x: (x ** 2).sum())(torch.tensor([1.0, 2.0])))
grad(lambda x: x ** 2)(torch.tensor([1.0, 2.0]))
