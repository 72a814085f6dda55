"""The Gradient flow dock in the real window: bars and lines equal the history's numbers,
vanishing layers marked on a deep sigmoid net (the ratio checked in PyTorch), and live
updates while Run ×N runs in the kernel."""

from __future__ import annotations

import contextlib
import io
import math
import textwrap

import numpy as np
import pyqtgraph as pg
import pytest
import torch
from PySide6.QtWidgets import QDockWidget

from playground.ui.grad_flow_panel import GradFlowPanel, outliers

MLP = textwrap.dedent(
    """\
    import torch
    from torch import nn

    x = torch.randn(32, 6)
    target = torch.randn(32, 1)
    model = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 1))
    frozen = torch.ones(2, requires_grad=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    for step in range(5):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), target)
        loss.backward()
        optimizer.step()
    loss = nn.functional.mse_loss(model(x), target)
    """
)

DEEP_SIGMOID = textwrap.dedent(
    """\
    import torch
    from torch import nn

    blocks = []
    for _ in range(10):
        blocks += [nn.Linear(16, 16), nn.Sigmoid()]
    model = nn.Sequential(*blocks, nn.Linear(16, 1))
    x = torch.randn(32, 16)
    loss = model(x).pow(2).mean()
    loss.backward()
    """
)


@pytest.fixture
def window(open_window):
    made = []

    def make(script: str):
        w = open_window(script)
        made.append(w)
        return w

    yield make
    for w in made:
        if w.repeat_runner is not None:
            w.repeat_runner.shutdown()


def panel_of(w) -> GradFlowPanel:
    panel = w.findChild(GradFlowPanel, "gradFlowPanel")
    assert panel is not None and panel is w.features["grad_flow"]
    return panel


def test_dock_sits_beside_the_plot(window) -> None:
    w = window(MLP)
    dock = w.findChild(QDockWidget, "gradFlowDock")
    assert dock is not None and dock.windowTitle() == "Gradient flow"
    assert dock in w.tabifiedDockWidgets(w.plot_dock)


def test_bars_and_lines_equal_the_history(window, qtbot) -> None:
    w = window(MLP)
    panel = panel_of(w)
    history = w.session.state.history
    assert history.count == 5
    bars = panel.bar_values()
    last = history.flow_last()
    assert list(bars) == list(last) == history.flow_names()
    names = [n for n in bars if n.startswith("model.")]
    assert len(names) == 6
    for name in names:
        assert bars[name] == last[name]
        runs, mean, top = panel.line_values()[name]
        np.testing.assert_array_equal(runs, np.arange(1, 6))
        np.testing.assert_array_equal(mean, history.flow_values(name)[:, 0])
        np.testing.assert_array_equal(top, history.flow_values(name)[:, 1])
    # frozen requires grad but the loss never uses it: PyTorch leaves its .grad None.
    assert all(math.isnan(v) for v in bars["frozen"])
    assert "frozen" in panel.sentence()
    # A Backward click adds one point to every line and replaces the bars.
    w.backward_panel.root_selector.setCurrentText("loss")
    with qtbot.waitSignal(w.session.actionDone, timeout=30_000):
        w.backward_panel.backward_button.click()
    qtbot.waitUntil(lambda: len(panel.line_values()["model.0.weight"][0]) == 6)
    np.testing.assert_equal(panel.bar_values(), w.session.state.history.flow_last())


def _deep_sigmoid_in_torch() -> dict[str, float]:
    """The deep sigmoid net in plain PyTorch (the kernel seeds with manual_seed(0))."""
    torch.manual_seed(0)
    scope: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(DEEP_SIGMOID, "deep.py", "exec"), scope)
    return {
        f"model.{path}": p.grad.abs().mean().item() for path, p in scope["model"].named_parameters()
    }


def test_vanishing_first_layer_is_marked(window) -> None:
    means = _deep_sigmoid_in_torch()
    median = float(np.median(list(means.values())))
    assert means["model.0.weight"] * 100 <= median  # the premise, in PyTorch
    w = window(DEEP_SIGMOID)
    panel = panel_of(w)
    bars = panel.bar_values()
    for name, mean in means.items():
        assert bars[name][0] == pytest.approx(mean, rel=1e-4)
    marked = panel.marked()
    assert marked["model.0.weight"] == "vanishing"
    assert marked == outliers({n: m for n, (m, _x) in bars.items()})
    for name, kind in marked.items():  # each mark holds in PyTorch
        if kind == "vanishing":
            assert means[name] * 100 <= median
        else:
            assert kind == "exploding" and means[name] >= 100 * median
    unmarked = set(means) - set(marked)
    assert all(median / 100 < means[n] < 100 * median for n in unmarked)
    assert "model.0.weight" in panel.sentence() and "Vanishing" in panel.sentence()
    labels = [
        i.textItem.toPlainText()
        for i in panel.barsPlot.getPlotItem().items
        if isinstance(i, pg.TextItem)
    ]
    assert sorted(labels) == sorted(marked.values())  # one label over each marked bar


def test_lines_follow_run_x_n_while_it_runs(window, qtbot) -> None:
    w = window(MLP)
    panel = panel_of(w)
    seen: list[tuple[int, dict]] = []

    def on_progress(_done, _total, history) -> None:
        if history is not None:  # the panel's own slot ran first (connected at install)
            seen.append((history.count, panel.line_values()))
            seen[-1][1]["_history"] = history

    w.session.repeatProgress.connect(on_progress)
    w.plot_panel.repeatSpin.setValue(1_000_000)
    w.plot_panel.repeatButton.click()
    qtbot.waitUntil(lambda: any(count > 200 for count, _ in seen), timeout=60_000)
    assert w.repeat_runner.is_running()
    with qtbot.waitSignal(w.repeat_runner.repeatFinished, timeout=30_000):
        w.plot_panel.cancelRepeatButton.click()
    count, lines = next((c, v) for c, v in seen if c > 200)
    history = lines.pop("_history")
    for name, (runs, mean, _top) in lines.items():
        assert len(runs) == count
        np.testing.assert_array_equal(mean, history.flow_values(name)[:, 0])
    final = w.session.state.history
    qtbot.waitUntil(lambda: len(panel.line_values()["model.0.weight"][0]) == final.count)
