# 线性回归的从零开始实现：生成数据、定义模型和损失、小批量随机梯度下降。
import torch


def 生成数据(w, b, 样本数):
    X = torch.normal(0, 1, (样本数, len(w)))
    y = X @ w + b
    y += torch.normal(0, 0.01, y.shape)
    return X, y.reshape((-1, 1))


真实_w = torch.tensor([2, -3.4])
真实_b = 4.2
特征, 标签 = 生成数据(真实_w, 真实_b, 300)
print("特征形状:", 特征.shape, "标签形状:", 标签.shape)
w = torch.normal(0, 0.01, size=(2, 1), requires_grad=True)
b = torch.zeros(1, requires_grad=True)
学习率, 批量大小 = 0.1, 10
for 轮次 in range(3):
    索引 = torch.randperm(len(特征))
    for i in range(0, len(特征), 批量大小):
        j = 索引[i : i + 批量大小]
        损失 = ((特征[j] @ w + b - 标签[j]) ** 2 / 2).sum()
        损失.backward()
        with torch.no_grad():
            for 参数 in (w, b):
                参数 -= 学习率 * 参数.grad / 批量大小
                参数.grad.zero_()
    with torch.no_grad():
        训练损失 = ((特征 @ w + b - 标签) ** 2 / 2).mean()
    print(f"第 {轮次 + 1} 轮，损失 {训练损失.item():.6f}")
print("w 的估计误差:", (真实_w - w.reshape(真实_w.shape)).detach())
print("b 的估计误差:", (真实_b - b).detach())
