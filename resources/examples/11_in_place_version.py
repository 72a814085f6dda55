# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: In-place errors and _version
#       zh_CN: 原地操作错误与 _version
#     root: out
#     steps:
#     - en: "Click **Backward** (root `out`): `a.grad` = 8a = [8, 16, 24]."
#       zh_CN: "点击 **反向传播**（根张量 `out`）：`a.grad` = 8a \
#         = [8, 16, 24]。"
#       check: grad(a) == [8, 16, 24]
#       do: [backward]
#     - en: "Uncomment line 79, `b.add_(1)`: the console shows `b._version` \
#         going from 0 to 1. Click **Backward**: PyTorch's error says `b` \
#         is at version 1 while version 0 was saved."
#       zh_CN: "取消注释第 79 行 `b.add_(1)`：控制台显示 \
#         `b._version` 从 0 变为 1。点击 **反向传播**：\
#         PyTorch 报错，说 `b` 现在是版本 1，而保存时是版本 0。"
#       check: error("is at version 1; expected version 0")
#       do: [uncomment 79, backward]
#     - en: "Comment line 79 again and uncomment line 80, `a.add_(1)`: the \
#         run fails at once, because `a` is a leaf that requires grad."
#       zh_CN: "重新注释第 79 行，取消注释第 80 行 `a.add_(1)`：\
#         运行立即失败，因为 `a` 是需要梯度的叶子张量。"
#       check: error("a leaf Variable that requires grad")
#       do: [comment 79, uncomment 80]
#     - en: "Click the gutter circle of line 80 to wrap it in `with \
#         torch.no_grad():`. The run works and `a` = [2, 3, 4]. Click \
#         **Backward**: `a.grad` is still [8, 16, 24], because `b` was \
#         computed from the old `a` and `a * 2` saved no copy of it."
#       zh_CN: "点击第 80 行旁边行号栏里的小圆圈，把它包进 `with \
#         torch.no_grad():`。运行成功，`a` = [2, 3, \
#         4]。点击 **反向传播**：`a.grad` 仍是 [8, 16, \
#         24]，因为 `b` 是用旧的 `a` 算出来的，而 `a * 2` \
#         没有保存 `a`。"
#       check: value(a) == [2, 3, 4] and grad(a) == [8, 16, 24]
#       do: [no_grad 80, backward]
# ---

# %% [markdown] lang="en"
# # In-place errors and _version
#
# Every tensor has a version counter, `_version`, that each in-place
# operation (`add_`, `mul_`, `+=`, `x[0] = …`) increases. When autograd
# saves a tensor for the backward pass it notes the version; if the
# version has changed by the time backward needs the tensor, backward
# fails instead of computing a wrong gradient.
#
# Here c = b² saves b (∂c/∂b = 2b) and b = 2a, so ∂out/∂a = 2b · 2 = 8a =
# (8, 16, 24).
#
# A leaf that requires grad cannot be changed in place at all while
# autograd records. Under `torch.no_grad()` it can: that is how optimizers
# update weights.

# %% [markdown] lang="zh_CN"
# # 原地操作错误与 _version
#
# 每个张量都有一个版本计数器 `_version`，
# 每次原地操作（`add_`、`mul_`、`+=`、`x[0] = …`）
# 都会让它加一。autograd 为反向传播保存张量时会记下版本号；
# 如果反向传播用到它时版本已经变了，反向传播就报错，而不是算出错误的梯度。
#
# 这里 c = b² 保存了 b（∂c/∂b = 2b），而 b = 2a，
# 所以 ∂out/∂a = 2b · 2 = 8a = (8, 16,
# 24)。
#
# 在 autograd 记录时，需要梯度的叶子张量根本不能被原地修改。在
# `torch.no_grad()` 下则可以：优化器就是这样更新权重的。

# %%
import torch

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a * 2
c = b ** 2  # PowBackward0 saves b
print("b._version:", b._version)
# b.add_(1)
# a.add_(1)
print("b._version:", b._version)
out = c.sum()
