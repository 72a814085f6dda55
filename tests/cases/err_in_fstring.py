# expect-error: TypeError
import torch
x = torch.ones(2)
print(f"{x.sum():.2f}")
print(f"{x:.2f}")
