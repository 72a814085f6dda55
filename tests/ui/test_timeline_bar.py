"""The forward timeline's slider in the window: each position shows the graph and the
Tensors rows real PyTorch has after that statement; the end is live; Backward goes live."""

from __future__ import annotations

import ast

import pytest
import torch

SCRIPT = (
    "import torch\n"
    "x = torch.ones(2, 2, requires_grad=True)\n"
    "y = x + 2\n"
    "z = y * y * 3\n"
    "out = z.mean()\n"
)


def _real_steps(source: str) -> list[tuple[list[str], int]]:
    """After each statement, in real PyTorch: the tensor names and the graph's node count
    (one node per tensor, one per backward/AccumulateGrad node reachable)."""
    globals_: dict = {}
    steps = []
    for stmt in ast.parse(source).body:
        exec(compile(ast.Module([stmt], []), "<script>", "exec"), globals_)  # noqa: S102
        tensors = {k: v for k, v in globals_.items() if isinstance(v, torch.Tensor)}
        seen: set[int] = set()
        stack = [t.grad_fn for t in tensors.values() if t.grad_fn is not None]
        while stack:
            fn = stack.pop()
            if id(fn) not in seen:
                seen.add(id(fn))
                stack.extend(c for c, _ in fn.next_functions if c is not None)
        steps.append((list(tensors), len(tensors) + len(seen)))
    return steps


@pytest.fixture
def timeline_window(open_window, qtbot):
    """The window on ``SCRIPT`` with its timeline received."""
    window = open_window(SCRIPT)
    bar = window.features["timeline"]
    qtbot.waitUntil(lambda: bar.count() == 5, timeout=20_000)
    return window, bar


def test_each_position_shows_that_statement(timeline_window) -> None:
    window, bar = timeline_window
    assert bar.slider.objectName() == "timelineSlider"
    assert bar.position() is None and bar.slider.value() == bar.slider.maximum()
    live_nodes = len(window.graph_panel.graph.nodes)
    for k, (names, nodes) in enumerate(_real_steps(SCRIPT), start=1):
        bar.slider.setValue(k)  # as a user drags it
        assert bar.position() == k
        assert window.tensor_table.table_model().names() == names
        assert len(window.graph_panel.graph.nodes) == nodes
        assert window.editor.statement_highlight() == (k, k)
        line = SCRIPT.splitlines()[k - 1]
        assert bar.label.text() == f"after line {k}: {line} · {k} of 5 statements"
    bar.set_position(None)
    assert bar.position() is None and window.editor.statement_highlight() is None
    assert window.tensor_table.table_model().names() == ["x", "y", "z", "out"]
    assert len(window.graph_panel.graph.nodes) == live_nodes == _real_steps(SCRIPT)[-1][1]
    assert bar.label.text() == "live: the state now, after 5 statements"


def test_backward_goes_back_to_live(timeline_window) -> None:
    window, bar = timeline_window
    bar.set_position(2)
    assert window.tensor_table.table_model().names() == ["x"]
    window.backward("out", None, True, False)
    assert bar.position() is None and bar.slider.value() == bar.slider.maximum()
    assert window.tensor_table.table_model().names() == ["x", "y", "z", "out"]
    x = torch.ones(2, 2, requires_grad=True)
    ((x + 2) * (x + 2) * 3).mean().backward()
    grad = window.tensor_table.table_model().tensors()["x"].grad
    assert grad is not None and (grad.values == x.grad.numpy()).all()
    assert window.graph_panel.trace is not None  # the step-through replays it
    bar.set_position(3)
    window.zero_grad()
    assert bar.position() is None


def test_a_long_script_says_where_the_timeline_stops(open_window, qtbot) -> None:
    script = "".join(f"a{i} = {i}\n" for i in range(305))
    window = open_window(script)
    bar = window.features["timeline"]
    qtbot.waitUntil(lambda: bar.count() > 0, timeout=20_000)
    assert bar.count() == 300
    assert bar.label.text().endswith("the timeline stops after statement 300 of 305")


def test_restricted_mode_says_the_timeline_is_for_python_mode(open_window, qtbot) -> None:
    window = open_window(SCRIPT)
    bar = window.features["timeline"]
    qtbot.waitUntil(lambda: bar.count() == 5, timeout=20_000)
    window.set_mode("restricted")
    window.run_sync()
    qtbot.waitUntil(lambda: bar.timeline is not None and bar.timeline.mode == "restricted")
    assert not bar.slider.isEnabled()
    assert "for Python mode" in bar.label.text()
