"""Lesson checks: every function on real states from kernel runs (compared with PyTorch in
this process), the edge cases on hand-built views, and the refusals (never eval)."""

from __future__ import annotations

import ast

import numpy as np
import pytest
import torch

from playground.core.graph_model import AutogradGraph
from playground.core.history_data import HistoryData
from playground.core.lesson_checks import (
    CheckContext,
    CheckError,
    check_holds,
    compare,
    compile_check,
)
from playground.protocol.views import RunView, StateView, TensorView

SOURCE = """import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
y.retain_grad()
z = y * y * 3
out = z.mean()
w = torch.tensor([[1.0, 0.1], [1.0, 0.01]])
x2 = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
v = (x2 * x2 + 2).view(2, 2)
b = torch.zeros(3)
b.add_(1)
print(out)
"""


def _reference():
    """The same script in PyTorch here: the values every check is compared with."""
    x = torch.ones(2, 2, requires_grad=True)
    out = ((x + 2) * (x + 2) * 3).mean()
    out.backward(retain_graph=True)
    return x, out


@pytest.fixture(scope="module")
def kernel(kernel_session):
    """A live kernel child that ran ``SOURCE``: ``(session, RunView, StateView)``."""
    outcome = kernel_session.run(SOURCE, mode="python")
    assert outcome.run is not None and outcome.run.error is None
    return kernel_session, outcome.run, outcome.state


def _act(session, message, reply):
    outcome = session.request(message, reply)
    assert outcome.error is None, outcome.error
    return outcome.state


def test_run_checks_on_a_real_run(kernel):
    _session, run, state = kernel
    x, out = _reference()
    ctx = CheckContext(state=state, run=run, root="out")
    assert check_holds("ran", ctx)
    assert check_holds(f"output({str(out)!r})", ctx)  # what print(out) printed
    assert check_holds("grad(x) is None and backwards == 0 and not zeroed", ctx)
    assert check_holds("requires_grad(x) and is_leaf(x) and not is_leaf(y)", ctx)
    assert check_holds(f'grad_fn(y) == "{type((x + 2).grad_fn).__name__}"', ctx)
    assert check_holds(f'grad_fn(out) == "{type(out.grad_fn).__name__}"', ctx)
    assert check_holds("grad_fn(x) is None and grad_fn(w) is None", ctx)
    assert check_holds(f"value(out) == {out.item()}", ctx)
    assert check_holds(
        f"value(w) == {torch.tensor([[1.0, 0.1], [1.0, 0.01]]).flatten().tolist()}", ctx
    )
    assert check_holds("retains_grad(y) and not retains_grad(z)", ctx)
    b = torch.zeros(3)
    b.add_(1)
    assert check_holds(f"version(b) == {b._version} and version(x) == 0", ctx)
    assert check_holds(f"shape(x) == {list(x.shape)} and shape(out) == []", ctx)
    assert check_holds('exists(x) and not exists(nope) and root == "out"', ctx)
    assert not check_holds("requires_grad(w)", ctx)


def test_backward_and_zero_grad_checks_follow_the_kernel(kernel):
    session, run, _state = kernel
    x, _out = _reference()
    expected = x.grad.flatten().tolist()
    msg = {"op": "backward", "root": "out", "gradient": None, "retain_graph": True}
    state = _act(session, msg, "backward_done")
    ctx = CheckContext(state=state, run=run)
    assert check_holds(f"grad(x) == {expected[0]} and grad(x) == {expected}", ctx)
    assert check_holds("backwards == 1 and not zeroed", ctx)
    y_grad = (torch.ones(2, 2) * 3 * 2 * 3 / 4).flatten().tolist()  # d out/d y = 6y/4
    assert check_holds(f"grad(y) == {y_grad}", ctx)
    state = _act(session, msg, "backward_done")
    assert check_holds(
        f"grad(x) == {2 * expected[0]} and backwards >= 2", CheckContext(state=state)
    )
    state = _act(session, {"op": "zero_grad", "set_to_none": False}, "zero_done")
    assert check_holds("zeroed and grad(x) == 0 and grad(x) is not None", CheckContext(state=state))
    state = _act(session, {"op": "zero_grad", "set_to_none": True}, "zero_done")
    assert check_holds("zeroed and grad(x) is None", CheckContext(state=state))


