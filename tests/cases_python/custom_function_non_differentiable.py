# ctx.mark_non_differentiable for an index output, and ctx.set_materialize_grads(False) for a None grad.
import torch


class SortWithIndex(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        values, idx = torch.sort(x)
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(idx)
        ctx.set_materialize_grads(False)
        return values, idx

    @staticmethod
    def backward(ctx, grad_values, grad_idx):
        print("  grad for idx is", grad_idx)
        if grad_values is None:
            return None
        (idx,) = ctx.saved_tensors
        grad = torch.zeros_like(grad_values)
        grad[idx] = grad_values
        return grad


x = torch.tensor([3.0, 1.0, 2.0], requires_grad=True)
values, idx = SortWithIndex.apply(x)
print("values:", values, "idx:", idx)
print("idx.requires_grad:", idx.requires_grad)
weights = torch.tensor([10.0, 20.0, 30.0])
(values * weights).sum().backward()
print("x.grad:", x.grad)
