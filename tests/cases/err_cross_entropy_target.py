# expect-error: RuntimeError
import torch
import torch.nn.functional as F
logits = torch.randn(2, 3)
target = torch.tensor([0.0, 2.0])
print(target.dtype)
loss = F.nll_loss(logits, target)
