# An exception raised inside a custom backward surfaces from the .backward() call.
import torch


class SafeLog(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.log(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        if (x <= 0).any():
            raise ValueError(f"log gradient undefined for {int((x <= 0).sum())} non-positive inputs")
        return grad_output / x


a = torch.tensor([1.0, 2.0], requires_grad=True)
SafeLog.apply(a).sum().backward()
print("positive inputs ok:", a.grad)
b = torch.tensor([1.0, 0.0, -2.0], requires_grad=True)
out = SafeLog.apply(b)
print("forward still runs:", out)
out.sum().backward()
