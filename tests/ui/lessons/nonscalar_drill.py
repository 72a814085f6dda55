# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: Drill — backward of a non-scalar
#       zh_CN: 练习：非标量的反向传播
#     root: z
#     gradient: w
#     steps:
#     - en: Click **Backward** with the grid's `w`.
#       zh_CN: 用网格中的 `w` 点击 **反向传播**。
#       check: grad(x) == [2.0, 0.4, 6.0, 0.09]
#       do: [backward]
#     - en: Type ones into the grid and click Backward.
#       zh_CN: 在网格中输入 1，再点击反向传播。
#       check: grad(x) == [4.0, 4.4, 12.0, 9.09]
#       do: [grid 1 1 1 1, backward]
#     - en: Uncomment line 50.
#       zh_CN: 取消第 50 行的注释。
#       check: exists(d)
#       do: [uncomment 50]
#     - en: Make `k` a product.
#       zh_CN: 把 `k` 改成乘积。
#       check: grad_fn(k) == "MulBackward0"
#       do: ["edit 49: k = x * 5"]
#     - en: Wrap line 51 in no_grad.
#       zh_CN: 用 no_grad 包住第 51 行。
#       check: grad_fn(c) is None and exists(c)
#       do: [no_grad 51]
#     - en: Untick requires_grad of `x`.
#       zh_CN: 取消 `x` 的 requires_grad。
#       check: not requires_grad(x) and grad_fn(y) is None
#       do: [requires_grad x off]
# ---

# %% [markdown] lang="en"
# `z.backward(w)` computes wᵀJ.

# %% [markdown] lang="zh_CN"
# `z.backward(w)` 计算 wᵀJ。

# %%
import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
y = x * x + 2
z = y.view(2, 2)
w = torch.tensor([[1.0, 0.1], [1.0, 0.01]])
k = x + 1
# d = x * 3
c = x * 2
