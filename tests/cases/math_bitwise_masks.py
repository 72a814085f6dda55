import torch
x = torch.tensor([[0.5, -1.0], [2.0, 3.0]])
b = x > 0
print(b & (x < 3), b | (x < 0), b ^ True)
print(x[(x > 0) & (x < 3)])
print(6 & 3, 6 | 3, 6 ^ 3, 1 << 4, 256 >> 2)
