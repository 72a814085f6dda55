import torch
x = torch.zeros(3)
print(x._version)
x.add_(1)
x.mul_(2)
print(x._version)
x[0] = 5.0
print(x._version)
x += 1
print(x._version, x)
y = x.view(3, 1)
y.zero_()
print(x._version, y._version, x)
w = torch.ones(2, requires_grad=True)
w.data.mul_(10)
print(w._version, w)
with torch.no_grad():
    w.mul_(10)
print(w._version, w)
z = x + 0
z = z * 2
print(z._version)
