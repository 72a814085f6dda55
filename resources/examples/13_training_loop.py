# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: 'A training loop: optimizer and zero_grad'
#       zh_CN: 训练循环：优化器与 zero_grad
#     root: loss
#     steps:
#     - en: "Click **Backward** (root `loss`, the loss after training): \
#         `b.grad` ≈ 0.0130 and `w.grad` ≈ -0.0044. Both are small: the \
#         line fits almost exactly."
#       zh_CN: "点击 **反向传播**（根张量 `loss`，训练之后的损失）：\
#         `b.grad` ≈ 0.0130，`w.grad` ≈ -0.0044。\
#         两者都很小：直线几乎完全拟合了数据。"
#       check: grad(b) == 0.0130189
#       do: [backward]
#     - en: "Click **Backward** again: both double (`b.grad` ≈ 0.0260), since \
#         backward adds to `.grad`. That is why each training step starts \
#         with `opt.zero_grad()`."
#       zh_CN: "再点一次 **反向传播**：两个梯度都翻倍（`b.grad` ≈ \
#         0.0260），因为 backward 会累加到 `.grad`。\
#         所以每个训练步都要先调用 `opt.zero_grad()`。"
#       check: grad(b) == 0.0260377
#       do: [backward]
#     - en: "Comment out line 82, the loop's `opt.zero_grad()`. Every update \
#         now uses the sum of all past gradients, and the console shows \
#         it: after 100 steps the final loss is 8.1421 instead of 0.0003."
#       zh_CN: "注释掉第 82 行，也就是循环里的 `opt.zero_grad()`。\
#         现在每次更新用的都是之前所有梯度之和，控制台显示了后果：100 \
#         步之后最终损失是 8.1421，而不是 0.0003。"
#       check: 'output("final loss: 8.1421")'
#       do: [comment 82]
# ---

# %% [markdown] lang="en"
# # A training loop: optimizer and zero_grad
#
# This lesson is full Python (the playground's Python mode): an
# `nn.Linear(1, 1)` learns y = 2x + 1 from four points with
# `torch.optim.SGD`. Each step of the loop:
#
# 1. `opt.zero_grad()` clears the gradients of the previous step (since
#    PyTorch 2.0 it sets them to None);
# 2. the forward pass computes the loss, the mean squared error;
# 3. `loss.backward()` fills `w.grad` and `b.grad`;
# 4. `opt.step()` moves each parameter against its gradient: p ← p − lr ·
#    p.grad.
#
# Without step 1 the gradients of all past steps pile up in `.grad`,
# because `backward()` adds (lesson 3).

# %% [markdown] lang="zh_CN"
# # 训练循环：优化器与 zero_grad
#
# 这一课是完整的 Python 程序（Gradient Playground
# 的 Python 模式）：一个 `nn.Linear(1, 1)` 用
# `torch.optim.SGD` 从四个点学习 y = 2x + 1。
# 循环的每一步：
#
# 1. `opt.zero_grad()` 清除上一步的梯度（从
#    PyTorch 2.0 起它把梯度设为 None）；
# 2. 前向传播计算损失，即均方误差；
# 3. `loss.backward()` 填充 `w.grad` 和
#    `b.grad`；
# 4. `opt.step()` 让每个参数沿梯度的反方向移动：p ← p
#    − lr · p.grad。
#
# 没有第 1 步，之前所有步的梯度都会堆积在 `.grad` 里，因为
# `backward()` 是累加的（见第 3 课）。

# %%
import torch

torch.manual_seed(0)
xs = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
ys = 2 * xs + 1
model = torch.nn.Linear(1, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.05)
w, b = model.weight, model.bias

for step in range(100):
    opt.zero_grad()
    loss = ((model(xs) - ys) ** 2).mean()
    loss.backward()
    opt.step()
    if step % 20 == 0:
        print("step", step, "loss", round(loss.item(), 4))

opt.zero_grad()
loss = ((model(xs) - ys) ** 2).mean()
print("final loss:", round(loss.item(), 4))
print("w =", round(w.item(), 4), "b =", round(b.item(), 4))
print("w.grad:", w.grad)
