# A custom torch.autograd.Function for exp that saves its output with ctx.save_for_backward.
import torch


class MyExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        result = x.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * result


x = torch.tensor([0.0, 1.0, -1.0], requires_grad=True)
y = MyExp.apply(x)
print("y:", y)
print("grad_fn class:", type(y.grad_fn).__name__)
y.sum().backward()
print("x.grad:", x.grad)
print("matches torch.exp:", torch.allclose(x.grad, torch.exp(x.detach())))
