# torch.set_printoptions changes precision, sci_mode and summarisation; restore the defaults afterwards.
import torch

t = torch.tensor([1.123456789, 1e-4, 12345.678])
print(t)
torch.set_printoptions(precision=2)
print(t)
torch.set_printoptions(sci_mode=False)
print(t)
torch.set_printoptions(precision=6)
print(torch.tensor([1 / 3, 2 / 3]))
torch.set_printoptions(threshold=5, edgeitems=2)
print(torch.arange(10.0))
torch.set_printoptions(profile="default")
print(t)
print(torch.arange(10.0))
