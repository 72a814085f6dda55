# 欢迎！这是自动求导教程的梯度示例（第 3 课）。
# 点击“反向传播”（Ctrl+B）三次，
# 在“张量”面板中观察 x.grad：
# 先是 4.5，然后 9.0，然后 13.5。
# 共 14 课：“示例”菜单（Ctrl+1 … Ctrl+9）。
import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
