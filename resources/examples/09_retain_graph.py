# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: retain_graph
#       zh_CN: retain_graph：再次反向传播
#     root: out
#     steps:
#     - en: "Untick **retain graph** in the Backward panel and click \
#         **Backward**: `x.grad` = 3x² = 12."
#       zh_CN: "在反向传播面板中取消勾选 **保留计算图**，点击 **反向传播**：\
#         `x.grad` = 3x² = 12。"
#       check: grad(x) == 12
#       do: [retain_graph off, backward]
#     - en: "Click **Backward** again: PyTorch's error says the graph was \
#         already freed."
#       zh_CN: "再点一次 **反向传播**：PyTorch 报错，说计算图已经被释放了。"
#       check: error("backward through the graph a second time")
#       do: [backward]
#     - en: "Tick **retain graph** again, click **Run** for fresh tensors, \
#         and click **Backward** twice: `x.grad` = 12 + 12 = 24."
#       zh_CN: "重新勾选 **保留计算图**，点击 **运行** 得到新的张量，再点两次 \
#         **反向传播**：`x.grad` = 12 + 12 = 24。"
#       check: grad(x) == 24
#       do: [retain_graph on, run, backward, backward]
#     - en: "Uncomment lines 70 and 71: the script's own `out.backward()` \
#         (without `retain_graph`) prints tensor(12.) and frees the graph. \
#         Click **Backward**: the same error, although the box is ticked, \
#         because the graph was gone before the click."
#       zh_CN: "取消注释第 70 行和第 71 行：脚本自己调用 \
#         `out.backward()`（没有 `retain_graph`），\
#         打印 tensor(12.)，并释放了计算图。点击 **反向传播**：\
#         即使勾选了保留计算图，也是同样的错误，因为点击之前计算图已经没有了。"
#       check: output("tensor(12.)") and error("a second time")
#       do: [uncomment 70, uncomment 71, backward]
# ---

# %% [markdown] lang="en"
# # retain_graph: backward twice
#
# To compute a gradient, the graph keeps what the backward formulas need:
# here `PowBackward0` saved x, to compute ∂(x³)/∂x = 3x². A backward pass
# frees these saved tensors as it goes, so a second `backward()` through
# the same graph fails, unless the first one was called with
# `retain_graph=True`.
#
# The Backward panel's **retain graph** box is that argument, ticked by
# default. Here out = x³ + 1 at x = 2: ∂out/∂x = 3x² = 12.

# %% [markdown] lang="zh_CN"
# # retain_graph：再次反向传播
#
# 为了计算梯度，计算图会保存反向公式需要的张量：这里
# `PowBackward0` 保存了 x，用来计算 ∂(x³)/∂x =
# 3x²。反向传播在进行中会释放这些保存的张量，所以对同一个计算图第二次调用
# `backward()` 会失败，除非第一次调用时传入了
# `retain_graph=True`。
#
# 反向传播面板里的 **保留计算图** 就是这个参数，默认勾选。这里
# out = x³ + 1，x = 2：∂out/∂x = 3x² = 12。

# %%
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
out = y + 1
print(out)
print("PowBackward0 saved:", y.grad_fn._saved_self)
# out.backward()
# print(x.grad)
