import torch
z = 1 + 2j
print(z, z * 2, abs(3 + 4j))
t = torch.tensor([1 + 2j, 3 - 1j])
print(t, t.dtype, t.abs())
