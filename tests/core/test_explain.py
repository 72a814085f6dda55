"""Each explanation is matched against the error real PyTorch raises for that mistake."""

from __future__ import annotations

import warnings

import pytest
import torch

from playground.core.errors import ScriptFailed, ScriptRefused
from playground.core.explain import EXPLANATIONS, explain, explain_chunk, explain_message
from playground.core.result import OutputChunk
from playground.core.runner import run_script


def _non_scalar():
    x = torch.ones(2, requires_grad=True)
    (x * 2).backward()


def _second_backward():
    x = torch.ones(2, requires_grad=True)
    out = (x * x).sum()
    out.backward()
    out.backward()


def _no_grad_fn():
    torch.ones(2).sum().backward()


def _no_grad_fn_under_no_grad():
    x = torch.ones(2, requires_grad=True)
    with torch.no_grad():
        out = (x * 2).sum()
    out.backward()


def _leaf_in_place():
    x = torch.ones(2, requires_grad=True)
    x += 1


def _saved_modified():
    a = torch.ones(2, requires_grad=True)
    b = a.exp()
    b.add_(1)
    b.sum().backward()


def _non_leaf_requires_grad():
    x = torch.ones(2, requires_grad=True)
    (x * 2).requires_grad_(False)


def _grad_none_zero():
    x = torch.ones(2, requires_grad=True)
    x.grad.zero_()


def _grad_none_data():
    x = torch.ones(2, requires_grad=True)
    x.grad.data.zero_()


def _int_requires_grad():
    torch.tensor([1, 2], requires_grad=True)


def _numpy():
    torch.ones(2, requires_grad=True).numpy()


def _autograd_grad_input():
    x = torch.ones(2, requires_grad=True)
    torch.autograd.grad((x * 2).sum(), torch.ones(2))


