import torch
x = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])
mask = x > 0
print(mask)
print(x[mask])
print(x[x < 0], x[x > 100], x[~mask].sum())
print(x[torch.tensor([True, False])])
y = x.clone()
y[y < 0] = 0.0
print(y)
y[mask] = y[mask] * 10
print(y)
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
s = w[w > 1.5].sum()
s.backward()
print(w.grad, s)
