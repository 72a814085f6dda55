# repr/str of Python floats versus tensors: why 0.1 + 0.2 is not 0.3 and how tensors print them.
import torch

print(0.1 + 0.2, repr(0.1 + 0.2), 0.1 + 0.2 == 0.3)
print(1 / 3, 2 / 3, 1e16, 1e-5, 123456789.0 * 10)
print(float("inf"), -float("inf"), float("nan"))
t = torch.tensor(0.1) + torch.tensor(0.2)
print(t, t.item(), repr(t.item()))
d = torch.tensor(0.1, dtype=torch.float64) + torch.tensor(0.2, dtype=torch.float64)
print(d, d.item())
print(torch.tensor([1e-8, 1.0, 1e8]))
print(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.5, 2.0]))
print(torch.tensor([float("inf"), float("nan"), -0.0]))
print(round(2.675, 2), round(torch.tensor(2.675).item(), 2))
print(torch.tensor(1 / 3).item(), torch.tensor(1 / 3, dtype=torch.float64).item())
