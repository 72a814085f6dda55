import torch
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
x = torch.zeros(2, 3)
rows, cols = x.shape
print(rows, cols)
f, g = [10, 20]
print(f + g)
p, q = torch.tensor([1.5, 2.5])
print(p, q)
values, indices = torch.tensor([[1.0, 5.0], [7.0, 2.0]]).max(dim=1)
print(values, indices)
t = 1, 2, 3
print(t, len(t), t[0], t[-1], t[1:])
