# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: Timeline drill
#       zh_CN: 时间线练习
#     root: out
#     steps:
#     - en: Move the forward timeline back to statement 3 (y = x + 2).
#       zh_CN: 把前向时间线拖回第 3 条语句（y = x + 2）。
#       check: timeline == 3
#       do: [timeline 3]
# ---

# %% [markdown]
# The graph as it was after each statement.

# %%
import torch

x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
