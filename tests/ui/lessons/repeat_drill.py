# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: Drill — Run ×N
#       zh_CN: 练习：运行 ×N
#     root: out
#     steps:
#     - en: Click **Run ×N** with 50.
#       zh_CN: 以 50 次点击 **运行 ×N**。
#       check: backwards >= 50 and grad(x) == 50
#       do: [repeat 50]
# ---

# %% [markdown]
# `out = x.sum()`: every backward adds 1 to `x.grad`.

# %%
import torch

x = torch.ones(3, requires_grad=True)
out = x.sum()
