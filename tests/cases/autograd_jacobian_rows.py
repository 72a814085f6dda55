import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.stack([x[0] * x[1], x[1] ** 2, x.sum()])
for i in range(3):
    v = torch.zeros(3)
    v[i] = 1.0
    (row,) = torch.autograd.grad(y, x, grad_outputs=v, retain_graph=True)
    print(i, row)
print(x.grad)
