# ctx.needs_input_grad lets a custom linear Function skip gradients nobody asked for.
import torch


class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input, weight, bias=None):
        ctx.save_for_backward(input, weight, bias)
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        print("  needs_input_grad =", ctx.needs_input_grad)
        grad_input = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        computed = [n for n, g in zip(["input", "weight", "bias"], [grad_input, grad_weight, grad_bias]) if g is not None]
        print("  computed:", computed)
        return grad_input, grad_weight, grad_bias


x = torch.randn(4, 3)
w = torch.randn(2, 3, requires_grad=True)
b = torch.randn(2, requires_grad=True)
print("case 1: only weight and bias need grads")
LinearFunction.apply(x, w, b).sum().backward()
print("case 2: everything needs grads")
x.requires_grad_()
LinearFunction.apply(x, w, b).sum().backward()
print("case 3: no bias")
w.grad = None
LinearFunction.apply(x, w).sum().backward()
ref = torch.nn.functional.linear(x, w)
print("same forward as F.linear:", torch.allclose(LinearFunction.apply(x, w), ref))
print("w.grad:", w.grad)
