# Catch the "backward through the graph a second time" error, then fix it with retain_graph=True.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x.exp() * x).sum()
y.backward()
print("first backward ok, grad:", x.grad)
try:
    y.backward()
except RuntimeError as e:
    print("caught RuntimeError:", str(e).split(".")[0])
else:
    print("no error?!")

x.grad = None
y = (x.exp() * x).sum()
y.backward(retain_graph=True)
y.backward()
print("with retain_graph the gradients add up:", x.grad)
