# autograd.grad with allow_unused=True returns None for inputs the output does not depend on; materialize_grads gives zeros.
import torch

a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
c = torch.tensor(4.0, requires_grad=True)
y = a * b
ga, gb, gc = torch.autograd.grad(y, [a, b, c], allow_unused=True, retain_graph=True)
print("grads:", ga, gb, gc)
grads = torch.autograd.grad(y, [a, b, c], allow_unused=True, materialize_grads=True)
print("materialized:", grads)
try:
    torch.autograd.grad(y * 1, [c])
except RuntimeError as e:
    print("without allow_unused:", str(e).split(".")[0])
y2 = a * b
y2.backward(inputs=[a])
print("backward(inputs=[a]) only fills a.grad:", a.grad, b.grad)
