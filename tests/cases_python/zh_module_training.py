# 用 nn.Module 定义多层感知机并训练，每 20 步打印一次损失（中文输出）。
import torch
from torch import nn


class 多层感知机(nn.Module):
    def __init__(self):
        super().__init__()
        self.隐藏层 = nn.Linear(2, 8)
        self.输出层 = nn.Linear(8, 1)

    def forward(self, X):
        return self.输出层(torch.relu(self.隐藏层(X)))


net = 多层感知机()
print(net)
X = torch.rand(64, 2) * 2 - 1
y = (X[:, :1] ** 2 + X[:, 1:]).detach()
优化器 = torch.optim.Adam(net.parameters(), lr=0.05)
损失函数 = nn.MSELoss()
for 步 in range(1, 101):
    优化器.zero_grad()
    损失 = 损失函数(net(X), y)
    损失.backward()
    优化器.step()
    if 步 % 20 == 0:
        print(f"第 {步:3d} 步：损失 = {损失.item():.5f}")
for 名字, 参数 in net.named_parameters():
    print(名字, "形状:", tuple(参数.shape), "梯度范数:", round(参数.grad.norm().item(), 4))
