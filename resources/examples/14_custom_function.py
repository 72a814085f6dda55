# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: A custom torch.autograd.Function
#       zh_CN: 自定义 torch.autograd.Function
#     root: out
#     steps:
#     - en: "The console says `gradcheck: True`: our backward agrees with \
#         finite differences. Click **Backward** (root `out`): our \
#         `backward` runs and `x.grad` = 2x = [2, 4, 6]. In the graph, \
#         `y`'s node is `SquareBackward`."
#       zh_CN: "控制台显示 `gradcheck: True`：我们的 backward \
#         与有限差分一致。点击 **反向传播**（根张量 `out`）：我们写的 \
#         `backward` 被调用，`x.grad` = 2x = [2, 4, \
#         6]。在计算图中，`y` 的节点是 `SquareBackward`。"
#       check: grad(x) == [2, 4, 6] and grad_fn(y) == "SquareBackward"
#       do: [backward]
#     - en: "Uncomment line 85, a backward that forgets the factor 2: \
#         gradcheck fails with a Jacobian mismatch, numerical 2x against \
#         our analytical x."
#       zh_CN: "取消注释第 85 行，一个漏掉了因子 2 的 backward：\
#         gradcheck 报出 Jacobian mismatch，数值结果 \
#         2x 与我们的解析结果 x 不符。"
#       check: error("Jacobian mismatch")
#       do: [uncomment 85]
#     - en: "Click **Backward**: `x.grad` = [1, 2, 3]. Autograd trusts your \
#         backward, right or wrong, which is why gradcheck is worth \
#         running."
#       zh_CN: "点击 **反向传播**：`x.grad` = [1, 2, 3]。\
#         autograd 完全相信你写的 backward，不管对错，所以值得用 \
#         gradcheck 检查。"
#       check: grad(x) == [1, 2, 3]
#       do: [backward]
# ---

# %% [markdown] lang="en"
# # A custom torch.autograd.Function
#
# When you need your own derivative (a faster or more stable formula, or a
# made-up gradient such as the straight-through estimator), subclass
# `torch.autograd.Function` and write two static methods:
#
# - `forward(ctx, x)` computes the result and keeps what backward needs
#   with `ctx.save_for_backward`;
# - `backward(ctx, grad_out)` receives ∂out/∂y and returns ∂out/∂x, one
#   gradient per input of `forward`.
#
# Call it as `Square.apply(x)`. `torch.autograd.gradcheck` compares your
# backward with finite differences (use float64). Here y = x², so backward
# must return grad_out · 2x.

# %% [markdown] lang="zh_CN"
# # 自定义 torch.autograd.Function
#
# 需要自己定义导数时（更快或数值更稳定的公式，
# 或者像直通估计器那样人为设定的梯度），就继承
# `torch.autograd.Function`，写两个静态方法：
#
# - `forward(ctx, x)` 计算结果，并用
#   `ctx.save_for_backward` 保存反向传播需要的张量；
# - `backward(ctx, grad_out)` 接收
#   ∂out/∂y，返回 ∂out/∂x，`forward`
#   的每个输入对应一个梯度。
#
# 用 `Square.apply(x)` 调用它。
# `torch.autograd.gradcheck` 用有限差分检查你的
# backward（请用 float64）。这里 y = x²，所以
# backward 必须返回 grad_out · 2x。

# %%
import torch
from torch.autograd import gradcheck


class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        # return grad_out * x  # wrong: no 2
        return grad_out * 2 * x


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = Square.apply(x)
out = y.sum()
print(y)
xd = x.detach().double().requires_grad_()
print("gradcheck:", gradcheck(Square.apply, (xd,)))
