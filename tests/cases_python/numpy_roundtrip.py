# Round trips between torch and numpy: shared memory, detach().numpy(), dtype mapping.
import numpy as np
import torch

a = torch.ones(3)
n = a.numpy()
print(type(n).__name__, n.dtype, n)
a.add_(1)
print("numpy sees the in-place change:", n)

arr = np.arange(4, dtype=np.float64)
t = torch.from_numpy(arr)
arr[0] = 100
print("tensor sees the numpy change:", t)
print("dtype carried over:", t.dtype)

w = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (w ** 2).sum()
loss.backward()
g = w.grad.numpy()
print("grad as numpy:", g, g.shape)
print("values:", w.detach().numpy())
copy = torch.tensor(arr)
arr[1] = -1
print("torch.tensor copies:", copy, "from_numpy shares:", t)
print(np.asarray(torch.arange(3)).tolist(), torch.as_tensor(np.array([1, 2])).dtype)
