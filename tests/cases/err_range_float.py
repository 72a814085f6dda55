# expect-error: TypeError
import torch
n = torch.ones(3).sum().item()
print(n)
for i in range(n):
    print(i)
