# expect-error: RuntimeError
import torch
print("creating")
x = torch.tensor([1, 2, 3], requires_grad=True)