def test_a_non_scalar_backward_with_the_lessons_gradient(kernel):
    """The seed's lesson 4: ``z.backward(w)`` gives x.grad = [2.0, 0.4, 6.0, 0.09]."""
    session, run, _ = kernel
    w = torch.tensor([[1.0, 0.1], [1.0, 0.01]])
    x2 = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
    (x2 * x2 + 2).view(2, 2).backward(w)
    msg = {"op": "backward", "root": "v", "gradient": w.numpy(), "retain_graph": True}
    state = _act(session, msg, "backward_done")
    ctx = CheckContext(state=state, run=run)
    assert check_holds(f"grad(x2) == {x2.grad.tolist()}", ctx)
    assert check_holds("grad(x2) == [2.0, 0.4, 6.0, 0.09]", ctx)
    assert not check_holds("grad(x2) == [2.0, 0.4, 6.0, 0.1]", ctx)
    assert check_holds("grad(x2) > 0 and grad(x2) < 7 and grad(x2) != 1", ctx)


def test_a_failed_run_and_a_failed_click(kernel_session):
    outcome = kernel_session.run(
        "import torch\nx = torch.ones(2, requires_grad=True)\nout = (x * 2).sum()\n"
        "out.backward()\nout.backward()\n",
        mode="python",
    )
    with pytest.raises(RuntimeError) as real:  # what PyTorch says of the same script
        x = torch.ones(2, requires_grad=True)
        o = (x * 2).sum()
        o.backward()
        o.backward()
    words = str(real.value).split(".")[0][:40]
    ctx = CheckContext(state=outcome.state, run=outcome.run)
    assert not check_holds("ran", ctx)
    assert check_holds(f'error("{words}")', ctx)
    assert check_holds("backwards == 1", ctx)  # the script's first backward was recorded
    clicked = kernel_session.request(
        {"op": "backward", "root": "out", "gradient": None, "retain_graph": False},
        "backward_done",
    )
    ctx = CheckContext(state=clicked.state, run=None, action_error=clicked.error.message)
    assert check_holds(f'error("{words}")', ctx)
    assert not check_holds('error("no such words")', ctx)


# --------------------------------------------------------------------------- hand-built
def _view(values, *, grad=None, requires_grad=True, is_leaf=True, grad_fn=None, version=0):
    array = None if values is None else np.asarray(values, dtype=np.float32)
    shape = (5000,) if array is None else tuple(array.shape)
    return TensorView(
        shape=shape,
        dtype="float32",
        requires_grad=requires_grad,
        is_leaf=is_leaf,
        grad_fn=grad_fn,
        retains_grad=False,
        numel_=int(np.prod(shape)),
        values=array,
        text="tensor(...)",
        summary="",
        grad=grad,
        version=version,
    )


def _state(tensors, history=None):
    return StateView(tensors, [], None, AutogradGraph(), 0, None, history or HistoryData())


class _Jacobian:
    def __init__(self, leaf):
        self.leaf = leaf

    def shown_leaf(self):
        return self.leaf


class _Timeline:
    def __init__(self, position):
        self.at = position

    def position(self):
        return self.at


def test_tolerance_is_relative_1e4_and_absolute_1e6():
    ctx = CheckContext(state=_state({"x": _view([1.0], grad=_view([4.5 * (1 + 5e-5)]))}))
    assert check_holds("grad(x) == 4.5", ctx)
    ctx = CheckContext(state=_state({"x": _view([1.0], grad=_view([4.5 * (1 + 5e-4)]))}))
    assert not check_holds("grad(x) == 4.5", ctx)
    ctx = CheckContext(state=_state({"x": _view([1.0], grad=_view([5e-7]))}))
    assert check_holds("grad(x) == 0 and grad(x) <= 0", ctx)


def test_missing_tensors_and_unsent_values_make_every_comparison_false():
    big = _view(None, grad=_view(None))
    ctx = CheckContext(state=_state({"big": big}))
    for source in (
        "grad(nope) == 1",
        "grad(nope) != 1",
        "grad(nope) is None",
        "grad(nope) is not None",
        "value(big) == 1",
        "value(big) != 1",
        "grad(big) is None",
        "grad(big) > 0",
        "grad_fn(nope) is None",
        "requires_grad(nope)",
        "version(nope) == 0",
        "shape(nope) == [2]",
    ):
        assert not check_holds(source, ctx), source
    assert check_holds("grad(big) is not None and exists(big)", ctx)
    assert not check_holds("ran", CheckContext())  # no run yet
    assert check_holds("backwards == 0 and step == 0", CheckContext())


