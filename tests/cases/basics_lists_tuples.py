import torch
xs = [1, 2, 3, 4, 5]
print(xs[0], xs[-1], xs[1:3], xs[::2], xs[::-1], len(xs))
xs[0] = 10
print(xs)
t = (torch.ones(1), torch.zeros(1))
print(t[0] + t[1])
s = torch.ones(2, 3, 4).shape
print(s, s[0], s[-1], s[1:], len(s))
total = 0
for d in s:
    total = total + d
print(total)
for item in [1.5, "two", None]:
    print(item)
for v in (3, 2, 1):
    print(v, end=" ")
print()
nested = [[1, 2], [3, 4]]
print(nested[1][0], nested + [[5]], [0] * 3, (1, 2) + (3,))

print(torch.Size([2, 3]), torch.Size([2, 3]) == (2, 3))
