import torch
a = b = torch.zeros(2)
a += 1
print(a, b, a is b)
x = y = 5
x += 1
print(x, y)
p, q = r = 1, 2
print(p, q, r)
