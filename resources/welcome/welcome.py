# Welcome! The seed's gradient example (lesson 3).
# Click Backward (Ctrl+B) three times and watch x.grad
# in the Tensors panel: 4.5, then 9.0, then 13.5.
# 14 lessons: Examples menu (Ctrl+1 ... Ctrl+9).
import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