def test_a_list_of_another_length_is_not_equal():
    ctx = CheckContext(state=_state({"x": _view([1.0, 2.0], grad=_view([1.0, 2.0]))}))
    assert check_holds("grad(x) == [1, 2] and value(x) == [1, 2]", ctx)
    assert not check_holds("grad(x) == [1, 2, 3]", ctx)
    assert check_holds("grad(x) != [1, 2, 3]", ctx)
    assert check_holds("-1 < value(x) <= 2", ctx)


def test_history_counts_backwards_zeros_and_optimizer_steps():
    history = HistoryData()
    history.record_zero(set_to_none=False, source="button")
    history.record_step_event(source="script")
    ctx = CheckContext(state=_state({}, history))
    assert check_holds("zeroed and optimizer_steps == 1 and backwards == 0", ctx)


def test_root_step_and_providers():
    assert check_holds('root == "out" and step >= 2', CheckContext(root="out", step=2))
    assert check_holds("root is None and step == 0", CheckContext())
    assert not check_holds("jacobian(x)", CheckContext())  # no Jacobian panel installed
    assert check_holds("jacobian(x)", CheckContext(jacobian=_Jacobian("x")))
    assert not check_holds("jacobian(x)", CheckContext(jacobian=_Jacobian("w")))
    assert not check_holds("timeline < 5", CheckContext())  # no timeline installed
    assert not check_holds("timeline < 5 or timeline is None", CheckContext())
    assert check_holds("timeline is None", CheckContext(timeline=_Timeline(None)))
    assert not check_holds("timeline < 5", CheckContext(timeline=_Timeline(None)))
    assert check_holds("timeline < 5 and timeline >= 3", CheckContext(timeline=_Timeline(3)))


def test_output_reads_the_stdout_chunks():
    from playground.core.result import OutputChunk

    run = RunView("", "python", "", [OutputChunk("stdout", "tensor(27.)\n", 3)], None)
    assert check_holds('output("tensor(27.")', CheckContext(run=run))
    assert not check_holds('output("tensor(28.")', CheckContext(run=run))


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("__import__('os').system('true')", "not a check function"),
        ("open('x')", "not a check function"),
        ("grad(x).real == 1", "not allowed"),
        ("x.grad == 1", "not allowed"),
        ("(lambda: 1)() == 1", "not a check function"),
        ("[1][0] == 1", "not allowed"),
        ("grad(x) == 1 + 1", "not allowed"),
        ("grad(x) in [1]", "not allowed"),
        ("f'{x}' == 'a'", "not allowed"),
        ("grad(x)", "not a condition"),
        ("backwards", "not a condition"),
        ("grad(x) == 'a'", "cannot be compared"),
        ("grad_fn(y) == 3", "cannot be compared"),
        ("requires_grad(x) == 1", "cannot be compared"),
        ("value(x) is None", "never None"),
        ("grad(x) is 1", "only compare with None"),
        ("grad('x') == 1", "tensor's name"),
        ("error(x)", "quoted text"),
        ("grad(x, y) == 1", "one argument"),
        ("grad == 1", "is a function"),
        ("frobnicate > 1", "unknown name"),
        ("grad(x) ==", "not an expression"),
        ("", "expression"),
        ("not grad(x)", "needs a condition"),
        ("ran and 3", "not a condition"),
        ("[1, 'a'] == shape(x)", "numbers only"),
    ],
)
def test_malformed_checks_are_refused_at_compile_time(source, reason):
    with pytest.raises(CheckError) as info:
        compile_check(source, "lesson 9, step 2")
    assert "lesson 9, step 2" in str(info.value) and reason in str(info.value)


def test_a_check_never_reaches_eval(monkeypatch):
    """Compiling and evaluating go through the dispatch table only."""
    import builtins

    def refuse(*_args, **_kwargs):
        raise AssertionError("eval/compile called")

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    ctx = CheckContext(state=_state({"x": _view([1.0], grad=_view([2.0]))}))
    assert check_holds("grad(x) == 2 and (requires_grad(x) or zeroed)", ctx)


def test_compare_against_none_and_text():
    assert compare(ast.Eq(), None, None)
    assert not compare(ast.Eq(), None, 1.0)
    assert compare(ast.NotEq(), None, 1.0)
    assert not compare(ast.Lt(), None, 1.0)
    assert compare(ast.Eq(), "MulBackward0", "MulBackward0")
