import torch
x = torch.tensor([1.0, 2.0, 3.0])
x[0], x[1] = x[1], x[0]
print(x)
y = torch.tensor([1.0, 2.0, 3.0])
y[0], y[1] = y[1].item(), y[0].item()
print(y)
z = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
z[0], z[1] = z[1].clone(), z[0].clone()
print(z)
