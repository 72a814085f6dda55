import torch
x = torch.tensor([[1.0, 5.0], [7.0, 2.0]])
r = x.max(dim=0)
print(r)
print(r.values, r.indices, r[0], r[1])
v, i = torch.min(x, 1)
print(v, i)
print(x.max(dim=1, keepdim=True))
