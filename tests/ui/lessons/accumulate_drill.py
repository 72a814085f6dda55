# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: Drill — gradients accumulate
#       zh_CN: 练习：梯度累加
#     root: out
#     steps:
#     - en: Click **Backward**; `x.grad` is 4.5.
#       zh_CN: 点击 **反向传播**；`x.grad` 是 4.5。
#       check: grad(x) == 4.5
#       do: [backward]
#     - en: Twice more; 13.5.
#       zh_CN: 再点两次；13.5。
#       check: grad(x) == 13.5 and backwards >= 3
#       do: [backward, backward]
#     - en: Zero grad.
#       zh_CN: 梯度清零。
#       check: zeroed and grad(x) == 0
#       do: [zero_grad]
#     - en: Zero grad, set to None.
#       zh_CN: 梯度清零（设为 None）。
#       check: zeroed and grad(x) is None
#       do: [zero_grad none]
#     - en: Pick `s` as the root.
#       zh_CN: 选择 `s` 作为根。
#       check: root == "s"
#       do: [root s]
#     - en: Backward, then step 2 of the step-through.
#       zh_CN: 反向传播，然后单步到第 2 步。
#       check: step >= 2 and grad(x) == 1
#       do: [backward, step 2]
#     - en: Untick retain graph, Backward twice on `out`.
#       zh_CN: 取消保留计算图，对 `out` 反向传播两次。
#       check: error("a second time")
#       do: [root out, retain_graph off, backward, backward]
# ---

# %% [markdown] lang="en"
# # Gradients accumulate
# `out = mean(3(x+2)²)`, so ∂out/∂x = 3(x+2)/2 = 4.5 at x = 1.

# %% [markdown] lang="zh_CN"
# # 梯度会累加
# `out = mean(3(x+2)²)`，所以 ∂out/∂x = 3(x+2)/2，在 x = 1 处为 4.5。

# %% [markdown]
# `s = x.sum()`

# %%
import torch

x = torch.ones(2, 2, requires_grad=True)
y = x + 2
out = (y * y * 3).mean()
s = x.sum()
print(out)
