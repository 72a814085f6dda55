# CrossEntropyLoss with class-index targets must get integer labels; a 1-D float target of the wrong shape fails.
import torch
from torch import nn

logits = torch.randn(4, 3, requires_grad=True)
loss_fn = nn.CrossEntropyLoss()
good = loss_fn(logits, torch.tensor([0, 2, 1, 0]))
print("loss with long targets: %.4f" % good.item())
bad = loss_fn(logits, torch.tensor([0.0, 2.0, 1.0, 0.0]))
