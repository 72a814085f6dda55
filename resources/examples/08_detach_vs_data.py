# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: detach() against .data
#       zh_CN: detach() 与 .data 的区别
#     root: out
#     steps:
#     - en: "Click **Backward** (root `out`): `x.grad` = eˣ = [2.7183, \
#         7.3891, 20.0855]."
#       zh_CN: "点击 **反向传播**（根张量 `out`）：`x.grad` = eˣ \
#         = [2.7183, 7.3891, 20.0855]。"
#       check: grad(x) == [2.7183, 7.3891, 20.0855]
#       do: [backward]
#     - en: "Uncomment line 73, `d.zero_()`: it zeroes `y` too, and the \
#         shared `y._version` becomes 1. Click **Backward**: PyTorch \
#         refuses, because a tensor saved for the backward pass was \
#         modified."
#       zh_CN: "取消注释第 73 行 `d.zero_()`：它同时把 `y` 清零，\
#         共享的 `y._version` 变为 1。点击 **反向传播**：\
#         PyTorch 拒绝计算，因为为反向传播保存的张量被修改了。"
#       check: error("modified by an inplace operation")
#       do: [uncomment 73, backward]
#     - en: "Comment line 73 again, uncomment line 74, `y.data.zero_()`, and \
#         click **Backward**: no error, `y._version` stays 0, and `x.grad` \
#         = [0, 0, 0]. A wrong gradient, silently."
#       zh_CN: "重新注释第 73 行，取消注释第 74 行 \
#         `y.data.zero_()`，点击 **反向传播**：没有报错，\
#         `y._version` 仍是 0，而 `x.grad` = [0, 0, \
#         0]。梯度错了，却毫无提示。"
#       check: grad(x) == 0
#       do: [comment 73, uncomment 74, backward]
# ---

# %% [markdown] lang="en"
# # detach() against .data
#
# `y.detach()` and `y.data` both give a tensor that shares `y`'s memory
# and is outside the graph (`requires_grad=False`). They differ in what
# autograd learns when you change that tensor in place:
#
# - `detach()` shares `y`'s version counter (`_version`). `exp` saved its
#   own output y for the backward pass (∂eˣ/∂x = eˣ), so an in-place
#   change through `d` is caught: backward fails with a clear error.
# - `.data` does not share it. The same change goes unnoticed, and
#   backward silently uses the new values.
#
# Prefer `detach()`: it is `.data` with the safety check.

# %% [markdown] lang="zh_CN"
# # detach() 与 .data 的区别
#
# `y.detach()` 和 `y.data` 都返回一个与 `y`
# 共享内存、独立于计算图之外的张量（`requires_grad=False`
# ）。区别在于原地修改这个张量时，autograd 能否察觉：
#
# - `detach()` 与 `y` 共享版本计数器（`_version`）
#   。`exp` 为反向传播保存了自己的输出 y（∂eˣ/∂x = eˣ），
#   所以通过 `d` 的原地修改会被发现：反向传播报出明确的错误。
# - `.data` 不共享版本计数器。同样的修改不会被发现，
#   反向传播悄悄地用上了新值。
#
# 优先使用 `detach()`：它就是带安全检查的 `.data`。

# %%
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x.exp()  # saves y itself
out = y.sum()
d = y.detach()
print("requires_grad:", d.requires_grad, y.data.requires_grad)
# d.zero_()
# y.data.zero_()
print("y._version:", y._version)
