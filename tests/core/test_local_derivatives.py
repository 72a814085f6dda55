"""The step-through's local derivatives: every op in the table is a backward node PyTorch
really builds, the elementwise/binary/matrix formulas give PyTorch's own numbers, and
every built-in node the lessons build has an entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
import torch.nn.functional as F  # noqa: N812

from playground.core.local_derivatives import LOCAL_DERIVATIVES, local_derivative
from playground.kernel.python_mode import run_python

torch.manual_seed(0)


def t(*shape: int, positive: bool = False) -> torch.Tensor:
    """A float64 leaf requiring grad (positive values for log, sqrt, pow)."""
    value = (
        torch.rand(*shape, dtype=torch.float64) + 0.5
        if positive
        else torch.randn(*shape, dtype=torch.float64)
    )
    return value.requires_grad_()


def first(tensor: torch.Tensor, name: str):
    """The first node called ``name`` in the graph of ``tensor``."""
    stack, seen = [tensor.grad_fn], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if type(node).__name__ == name:
            return node
        stack.extend(n for n, _ in node.next_functions)
    raise AssertionError(f"no {name} in the graph")


def example(name: str):
    """``(result, names)``: a real op whose grad_fn is ``name``, and what the formulas
    call its operands (tensors requiring grad are checked against torch.autograd.grad)."""
    a, b, p, q = t(3), t(3), t(3, positive=True), t(3, positive=True)
    M, N, v = t(2, 3), t(3, 4), t(3)
    two = torch.tensor(2.0, dtype=torch.float64)
    cond = torch.tensor([True, False, True])
    target = torch.rand(3, dtype=torch.float64)
    simple = {
        "AddBackward0": (lambda: torch.add(a, b, alpha=2), {"self": a, "other": b, "alpha": 2}),
        "SubBackward0": (lambda: torch.sub(a, b, alpha=2), {"self": a, "other": b, "alpha": 2}),
        "RsubBackward0": (lambda: torch.rsub(a, b, alpha=2), {"self": a, "other": b, "alpha": 2}),
        "RsubBackward1": (lambda: 2 - a, {"self": a, "alpha": 1}),
        "MulBackward0": (lambda: a * b, {"self": a, "other": b}),
        "DivBackward0": (lambda: a / p, {"self": a, "other": p}),
        "NegBackward0": (lambda: -a, {"self": a}),
        "ReciprocalBackward0": (lambda: p.reciprocal(), {"self": p}),
        "PowBackward0": (lambda: p**3, {"self": p, "exponent": 3}),
        "PowBackward1": (lambda: p**q, {"self": p, "exponent": q}),
        "PowBackward2": (lambda: 2**a, {"self": two, "exponent": a}),
        "SqrtBackward0": (lambda: p.sqrt(), {"self": p}),
        "AbsBackward0": (lambda: a.abs(), {"self": a}),
        "RoundBackward0": (lambda: a.round(), {"self": a}),
        "Atan2Backward0": (lambda: torch.atan2(a, b), {"self": a, "other": b}),
        "MaximumBackward0": (lambda: torch.maximum(a, b), {"self": a, "other": b}),
        "WhereBackward0": (
            lambda: torch.where(cond, a, b),
            {"self": a, "other": b, "condition": cond},
        ),
        "ClampBackward1": (lambda: a.clamp(-0.5, 0.5), {"self": a, "min": -0.5, "max": 0.5}),
        "ExpBackward0": (lambda: a.exp(), {"self": a}),
        "LogBackward0": (lambda: p.log(), {"self": p}),
        "Log1PBackward0": (lambda: p.log1p(), {"self": p}),
        "SinBackward0": (lambda: a.sin(), {"self": a}),
        "CosBackward0": (lambda: a.cos(), {"self": a}),
        "TanhBackward0": (lambda: a.tanh(), {"self": a}),
        "SigmoidBackward0": (lambda: a.sigmoid(), {"self": a}),
        "ReluBackward0": (lambda: a.relu(), {"self": a}),
        "LeakyReluBackward0": (lambda: F.leaky_relu(a, 0.1), {"self": a, "negative_slope": 0.1}),
        "SiluBackward0": (lambda: F.silu(a), {"self": a}),
        "SoftplusBackward0": (lambda: F.softplus(a), {"self": a, "beta": 1}),
        "CloneBackward0": (lambda: a.clone(), {"self": a}),
        "ToCopyBackward0": (lambda: a.float(), {"self": a}),
        "SumBackward0": (lambda: M.sum(), {"self": M}),
        "SumBackward1": (lambda: M.sum(1), {"self": M, "dim": 1}),
        "MeanBackward0": (lambda: M.mean(), {"self": M}),
        "MeanBackward1": (lambda: M.mean(1), {"self": M, "dim": 1}),
        "ProdBackward0": (lambda: p.prod(), {"self": p}),
        "MaxBackward1": (lambda: a.max(), {"self": a}),
        "MinBackward1": (lambda: a.min(), {"self": a}),
        "LinalgVectorNormBackward0": (lambda: a.norm(), {"self": a}),
        "SoftmaxBackward0": (lambda: a.softmax(0), {"self": a, "dim": 0}),
        "LogSoftmaxBackward0": (lambda: a.log_softmax(0), {"self": a, "dim": 0}),
        "ViewBackward0": (lambda: M.view(6), {"self": M}),
        "UnsafeViewBackward0": (lambda: M.expand(2, 2, 3) @ N, {}),
        "ExpandBackward0": (lambda: a.expand(2, 3), {"self": a}),
        "TBackward0": (lambda: M.t(), {"self": M}),
        "TransposeBackward0": (lambda: M.transpose(0, 1), {"self": M, "dim0": 0, "dim1": 1}),
        "PermuteBackward0": (lambda: M.permute(1, 0), {}),
        "UnsqueezeBackward0": (lambda: a.unsqueeze(0), {"self": a, "dim": 0}),
        "SqueezeBackward0": (lambda: a.view(1, 3).squeeze(), {}),
        "SqueezeBackward1": (lambda: M[:1].squeeze(0), {}),
        "SqueezeBackward4": (lambda: F.linear(v, M), {}),
        "SelectBackward0": (lambda: a[1], {}),
        "SliceBackward0": (lambda: M[:, 1:], {}),
        "IndexBackward0": (lambda: a[[0, 2]], {}),
        "CatBackward0": (lambda: torch.cat([a, b]), {}),
        "StackBackward0": (lambda: torch.stack([a, b]), {}),
        "UnbindBackward0": (lambda: a.unbind()[0], {}),
        "MmBackward0": (lambda: M @ N, {"self": M, "mat2": N}),
        "BmmBackward0": (lambda: torch.bmm(M.expand(2, 2, 3), N.expand(2, 3, 4)), {}),
        "MvBackward0": (lambda: M @ v, {"self": M, "vec": v}),
        "DotBackward0": (lambda: a @ b, {"self": a, "tensor": b}),
        "AddmmBackward0": (
            lambda: torch.addmm(v[:2].unsqueeze(1).expand(2, 4), M, N, beta=0.5, alpha=2),
            {"mat1": M, "mat2": N, "alpha": 2, "beta": 0.5},
        ),
        "MseLossBackward0": (lambda: F.mse_loss(a, b), {"self": a, "target": b}),
        "SmoothL1LossBackward0": (
            lambda: F.smooth_l1_loss(a, b),
            {"self": a, "target": b, "beta": 1},
        ),
        "BinaryCrossEntropyWithLogitsBackward0": (
            lambda: F.binary_cross_entropy_with_logits(a, target),
            {"self": a, "target": target},
        ),
        "NllLossBackward0": (lambda: F.nll_loss(M.log_softmax(1), torch.tensor([0, 2])), {}),
    }
    if name in simple:
        build, names = simple[name]
        return build(), names
    x4 = t(2, 3, 4, 4)
    special = {
        "AccumulateGrad": lambda: first(a * 1, "AccumulateGrad"),
        "MulBackward1": lambda: first(
            torch.autograd.grad((a**2).sum(), a, create_graph=True)[0], "MulBackward1"
        ),
        "CopySlices": lambda: _copy_slices(a),
        "CopyBackwards": lambda: torch.zeros(3, dtype=torch.float64).copy_(a).grad_fn,
        "ConvolutionBackward0": lambda: (
            F.conv2d(x4, torch.randn(2, 3, 3, 3, dtype=torch.float64)).grad_fn
        ),
        "MaxPool2DWithIndicesBackward0": lambda: F.max_pool2d(x4, 2).grad_fn,
        "NativeBatchNormBackward0": lambda: F.batch_norm(x4, None, None, training=True).grad_fn,
        "BackwardHookFunctionBackward": lambda: _hooked_module()(v).grad_fn,
        "SelectBackwardBackward0": lambda: (
            torch.autograd.grad(
                a[0], a, torch.ones((), dtype=torch.float64, requires_grad=True), create_graph=True
            )[0].grad_fn
        ),
        "TanhBackwardBackward0": lambda: (
            torch.autograd.grad(a.tanh().sum(), a, create_graph=True)[0].grad_fn
        ),
    }
    return special[name](), None


def _copy_slices(a: torch.Tensor):
    c = a.clone()
    c[0] = 5.0
    return c.grad_fn


def _hooked_module() -> torch.nn.Module:
    module = torch.nn.Linear(3, 2).double()
    module.register_full_backward_hook(lambda *_args: None)
    return module


def node_of(result) -> object:
    return result.grad_fn if isinstance(result, torch.Tensor) else result


@pytest.mark.parametrize("op", sorted(LOCAL_DERIVATIVES))
def test_every_op_in_the_table_is_a_real_backward_node(op):
    result, _names = example(op)
    assert type(node_of(result)).__name__ == op


#: Formulas read as Python: the table's notation, the functions it names.
_NOTATION = {"·": "*", "−": "-", "²": "**2", "^": "**", "ᵀ": ".mT"}
_FUNCTIONS = {
    "cos": torch.cos,
    "sin": torch.sin,
    "exp": torch.exp,
    "log": torch.log,
    "sign": torch.sign,
    "sigmoid": torch.sigmoid,
    "where": torch.where,
    "clamp": torch.clamp,
    "outer": torch.outer,
}


def evaluate(formula: str, names: dict) -> torch.Tensor:
    """A formula's right-hand side evaluated on the example's tensors (test-only eval of
    the table's own text)."""
    text = formula
    for symbol, python in _NOTATION.items():
        text = text.replace(symbol, python)
    values = {k: (v.detach() if isinstance(v, torch.Tensor) else v) for k, v in names.items()}
    return eval(text, {"__builtins__": {}}, {**_FUNCTIONS, **values})  # noqa: S307


CHECKED = sorted(
    op
    for op in LOCAL_DERIVATIVES
    if op != "AccumulateGrad" and example(op)[1]  # the examples that name their operands
)


@pytest.mark.parametrize("op", CHECKED)
def test_formula_gives_torch_autograd_grad(op):
    result, names = example(op)
    grad = torch.randn_like(result)
    names = {**names, "result": result.detach(), "grad": grad}
    checked = 0
    for part in LOCAL_DERIVATIVES[op]:
        lhs, rhs = part.split(" = ", 1)
        operand = names.get(lhs.removeprefix("grad_"))
        if not (isinstance(operand, torch.Tensor) and operand.requires_grad):
            continue
        (expected,) = torch.autograd.grad(result, operand, grad, retain_graph=True)
        torch.testing.assert_close(evaluate(rhs, names).to(expected.dtype), expected)
        checked += 1
    assert checked >= 1


def test_text_joins_the_parts_and_an_unknown_op_says_nothing():
    assert local_derivative("MulBackward0") == "grad_self = grad · other, grad_other = grad · self"
    assert local_derivative("MyExpBackward") is None


def _builtin_nodes(tensor: torch.Tensor, found: set[str]) -> None:
    stack, seen = [tensor.grad_fn], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if not isinstance(node, torch.autograd.function.BackwardCFunction):  # custom Functions
            found.add(type(node).__name__)
        stack.extend(n for n, _ in node.next_functions)


def test_every_node_the_lessons_build_has_a_formula():
    found: set[str] = set()
    lessons = sorted((Path(__file__).parents[2] / "resources" / "examples").glob("*.py"))
    assert lessons
    for lesson in lessons:
        result, _globals = run_python(lesson.read_text(encoding="utf-8"), filename=lesson.name)
        for value in result.namespace.values():
            if isinstance(value, torch.Tensor) and value.grad_fn is not None:
                _builtin_nodes(value, found)
    missing = sorted(n for n in found if n not in LOCAL_DERIVATIVES)
    assert found and not missing
