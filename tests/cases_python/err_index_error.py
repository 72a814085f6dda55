# Indexing past the end of a tensor dimension raises IndexError.
import torch

scores = torch.tensor([0.1, 0.7, 0.2], requires_grad=True)
for i in range(4):
    s = scores[i]
    print(f"class {i}: score {s.item():.1f}")
