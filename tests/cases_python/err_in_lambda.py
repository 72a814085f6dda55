# An error inside a lambda: .item() on a tensor with more than one element raises RuntimeError.
import torch

to_float = lambda t: t.item()
print("scalar:", to_float(torch.tensor(2.5)))
losses = [torch.tensor(0.3), torch.tensor([0.2, 0.1])]
print(sorted(losses, key=lambda t: t.item()))
