# A custom backward returning a gradient of the wrong shape is rejected by the engine.
import torch


class BadSum(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.sum()

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * torch.ones(3)


x = torch.ones(2, requires_grad=True)
s = BadSum.apply(x)
print("sum:", s.item())
s.backward()
