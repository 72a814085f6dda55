# BatchNorm1d: running_mean/var are updated in train mode and used in eval mode.
import torch
from torch import nn

bn = nn.BatchNorm1d(2, momentum=0.5)
print("initial:", bn.running_mean, bn.running_var, bn.num_batches_tracked)
data = torch.tensor([[1.0, 10.0], [3.0, 20.0], [5.0, 30.0]])
for i in range(3):
    out = bn(data)
    print(f"after batch {i + 1}: mean={bn.running_mean.tolist()} var={[round(v, 3) for v in bn.running_var.tolist()]}")
print("normalised batch (train):", out)
bn.eval()
print("eval output:", bn(data))
print("affine params:", [n for n, _ in bn.named_parameters()], "buffers:", [n for n, _ in bn.named_buffers()])