class _TwoInputs(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        return x * y

    @staticmethod
    def backward(ctx, grad):
        return grad  # one gradient for two inputs


def _function_grad_count():
    _TwoInputs.apply(torch.ones(2, requires_grad=True), torch.ones(2)).sum().backward()


CASES = [
    (_function_grad_count, "function_grad_count"),
    (_non_scalar, "non_scalar_backward"),
    (_second_backward, "second_backward"),
    (_no_grad_fn, "no_grad_fn"),
    (_no_grad_fn_under_no_grad, "no_grad_fn"),
    (_leaf_in_place, "leaf_in_place"),
    (_saved_modified, "saved_tensor_modified"),
    (_non_leaf_requires_grad, "non_leaf_requires_grad"),
    (_grad_none_zero, "grad_is_none"),
    (_grad_none_data, "grad_is_none"),
    (_int_requires_grad, "integer_requires_grad"),
    (_numpy, "numpy_requires_grad"),
    (_autograd_grad_input, "autograd_grad_input"),
]


def _text(key: str) -> str:
    return next(e.text for e in EXPLANATIONS if e.key == key)


@pytest.mark.parametrize(("mistake", "key"), CASES, ids=[k for _, k in CASES])
def test_explains_the_real_pytorch_error(mistake, key):
    with pytest.raises(Exception) as info:  # noqa: B017 - whatever PyTorch raises
        mistake()
    exc = info.value
    error = ScriptFailed(str(exc), line=3, col=1, exc_type=type(exc).__name__)
    assert explain(error) == _text(key)
    # Every explanation is one paragraph that says what to do.
    assert "\n" not in explain(error)
    assert "Fix:" in explain(error)


def test_every_explanation_is_exercised_by_a_real_error():
    assert {k for _, k in CASES} == {e.key for e in EXPLANATIONS} - {"non_leaf_grad"}


def test_non_leaf_grad_warning_is_explained():
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert y.grad is None
    (w,) = caught
    assert w.category is UserWarning
    expected = _text("non_leaf_grad")
    assert explain_message(str(w.message), "UserWarning") == expected
    formatted = warnings.formatwarning(w.message, w.category, "<script>", 3)
    assert explain_chunk(OutputChunk("warning", formatted, line=3)) == expected
    assert explain_chunk(OutputChunk("warning", str(w.message), line=3)) == expected
    assert explain_chunk(OutputChunk("stdout", str(w.message))) is None


def test_unknown_errors_and_other_types_are_not_explained():
    assert explain(ScriptFailed("division by zero", 1, 1, "ZeroDivisionError")) is None
    assert explain(ScriptRefused("attribute '__class__' is not available", 1, 1)) is None
    # Same text but a different exception type: not ours to explain.
    assert (
        explain_message("grad can be implicitly created only for scalar outputs", "TypeError")
        is None
    )
    assert explain_message("grad can be implicitly created only for scalar outputs") is not None


# Whole scripts through the playground's interpreter: the errors learners hit, explained.
SCRIPTS = {
    "non_scalar_backward": "x = torch.ones(2, requires_grad=True)\ny = x * 2\ny.backward()\n",
    "second_backward": (
        "x = torch.ones(2, requires_grad=True)\nout = (x * x).sum()\nout.backward()\n"
        "out.backward()\n"
    ),
    "no_grad_fn": "x = torch.ones(2)\nout = x.sum()\nout.backward()\n",
    "leaf_in_place": "x = torch.ones(2, requires_grad=True)\nx.add_(1)\n",
    "saved_tensor_modified": (
        "a = torch.ones(2, requires_grad=True)\nb = a.exp()\nb.add_(1)\nb.sum().backward()\n"
    ),
    "non_leaf_requires_grad": "x = torch.ones(2, requires_grad=True)\ny = x * 2\ny.requires_grad_(False)\n",
    "grad_is_none": "x = torch.ones(2, 2, requires_grad=True)\nx.grad.data.zero_()\n",
}


@pytest.mark.parametrize("key", list(SCRIPTS))
def test_interpreter_errors_are_explained(key):
    result = run_script("import torch\n" + SCRIPTS[key])
    assert isinstance(result.error, ScriptFailed)
    assert result.error.line == SCRIPTS[key].count("\n") + 1
    assert explain(result.error) == _text(key)


def test_interpreter_warning_is_explained():
    result = run_script(
        "import torch\nx = torch.ones(2, requires_grad=True)\ny = x * 2\nprint(y.grad)\n"
    )
    assert result.ok
    (warning,) = [c for c in result.chunks if c.kind == "warning"]
    assert explain_chunk(warning) == _text("non_leaf_grad")


PYTHON_MODE_ERRORS = {
    "function_grad_count": (
        "class F(torch.autograd.Function):\n"
        "    @staticmethod\n"
        "    def forward(ctx, x, y):\n"
        "        return x * y\n"
        "    @staticmethod\n"
        "    def backward(ctx, g):\n"
        "        return g\n"
        "x = torch.ones(2, requires_grad=True)\n"
        "F.apply(x, torch.ones(2)).sum().backward()\n",
        "ctx.needs_input_grad",
    ),
    "grad_is_none": (
        "p = torch.ones(2, requires_grad=True)\n"
        "opt = torch.optim.SGD([p], lr=0.1)\n"
        "(p * p).sum().backward()\n"
        "opt.zero_grad()\n"
        "p.grad.zero_()\n",
        "set_to_none=False",
    ),
    "leaf_in_place": ("w = torch.ones(2, requires_grad=True)\nw += 1\n", "torch.no_grad()"),
}


@pytest.mark.parametrize("key", list(PYTHON_MODE_ERRORS))
def test_python_mode_errors_tutorials_meet_are_explained(key):
    """The message comes from really running the code (Python mode's runner)."""
    from playground.kernel.python_mode import run_python

    source, hint = PYTHON_MODE_ERRORS[key]
    result, _ = run_python("import torch\n" + source)
    error = result.error
    assert error is not None
    text = explain_message(error.message, error.exc_type)
    assert text is not None and hint in text
