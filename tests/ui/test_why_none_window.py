"""Why is this gradient None? in the real window: select a tensor whose .grad is None, the
Inspector gives the reason and its line (checked against the script and real PyTorch), and
the graph outlines the cut with nodes that are in the graph."""

from __future__ import annotations

import contextlib
import io
import warnings

import pytest
import torch

HEAD = (
    "import torch\nx = torch.ones(2, requires_grad=True)\nb = torch.ones(2, requires_grad=True)\n"
)

CASES = {
    "non_leaf": (HEAD + "y = x * 2\nz = (y * b).sum()\nz.backward()\n", "y", "y = x * 2"),
    "no_requires_grad": (
        "import torch\nx = torch.ones(2)\nb = torch.ones(2, requires_grad=True)\n"
        "out = (x * b).sum()\nout.backward()\n",
        "x",
        None,
    ),
    "cut_no_grad": (
        HEAD + "with torch.no_grad():\n    y = x * 2\nout = (y * b).sum()\nout.backward()\n",
        "x",
        "    y = x * 2",
    ),
    "cut_detach": (
        HEAD + "d = x.detach()\nout = (d * b).sum()\nout.backward()\n",
        "x",
        "d = x.detach()",
    ),
    "cut_data": (
        HEAD + "out = (x.data * b).sum()\nout.backward()\n",
        "x",
        "out = (x.data * b).sum()",
    ),
    "zeroed": (
        "import torch\nw = torch.nn.Parameter(torch.ones(2))\n"
        "optimizer = torch.optim.SGD([w], lr=0.1)\nloss = (w * 3).sum()\nloss.backward()\n"
        "optimizer.zero_grad()\n",
        "w",
        "optimizer.zero_grad()",
    ),
    "unreachable": (HEAD + "out = (b * 2).sum()\nout.backward()\n", "x", None),
    "allow_unused": (
        HEAD
        + "out = (b * 2).sum()\ngx, gb = torch.autograd.grad(out, [x, b], allow_unused=True)\n",
        "x",
        None,
    ),
}

#: What each reason's sentence tells the user to do (the fix).
FIXES = {
    "non_leaf": "y.retain_grad()",
    "no_requires_grad": "requires_grad=True",
    "cut_no_grad": "outside the with torch.no_grad()",
    "cut_detach": "instead of x.detach()",
    "cut_data": "instead of x.data",
    "zeroed": "zeroed by zero_grad() at line",
    "unreachable": "use x in the computation of out",
    "allow_unused": "materialize_grads=True",
}


def _in_python(source: str) -> dict:
    """The script run by plain Python + PyTorch in this process: its globals."""
    scope: dict = {}
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # .grad of a non-leaf warns
        exec(compile(source, "script.py", "exec"), scope)
    return scope


def _line_of(source: str, text: str | None) -> int | None:
    return None if text is None else source.splitlines().index(text) + 1


@pytest.mark.parametrize("reason", list(CASES))
def test_each_reason_in_the_inspector_and_the_graph(open_window, qtbot, reason) -> None:
    source, name, line_text = CASES[reason]
    scope = _in_python(source)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert scope[name].grad is None  # PyTorch's own answer: no gradient
    if reason == "allow_unused":
        assert scope["gx"] is None and torch.equal(scope["gb"], torch.full((2,), 2.0))

    w = open_window(source)
    assert w.session.run.error is None
    w.select_tensor(name)
    why = w.inspector.why
    assert why is not None and why.reason == reason
    assert why.line == _line_of(source, line_text)
    assert FIXES[reason] in why.sentence
    if why.line is not None:
        assert f"line {why.line}" in why.sentence
    label = w.inspector.why_label
    assert not label.isHidden() and label.text() == why.sentence

    graph_ids = {n.id for n in w.session.state.graph.nodes}
    highlighted = w.graph_panel.highlighted()
    assert highlighted and set(highlighted) <= graph_ids
    assert set(highlighted) == set(why.node_ids) & graph_ids
    own = f"t:{name}"
    assert own in highlighted
    if reason == "zeroed":
        assert "acc:w" in highlighted  # where the gradient would have been accumulated
    if reason == "cut_no_grad":
        assert "t:y" in highlighted  # the tensor made under no_grad at that line
    if reason == "cut_detach":
        assert "t:d" in highlighted


def test_a_tensor_with_a_gradient_clears_the_outline(open_window) -> None:
    source = CASES["cut_detach"][0]
    scope = _in_python(source)
    assert scope["b"].grad is not None
    w = open_window(source)
    w.select_tensor("x")
    assert w.graph_panel.highlighted()
    w.select_tensor("b")
    assert w.inspector.why is None and w.inspector.why_label.isHidden()
    assert w.graph_panel.highlighted() == []


def test_the_fix_for_a_non_leaf_works(open_window) -> None:
    source, name, _ = CASES["non_leaf"]
    fixed = source.replace("y = x * 2\n", "y = x * 2\ny.retain_grad()\n")
    assert _in_python(fixed)["y"].grad is not None
    w = open_window(fixed)
    w.select_tensor("y")
    assert w.inspector.why is None
    assert w.session.state.tensors["y"].grad is not None
