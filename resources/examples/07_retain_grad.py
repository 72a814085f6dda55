# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: retain_grad() for non-leaves
#       zh_CN: 非叶子张量的 retain_grad()
#     root: out
#     steps:
#     - en: "Click **Backward** (root `out`): `x.grad` = [8, 16, 24] = 8x, \
#         and `y.grad` stays None: `y` is not a leaf."
#       zh_CN: "点击 **反向传播**（根张量 `out`）：`x.grad` = [8, \
#         16, 24] = 8x，而 `y.grad` 仍是 None：`y` \
#         不是叶子。"
#       check: grad(x) == [8, 16, 24] and grad(y) is None
#       do: [backward]
#     - en: "Uncomment line 63, `y.retain_grad()`, and click **Backward**: \
#         now `y.grad` = [4, 8, 12] = 2y is kept too."
#       zh_CN: "取消注释第 63 行 `y.retain_grad()`，点击 \
#         **反向传播**：现在 `y.grad` = [4, 8, 12] = \
#         2y 也被保留了。"
#       check: grad(y) == [4, 8, 12]
#       do: [uncomment 63, backward]
#     - en: "Click **Backward** once more: a retained gradient accumulates \
#         like a leaf's. `y.grad` = [8, 16, 24] and `x.grad` = [16, 32, \
#         48]."
#       zh_CN: "再点一次 **反向传播**：保留下来的梯度也像叶子的梯度一样累加。\
#         `y.grad` = [8, 16, 24]，`x.grad` = \
#         [16, 32, 48]。"
#       check: grad(y) == [8, 16, 24] and grad(x) == [16, 32, 48]
#       do: [backward]
# ---

# %% [markdown] lang="en"
# # retain_grad() for non-leaves
#
# To save memory, `backward()` keeps gradients only in leaves. An
# intermediate tensor such as y = 2x is not a leaf: its gradient passes
# through on the way to `x` and is then dropped, so `y.grad` stays None
# (and PyTorch warns when you read it). `y.retain_grad()` asks autograd to
# keep it.
#
# Here out = Σ yᵢ², so ∂out/∂y = 2y = (4, 8, 12), and by the chain rule
# ∂out/∂x = ∂out/∂y · ∂y/∂x = 2y · 2 = 8x = (8, 16, 24).

# %% [markdown] lang="zh_CN"
# # 非叶子张量的 retain_grad()
#
# 为了节省内存，`backward()` 只在叶子张量里保存梯度。像 y =
# 2x 这样的中间张量不是叶子：它的梯度在传往 `x` 的途中经过它，
# 之后就被丢弃，所以 `y.grad` 一直是 None（读取它时
# PyTorch 会给出警告）。`y.retain_grad()` 让
# autograd 保留它。
#
# 这里 out = Σ yᵢ²，所以 ∂out/∂y = 2y = (4,
# 8, 12)；由链式法则 ∂out/∂x = ∂out/∂y ·
# ∂y/∂x = 2y · 2 = 8x = (8, 16, 24)。

# %%
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
# y.retain_grad()
out = (y ** 2).sum()
print(out)
print("is_leaf:", x.is_leaf, y.is_leaf)
