# Calling backward() a second time on a freed graph raises RuntimeError (use retain_graph=True).
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x.sigmoid() * x).sum()
y.backward()
print("first backward:", x.grad)
y.backward()
