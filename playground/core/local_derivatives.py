"""What each backward node computes: its ``grad_inputs`` from its ``grad_outputs``.

The step-through shows, beside each node of a recorded backward, the local derivative
PyTorch applies there, e.g. ``MulBackward0: grad_self = grad · other, grad_other =
grad · self``. ``grad`` is the node's incoming gradient (``grad_outputs[0]``), ``result``
the forward output, and the other names are the forward's arguments as PyTorch's
``derivatives.yaml`` names them (``self``, ``other``, ``mat2``, ``exponent``, ...).
Elementwise formulas hold before broadcasting: a broadcast input gets its gradient
summed back to its own shape. The parts are listed in the order of the node's
``next_functions`` (one per ``grad_input``). Qt-free and torch-free.

Notation: ``·`` multiplies, ``²`` squares, ``^`` is a power, ``ᵀ`` transposes the last two
dimensions, ``@`` is a matrix product; everything else reads as PyTorch.
"""

from __future__ import annotations

#: ``type(grad_fn).__name__`` -> the formulas of its grad_inputs, in next_functions order.
LOCAL_DERIVATIVES: dict[str, tuple[str, ...]] = {
    "AccumulateGrad": ("variable.grad += grad",),
    # ---- arithmetic
    "AddBackward0": ("grad_self = grad", "grad_other = alpha · grad"),
    "SubBackward0": ("grad_self = grad", "grad_other = −alpha · grad"),
    "RsubBackward0": ("grad_self = −alpha · grad", "grad_other = grad"),
    "RsubBackward1": ("grad_self = −alpha · grad",),
    "MulBackward0": ("grad_self = grad · other", "grad_other = grad · self"),
    "MulBackward1": ("grad_self = grad · other",),
    "DivBackward0": ("grad_self = grad / other", "grad_other = −grad · self / other²"),
    "NegBackward0": ("grad_self = −grad",),
    "ReciprocalBackward0": ("grad_self = −grad · result²",),
    "PowBackward0": ("grad_self = grad · exponent · self^(exponent − 1)",),
    "PowBackward1": (
        "grad_self = grad · exponent · self^(exponent − 1)",
        "grad_exponent = grad · result · log(self)",
    ),
    "PowBackward2": ("grad_exponent = grad · result · log(self)",),
    "SqrtBackward0": ("grad_self = grad / (2 · result)",),
    "AbsBackward0": ("grad_self = grad · sign(self)",),
    "RoundBackward0": ("grad_self = 0 · grad",),
    "Atan2Backward0": (
        "grad_self = grad · other / (self² + other²)",
        "grad_other = −grad · self / (self² + other²)",
    ),
    "MaximumBackward0": (
        "grad_self = grad · ((self > other) + (self == other) / 2)",
        "grad_other = grad · ((other > self) + (self == other) / 2)",
    ),
    "WhereBackward0": (
        "grad_self = where(condition, grad, 0)",
        "grad_other = where(condition, 0, grad)",
    ),
    "ClampBackward1": ("grad_self = grad · ((self >= min) & (self <= max))",),
    # ---- elementwise functions
    "ExpBackward0": ("grad_self = grad · result",),
    "LogBackward0": ("grad_self = grad / self",),
    "Log1PBackward0": ("grad_self = grad / (1 + self)",),
    "SinBackward0": ("grad_self = grad · cos(self)",),
    "CosBackward0": ("grad_self = −grad · sin(self)",),
    "TanhBackward0": ("grad_self = grad · (1 − result²)",),
    "SigmoidBackward0": ("grad_self = grad · result · (1 − result)",),
    "ReluBackward0": ("grad_self = grad · (result > 0)",),
    "LeakyReluBackward0": ("grad_self = grad · where(self > 0, 1, negative_slope)",),
    "SiluBackward0": ("grad_self = grad · sigmoid(self) · (1 + self · (1 − sigmoid(self)))",),
    "SoftplusBackward0": ("grad_self = grad · sigmoid(beta · self)",),
    "CloneBackward0": ("grad_self = grad",),
    "ToCopyBackward0": ("grad_self = grad.to(self.dtype)",),
    # ---- reductions
    "SumBackward0": ("grad_self = grad.expand(self.shape)",),
    "SumBackward1": ("grad_self = grad.unsqueeze(dim).expand(self.shape)",),
    "MeanBackward0": ("grad_self = grad.expand(self.shape) / self.numel()",),
    "MeanBackward1": ("grad_self = grad.unsqueeze(dim).expand(self.shape) / self.shape[dim]",),
    "ProdBackward0": ("grad_self = grad · result / self",),
    "MaxBackward1": ("grad_self = grad · (self == result) / (self == result).sum()",),
    "MinBackward1": ("grad_self = grad · (self == result) / (self == result).sum()",),
    "LinalgVectorNormBackward0": ("grad_self = grad · self / result",),
    "SoftmaxBackward0": ("grad_self = result · (grad − (grad · result).sum(dim, keepdim=True))",),
    "LogSoftmaxBackward0": ("grad_self = grad − exp(result) · grad.sum(dim, keepdim=True)",),
    # ---- shapes and views
    "ViewBackward0": ("grad_self = grad.reshape(self.shape)",),
    "UnsafeViewBackward0": ("grad_self = grad.reshape(self.shape)",),
    "ExpandBackward0": ("grad_self = grad.sum_to_size(self.shape)",),
    "TBackward0": ("grad_self = gradᵀ",),
    "TransposeBackward0": ("grad_self = grad.transpose(dim0, dim1)",),
    "PermuteBackward0": ("grad_self = grad.permute(argsort(dims))",),
    "UnsqueezeBackward0": ("grad_self = grad.squeeze(dim)",),
    "SqueezeBackward0": ("grad_self = grad.reshape(self.shape)",),
    "SqueezeBackward1": ("grad_self = grad.unsqueeze(dim)",),
    "SqueezeBackward4": ("grad_self = grad.reshape(self.shape)",),
    "SelectBackward0": ("grad_self = zeros(self.shape); grad_self.select(dim, index)[...] = grad",),
    "SliceBackward0": ("grad_self = zeros(self.shape); grad_self[start:end:step] (dim) = grad",),
    "IndexBackward0": ("grad_self = zeros(self.shape).index_put(indices, grad, accumulate=True)",),
    "CatBackward0": ("grad_tensors[i] = grad.narrow(dim, offset[i], tensors[i].shape[dim])",),
    "StackBackward0": ("grad_tensors[i] = grad.select(dim, i)",),
    "UnbindBackward0": ("grad_self = stack(grads, dim)",),
    "CopySlices": ("grad_base = grad, the slice written in place gets the in-place op's grad",),
    "CopyBackwards": ("grad_self = zeros_like(grad)", "grad_src = grad.to(src.dtype)"),
    # ---- linear algebra
    "MmBackward0": ("grad_self = grad @ mat2ᵀ", "grad_mat2 = selfᵀ @ grad"),
    "BmmBackward0": ("grad_self = grad @ mat2ᵀ", "grad_mat2 = selfᵀ @ grad"),
    "MvBackward0": ("grad_self = outer(grad, vec)", "grad_vec = selfᵀ @ grad"),
    "DotBackward0": ("grad_self = grad · tensor", "grad_tensor = grad · self"),
    "AddmmBackward0": (
        "grad_self = beta · grad.sum_to_size(self.shape)",
        "grad_mat1 = alpha · grad @ mat2ᵀ",
        "grad_mat2 = alpha · mat1ᵀ @ grad",
    ),
    # ---- losses (reduction="mean")
    "MseLossBackward0": (
        "grad_self = grad · 2 · (self − target) / self.numel()",
        "grad_target = −grad · 2 · (self − target) / self.numel()",
    ),
    "SmoothL1LossBackward0": (
        "grad_self = grad · clamp((self − target) / beta, −1, 1) / self.numel()",
        "grad_target = −grad · clamp((self − target) / beta, −1, 1) / self.numel()",
    ),
    "BinaryCrossEntropyWithLogitsBackward0": (
        "grad_self = grad · (sigmoid(self) − target) / self.numel()",
    ),
    "NllLossBackward0": ("grad_self[i, target[i]] = −grad / N",),
    # ---- neural-network layers
    "ConvolutionBackward0": (
        "grad_input = conv_transpose(grad, weight)",
        "grad_weight = conv(input, grad)",
        "grad_bias = grad.sum(every dim but 1)",
    ),
    "MaxPool2DWithIndicesBackward0": (
        "grad_self = zeros(self.shape), each window's max (indices) += grad",
    ),
    "NativeBatchNormBackward0": (
        "grad_input = weight / σ · (grad − mean(grad) − x̂ · mean(grad · x̂))",
        "grad_weight = (grad · x̂).sum()",
        "grad_bias = grad.sum()",
    ),
    "BackwardHookFunctionBackward": ("grad_inputs = grad_outputs",),
    # ---- double backward (create_graph=True)
    "SelectBackwardBackward0": ("grad_grad_output = grad.select(dim, index)",),
    "TanhBackwardBackward0": (
        "grad_grad_output = grad · (1 − output²)",
        "grad_output = −2 · grad · grad_output · output",
    ),
}


def local_derivative(op: str) -> str | None:
    """``"grad_self = grad · other, grad_other = grad · self"`` for backward node class
    ``op`` (``"MulBackward0"``), or ``None`` when the table has no entry for it."""
    parts = LOCAL_DERIVATIVES.get(op)
    return ", ".join(parts) if parts else None
