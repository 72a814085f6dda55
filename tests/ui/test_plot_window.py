"""The accumulation plot inside the real main window: Backward clicks, zeroing, script loops,
Run ×N with Cancel, re-runs with the faded previous series, CSV export."""

from __future__ import annotations

import csv

import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFileDialog, QPushButton

import playground
from playground.ui.plot_panel import PlotPanel

LESSON3_CORE = """import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
"""

LOOP_SCRIPT = LESSON3_CORE + "for i in range(4):\n    out.backward(retain_graph=True)\n"
LABELS = ["x.grad[0, 0]", "x.grad[0, 1]", "x.grad[1, 0]", "x.grad[1, 1]"]


@pytest.fixture
def make_window(qtbot):
    made = []

    def make(script: str):
        window = playground.main_window(script)
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.editor.document().setModified(False)
        if window.repeat_runner is not None:
            window.repeat_runner.shutdown()
        window.worker.shutdown()


def panel_of(window) -> PlotPanel:
    panel = window.findChild(PlotPanel, "plotPanel")
    assert panel is not None
    return panel


def curve(panel: PlotPanel, label: str) -> list[float]:
    item = panel.curves().get(label)
    if item is None or item.getOriginalDataset()[1] is None:
        return []
    return [float(v) for v in item.getOriginalDataset()[1]]


