import torch
import torch.nn.functional as fun
import torch as th
x = th.tensor([1.0, -1.0], requires_grad=True)
y = fun.relu(x).sum()
y.backward()
print(x.grad, y)
