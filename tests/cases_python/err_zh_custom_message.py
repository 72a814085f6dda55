# 训练中检测到损失为 NaN 时抛出带中文信息的 ValueError。
import math

import torch

w = torch.tensor([2.0], requires_grad=True)
学习率 = 1.5
for 步 in range(20):
    损失 = (w ** 4).sum()
    print(f"第 {步} 步 损失 = {损失.item():.3g}")
    if not math.isfinite(损失.item()):
        raise ValueError(f"第 {步} 步损失变成了 {损失.item()}，请减小学习率")
    损失.backward()
    with torch.no_grad():
        w -= 学习率 * w.grad
    w.grad.zero_()
