import torch
total = torch.zeros(1)
for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    total += i
print(total)
