# A custom backward must return one gradient per forward input; returning too few raises RuntimeError.
import torch


class ScaledAdd(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y, alpha):
        ctx.alpha = alpha
        return x + alpha * y

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output, grad_output * ctx.alpha


x = torch.ones(2, requires_grad=True)
y = torch.ones(2, requires_grad=True)
out = ScaledAdd.apply(x, y, 3.0)
print("forward works:", out)
out.sum().backward()
print("never reached")
