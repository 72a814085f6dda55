# A straight-through estimator: round() in the forward pass, identity gradient in the backward pass.
import torch


class RoundSTE(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output


x = torch.tensor([0.2, 0.7, 1.4, -0.6], requires_grad=True)
torch.round(x).sum().backward()
print("gradient of plain round:", x.grad)
x.grad = None
q = RoundSTE.apply(x)
print("quantised:", q)
(q * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
print("straight-through gradient:", x.grad)

w = torch.tensor([0.3, -0.8], requires_grad=True)
target = torch.tensor([2.0, -3.0])
for step in range(30):
    loss = ((RoundSTE.apply(w * 4) - target) ** 2).sum()
    w.grad = None
    loss.backward()
    with torch.no_grad():
        w -= 0.02 * w.grad
print("trained w:", [round(v, 3) for v in w.tolist()], "quantised:", RoundSTE.apply(w * 4).tolist())
