import torch
x = torch.zeros(3, 4)
x[0] = 1.0
x[1, 2] = 5
x[2, 1:3] = torch.tensor([7.0, 8.0])
x[:, -1] = -1
x[..., 0] = 2
print(x)
w = torch.ones(3, requires_grad=True)
w.data[0] = 10.0
print(w, w.is_leaf, w._version)
with torch.no_grad():
    w[1] = 20.0
print(w, w._version)
y = w * 2
y[0] = 0.0
print(y)
y.sum().backward()
print(w.grad)
