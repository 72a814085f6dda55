# The newer style: forward without ctx plus a separate setup_context, which also works with torch.func.
import torch


class MulConst(torch.autograd.Function):
    @staticmethod
    def forward(x, k):
        return x * k

    @staticmethod
    def setup_context(ctx, inputs, output):
        _, k = inputs
        ctx.k = k

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.k, None

    @staticmethod
    def vmap(info, in_dims, x, k):
        return x * k, in_dims[0]


x = torch.arange(3.0, requires_grad=True)
y = MulConst.apply(x, 4.0)
y.sum().backward()
print("y:", y.detach(), "grad:", x.grad)
g = torch.func.grad(lambda t: MulConst.apply(t, 2.5).sum())(torch.ones(2))
print("torch.func.grad through it:", g)
batched = torch.func.vmap(lambda t: MulConst.apply(t, 3.0))(torch.arange(6.0).reshape(3, 2))
print("vmap:", batched)
