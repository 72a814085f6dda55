# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: 'Hooks: register_hook'
#       zh_CN: 钩子：register_hook
#     root: out
#     steps:
#     - en: "Click **Backward** (root `out`): `x.grad` = 2x = [2, 4, 6]. The \
#         console shows what the hook printed during the script's \
#         `autograd.grad`: y's gradient, [1, 1, 1]."
#       zh_CN: "点击 **反向传播**（根张量 `out`）：`x.grad` = 2x \
#         = [2, 4, 6]。控制台里是脚本调用 `autograd.grad` \
#         时钩子打印的内容：y 的梯度 [1, 1, 1]。"
#       check: grad(x) == [2, 4, 6]
#       do: [backward]
#     - en: "Uncomment line 68: this hook returns 10 times the gradient. \
#         Click **Backward**: `x.grad` = [20, 40, 60]. Everything behind \
#         `y` got the replaced gradient."
#       zh_CN: "取消注释第 68 行：这个钩子返回 10 倍的梯度。点击 **反向传播**：\
#         `x.grad` = [20, 40, 60]。`y` \
#         之后的所有节点收到的都是替换后的梯度。"
#       check: grad(x) == [20, 40, 60]
#       do: [uncomment 68, backward]
#     - en: "Uncomment line 69: a hook on the leaf `x` clamps its gradient at \
#         30 before it goes into `.grad`. Click **Backward**: `x.grad` = \
#         [20, 30, 30]."
#       zh_CN: "取消注释第 69 行：叶子 `x` 上的钩子在梯度存进 `.grad` \
#         之前把它截断在 30。点击 **反向传播**：`x.grad` = \
#         [20, 30, 30]。"
#       check: grad(x) == [20, 30, 30]
#       do: [uncomment 69, backward]
# ---

# %% [markdown] lang="en"
# # Hooks: register_hook
#
# `t.register_hook(fn)` calls `fn(grad)` whenever a backward pass computes
# the gradient of `t`. The hook can look at the gradient (print it, record
# it) or return a new tensor that replaces it for the rest of the backward
# pass. On a leaf, what the hook returns is what goes into `.grad`.
# Gradient clipping and many debugging tools are made of hooks.
#
# Here out = Σ yᵢ with y = x², so ∂out/∂y = 1 and ∂out/∂x = 2x = (2, 4,
# 6). The script's `torch.autograd.grad` runs the hooks once (with
# `retain_graph=True`, so Backward still works).

# %% [markdown] lang="zh_CN"
# # 钩子：register_hook
#
# `t.register_hook(fn)` 会在反向传播算出 `t`
# 的梯度时调用 `fn(grad)`。钩子可以查看梯度（打印、记录），
# 也可以返回一个新张量，在之后的反向传播中替换原来的梯度。对叶子张量，
# 钩子的返回值就是存进 `.grad` 的值。
# 梯度裁剪和许多调试工具都是用钩子实现的。
#
# 这里 out = Σ yᵢ，y = x²，所以 ∂out/∂y = 1，
# ∂out/∂x = 2x = (2, 4, 6)。脚本里的
# `torch.autograd.grad` 会运行一次钩子（带
# `retain_graph=True`，所以之后还能点反向传播）。

# %%
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x
y.register_hook(lambda g: print("y's gradient:", g))
# y.register_hook(lambda g: g * 10)
# x.register_hook(lambda g: g.clamp(max=30))
out = y.sum()

(gx,) = torch.autograd.grad(out, x, retain_graph=True)
print("x's gradient:", gx)
print("x.grad:", x.grad)
