# expect-error: TypeError
import torch
print(-torch.ones)