def click(qtbot, window, name: str) -> None:
    qtbot.mouseClick(window.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def test_three_backward_clicks_draw_4_5_9_13_5(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    panel = panel_of(window)
    assert panel.curves() == {}  # no backward yet
    for _ in range(3):
        click(qtbot, window, "backwardButton")
    qtbot.waitUntil(lambda: len(curve(panel, "x.grad[1, 1]")) == 3)
    assert sorted(panel.curves()) == LABELS
    for label in LABELS:
        assert curve(panel, label) == [4.5, 9.0, 13.5]
    assert window.session.state.history.sources().tolist() == ["button"] * 3


def test_zero_grad_then_backward_drops_to_4_5_with_a_marker(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    panel = panel_of(window)
    for _ in range(3):
        click(qtbot, window, "backwardButton")
    click(qtbot, window, "zeroGradButton")
    click(qtbot, window, "backwardButton")
    qtbot.waitUntil(lambda: len(curve(panel, "x.grad[0, 0]")) == 4)
    assert curve(panel, "x.grad[0, 0]") == [4.5, 9.0, 13.5, 4.5]
    assert panel.zero_marker_positions() == [3.5]


def test_zero_before_backward_is_flat(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    panel = panel_of(window)
    window.findChild(QCheckBox, "zeroBeforeBackwardCheck").setChecked(True)
    for _ in range(3):
        click(qtbot, window, "backwardButton")
    qtbot.waitUntil(lambda: len(curve(panel, "x.grad[0, 1]")) == 3)
    for label in LABELS:
        assert curve(panel, label) == [4.5, 4.5, 4.5]


def test_script_loop_fills_the_plot_before_any_click(make_window, qtbot):
    window = make_window(LOOP_SCRIPT)
    panel = panel_of(window)
    qtbot.waitUntil(lambda: len(curve(panel, "x.grad[0, 0]")) == 4, timeout=10_000)
    x = torch.ones(2, 2, requires_grad=True)
    out = ((x + 2) * (x + 2) * 3).mean()
    expected = []
    for _ in range(4):
        out.backward(retain_graph=True)
        expected.append(x.grad[0, 0].item())
    assert curve(panel, "x.grad[0, 0]") == expected == [4.5, 9.0, 13.5, 18.0]
    history = window.session.state.history
    assert history.sources().tolist() == ["script"] * 4
    assert history.lines().tolist() == [7] * 4


def test_run_1000_then_cancel_keeps_points(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    panel = panel_of(window)
    panel.repeatSpin.setValue(1000)
    with qtbot.waitSignal(window.repeat_runner.repeatFinished, timeout=60_000):
        click(qtbot, window, "repeatButton")
    qtbot.waitUntil(lambda: len(curve(panel, "x.grad[0, 0]")) == 1000, timeout=10_000)
    assert curve(panel, "x.grad[0, 0]")[-1] == 4.5 * 1000
    assert float(window.session.state.tensors["x"].grad.values[0, 0]) == 4500.0
    # a long run, cancelled: the points so far stay
    panel.repeatSpin.setValue(1_000_000)
    click(qtbot, window, "repeatButton")
    # the live history streams into the plot while the loop runs in the kernel
    qtbot.waitUntil(lambda: panel.history.count > 1500, timeout=30_000)
    with qtbot.waitSignal(window.repeat_runner.repeatFinished, timeout=30_000) as blocker:
        click(qtbot, window, "cancelRepeatButton")
    outcome = blocker.args[0]
    assert outcome.cancelled and 500 <= outcome.done < 1_000_000
    total = 1000 + outcome.done
    assert window.session.state.history.count == total
    qtbot.waitUntil(lambda: len(curve(panel, "x.grad[0, 0]")) == total, timeout=10_000)
    assert curve(panel, "x.grad[0, 0]")[-1] == 4.5 * total


def test_rerun_keeps_the_previous_series_faded(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    panel = panel_of(window)
    for _ in range(3):
        click(qtbot, window, "backwardButton")
    first = window.session.state
    click(qtbot, window, "runButton")
    qtbot.waitUntil(lambda: window.session.state is not first, timeout=10_000)
    click(qtbot, window, "backwardButton")
    qtbot.waitUntil(lambda: len(curve(panel, "x.grad[0, 0]")) == 1)
    assert curve(panel, "x.grad[0, 0]") == [4.5]
    previous = panel.previous_curves()
    assert len(previous) == 4
    assert [float(v) for v in previous[0].getOriginalDataset()[1]] == [4.5, 9.0, 13.5]
    click(qtbot, window, "clearPreviousButton")
    assert panel.previous_curves() == []


def test_csv_export_matches_the_history(make_window, qtbot, tmp_path, monkeypatch):
    window = make_window(LESSON3_CORE)
    for _ in range(2):
        click(qtbot, window, "backwardButton")
    click(qtbot, window, "zeroGradButton")
    click(qtbot, window, "backwardButton")
    path = tmp_path / "history.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    click(qtbot, window, "exportCsvButton")
    rows = list(csv.DictReader(path.open()))
    grads = [
        (int(r["run"]), r["source"], r["index"], float(r["value"]))
        for r in rows
        if r["tensor"] == "x.grad"
    ]
    idx = ["0, 0", "0, 1", "1, 0", "1, 1"]
    assert grads == [
        (run, "button", i, v) for run, v in ((1, 4.5), (2, 9.0), (3, 4.5)) for i in idx
    ]
    assert [(r["run"], r["source"]) for r in rows if r["source"].startswith("zero")] == [
        ("2", "zero")
    ]
    assert [float(r["value"]) for r in rows if r["tensor"] == "out"] == [27.0] * 3


def _shown_ticks(plot) -> list[float]:
    """The run numbers the bottom axis of *plot* labels for its current view range."""
    axis = plot.getPlotItem().getAxis("bottom")
    low, high = plot.getPlotItem().getViewBox().viewRange()[0]
    return sorted({v for _, values in axis.tickValues(low, high, axis.width()) for v in values})


@pytest.mark.parametrize("clicks", [1, 2, 3])
def test_first_backward_runs_are_numbered_on_the_x_axis(make_window, qtbot, clicks):
    """After 1-3 Backward clicks the x axis says which run each point is (1, 2, 3), not
    nothing (pyqtgraph picks 0.5/0.1 spacings there, which a whole-number axis dropped)."""
    window = make_window(LESSON3_CORE)
    window.resize(1280, 800)
    window.plot_dock.raise_()
    window.show()
    qtbot.waitExposed(window)
    for _ in range(clicks):
        click(qtbot, window, "backwardButton")
    panel = panel_of(window)
    panel.redraw()
    for plot in (panel.gradPlot, panel.lossPlot):
        plot.getPlotItem().getViewBox().prepareForPaint()
        assert _shown_ticks(plot) == [float(run) for run in range(1, clicks + 1)]


def test_opening_another_lesson_drops_the_previous_series(make_window, qtbot):
    """The faded "previous run" compares two runs of one script; after Examples ▸ 4 the
    lesson-3 curves (and their loss, labelled "loss (z)") must not linger in the plot.
    Re-running the same script still keeps them (test above)."""
    window = make_window(LESSON3_CORE)
    for _ in range(3):
        click(qtbot, window, "backwardButton")
    window.actions_by_name["example4"].trigger()
    qtbot.waitUntil(
        lambda: window.session.state is not None and "w" in window.session.state.tensors
    )
    panel = panel_of(window)
    panel.redraw()
    assert window.session.state.history.previous is None
    _x, previous_loss = panel.prevLossCurve.getData()
    assert previous_loss is None or len(previous_loss) == 0


def run_script(qtbot, window, text: str) -> None:
    """Put ``text`` in the editor (as a paste over everything does) and run it."""
    window.editor.setPlainText(text)
    click(qtbot, window, "runButton")
    qtbot.waitUntil(
        lambda: window.session.run is not None and window.session.run.source == text,
        timeout=10_000,
    )


def test_new_script_drops_the_previous_series(make_window, qtbot):
    """File ▸ New: the next script's plot compares with nothing (the window calls
    ``state.history.clear_previous()``); its first Backward shows no faded run."""
    window = make_window(LESSON3_CORE)
    panel = panel_of(window)
    for _ in range(3):
        click(qtbot, window, "backwardButton")
    qtbot.waitUntil(lambda: len(curve(panel, "x.grad[0, 0]")) == 3)
    window.actions_by_name["new"].trigger()
    qtbot.waitUntil(lambda: window.session.run.source == "", timeout=10_000)
    assert window.session.state.history.previous is None
    assert panel.previous_curves() == [] and panel.curves() == {}
    run_script(qtbot, window, LESSON3_CORE)
    click(qtbot, window, "backwardButton")
    qtbot.waitUntil(lambda: len(curve(panel, "x.grad[0, 0]")) == 1)
    assert curve(panel, "x.grad[0, 0]") == [4.5] and panel.previous_curves() == []


@pytest.mark.parametrize(
    ("text", "root", "faded"),
    [
        (LESSON3_CORE.replace("y * y * 3", "y * y * 2"), "out", True),  # an edit: same names
        (  # another script pasted over: other names
            "import torch\nw = torch.ones(3, requires_grad=True)\nloss = (w * w).sum()\n",
            "loss",
            False,
        ),
    ],
)
def test_the_faded_run_stays_only_for_an_edit(make_window, qtbot, text, root, faded):
    window = make_window(LESSON3_CORE)
    panel = panel_of(window)
    for _ in range(2):
        click(qtbot, window, "backwardButton")
    qtbot.waitUntil(lambda: len(curve(panel, "x.grad[0, 0]")) == 2)
    run_script(qtbot, window, text)
    assert window.backward_panel.current_root() == root
    click(qtbot, window, "backwardButton")
    qtbot.waitUntil(lambda: window.session.state.history.count == 1, timeout=10_000)
    panel.redraw()
    names = window.session.state.history.tracked_names()
    label = "x.grad[0, 0]" if faded else "w.grad[0]"
    expected = 3.0 if faded else 2.0  # d/dx mean(2 (x+2)^2) at 1; d/dw sum(w^2) at 1
    assert curve(panel, label) == [expected]
    if faded:
        assert names == ["x"] and len(panel.previous_curves()) == 4
        assert [float(v) for v in panel.previous_curves()[0].getData()[1]] == [4.5, 9.0]
    else:
        assert names == ["w"] and panel.previous_curves() == []
        assert window.session.state.history.previous is None
