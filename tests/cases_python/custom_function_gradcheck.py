# torch.autograd.gradcheck on float64 inputs: a correct custom backward passes, a buggy one fails.
import torch
from torch.autograd import gradcheck


class Softplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.log1p(torch.exp(x))

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.sigmoid(x)


class BuggySoftplus(Softplus):
    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.sigmoid(x) * 1.01


inp = torch.randn(5, dtype=torch.double, requires_grad=True)
print("Softplus passes gradcheck:", gradcheck(Softplus.apply, (inp,), eps=1e-6, atol=1e-4))
print("Buggy version passes:", gradcheck(BuggySoftplus.apply, (inp,), eps=1e-6, atol=1e-4, raise_exception=False))
a = torch.randn(3, 2, dtype=torch.float64, requires_grad=True)
b = torch.randn(2, 4, dtype=torch.float64, requires_grad=True)
print("matmul gradcheck:", gradcheck(torch.matmul, (a, b)))
print("gradgradcheck on tanh:", torch.autograd.gradgradcheck(torch.tanh, (inp,)))
