# expect-error: RuntimeError
import torch
import torch.nn.functional as F
p = torch.tensor([1.5, 0.5])
t = torch.tensor([1.0, 0.0])
loss = F.binary_cross_entropy(p, t)
