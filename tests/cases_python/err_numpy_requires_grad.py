# .numpy() on a tensor that requires grad raises RuntimeError; the fix is .detach().numpy().
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
y = w * 3
print("detached is fine:", y.detach().numpy())
arr = y.numpy()
