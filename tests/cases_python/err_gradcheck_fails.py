# gradcheck raises GradcheckError when a custom backward is wrong (here off by a factor of 2).
import torch
from torch.autograd import gradcheck


class BadSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * x


x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
print("forward:", BadSquare.apply(x))
gradcheck(BadSquare.apply, (x,))
