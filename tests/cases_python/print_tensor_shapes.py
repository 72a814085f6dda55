# Printing tensors of many shapes: 0-d, empty, 1-d, 3-d, and a large one that gets summarised with "...".
import torch

print(torch.tensor(7.5))
print(torch.empty(0), torch.zeros(0, 3))
print(torch.arange(6.0))
print(torch.arange(12).reshape(2, 2, 3))
print(torch.ones(1, 1, 1))
big = torch.arange(2000.0).reshape(40, 50)
print(big)
print(torch.arange(1001))
print(torch.zeros(2, 3).shape, torch.zeros(2, 3).size(1), torch.zeros(2, 3).ndim, torch.zeros(2, 3).dim())
print(torch.randn(2, 3).mT.shape, list(torch.zeros(4, 1, 2).squeeze().shape))
