# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: torch.autograd.grad and second derivatives
#       zh_CN: torch.autograd.grad 与二阶导数
#     root: y
#     steps:
#     - en: "Click **Backward** (root `y`): `x.grad` = 3x² = 27. The script's \
#         `autograd.grad` calls had left it None."
#       zh_CN: "点击 **反向传播**（根张量 `y`）：`x.grad` = 3x² = \
#         27。脚本里的 `autograd.grad` 调用并没有改动它，它原来是 \
#         None。"
#       check: grad(x) == 27
#       do: [backward]
#     - en: "Click **Zero grad**, pick `dy` as the root and click \
#         **Backward**: `x.grad` = 6x = 18, the second derivative. `dy` \
#         has a graph of its own thanks to `create_graph=True`."
#       zh_CN: "点击 **梯度清零**，把根张量换成 `dy`，点击 **反向传播**：\
#         `x.grad` = 6x = 18，即二阶导数。多亏 \
#         `create_graph=True`，`dy` 有了自己的计算图。"
#       check: root == "dy" and grad(x) == 18
#       do: [zero_grad, root dy, backward]
#     - en: "Replace line 61 with `(dy,) = torch.autograd.grad(y, x)`: \
#         without `create_graph`, `dy` is a plain number with no \
#         `grad_fn`, and the second `grad` call fails."
#       zh_CN: "把第 61 行改为 `(dy,) = \
#         torch.autograd.grad(y, x)`：没有 \
#         `create_graph`，`dy` 只是一个没有 `grad_fn` \
#         的普通数，第二次调用 `grad` 报错。"
#       check: error("does not require grad and does not have a grad_fn")
#       do: ['edit 61: (dy,) = torch.autograd.grad(y, x)']
# ---

# %% [markdown] lang="en"
# # torch.autograd.grad and second derivatives
#
# `torch.autograd.grad(y, x)` returns ∂y/∂x instead of adding it to
# `x.grad`, which stays None. With `create_graph=True` the backward pass
# is itself recorded: the result has a `grad_fn`, so it can be
# differentiated again.
#
# Here y = x³ at x = 3: dy/dx = 3x² = 27 and d²y/dx² = 6x = 18.

# %% [markdown] lang="zh_CN"
# # torch.autograd.grad 与二阶导数
#
# `torch.autograd.grad(y, x)` 直接返回
# ∂y/∂x，而不是把它累加到 `x.grad`，所以 `x.grad`
# 仍是 None。加上 `create_graph=True` 后，
# 反向传播本身也会被记录：结果带有 `grad_fn`，可以再求一次导。
#
# 这里 y = x³，x = 3：dy/dx = 3x² = 27，
# d²y/dx² = 6x = 18。

# %%
import torch

x = torch.tensor(3.0, requires_grad=True)
y = x ** 3
(dy,) = torch.autograd.grad(y, x, create_graph=True)
print("dy/dx =", dy)
d2y = torch.autograd.grad(dy, x, retain_graph=True)[0]
print("d2y/dx2 =", d2y)
print("x.grad =", x.grad)
