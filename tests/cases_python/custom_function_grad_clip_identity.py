# A Function that is the identity forward but clamps the gradient flowing back through it.
import torch


class ClipGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, bound):
        ctx.bound = bound
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.clamp(-ctx.bound, ctx.bound), None


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = ClipGrad.apply(x, 5.0)
print("forward unchanged:", torch.equal(x, y), type(y.grad_fn).__name__)
(y ** 3).sum().backward()
print("raw gradient would be:", (3 * x.detach() ** 2).tolist())
print("clipped gradient     :", x.grad.tolist())
