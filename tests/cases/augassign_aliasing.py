import torch
a = torch.zeros(2)
b = a
b += 1
print(a, a is b)
b = b + 1
print(a, a is b)
xs = [1]
ys = xs
ys += [2]
print(xs, ys)
t = (1,)
u = t
u += (2,)
print(t, u)
x = torch.zeros(3)
x[0] += 5
x[1:] -= 1
print(x)
w = torch.ones(2, requires_grad=True)
w.data[0] += 10
w.data *= 2
print(w)
v = x[1:]
v *= 3
print(x, x._version)
n = 5
m = n
m += 1
print(n, m)
