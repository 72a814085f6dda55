"""The accumulation plot, driven through its real widgets and real PyTorch backward calls.

The panel gets what the window gets: a fresh plain history after every action, made
here by a real in-process session (the tensors stay in the test, to compare with).
"""

from __future__ import annotations

import csv

import numpy as np
import pyqtgraph as pg
import pytest
import torch
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from playground.ui import plot_panel as plot_panel_mod
from playground.ui.plot_panel import PlotPanel
from tests.conftest import LocalKernel

LESSON3_CORE = """import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
"""


def seed_kernel(source: str = LESSON3_CORE) -> LocalKernel:
    """The seed's gradient example (lesson 3) run in this process: its ``backward``,
    ``zero_grad`` and ``state`` return the fresh plain state the kernel sends after each
    action, ``tensor(name)`` the live tensor (what PyTorch says)."""
    kernel = LocalKernel()
    kernel.run(source)
    return kernel


def curve_y(plot_panel: PlotPanel, label: str) -> list[float]:
    _x, y = plot_panel.curves()[label].getOriginalDataset()
    return [float(v) for v in y]


def test_object_names(plot_panel):
    for cls, name in [
        (pg.PlotWidget, "gradPlot"),
        (pg.PlotWidget, "lossPlot"),
    ]:
        assert plot_panel.findChild(cls, name) is not None
    assert plot_panel.objectName() == "plotPanel"
    for name in ("repeatSpin", "repeatButton", "cancelRepeatButton", "repeatProgress"):
        assert getattr(plot_panel, name).objectName() == name
    assert plot_panel.repeatSpin.maximum() >= 100_000


def test_three_backward_clicks_accumulate(plot_panel):
    kernel = seed_kernel()
    plot_panel.set_history(kernel.state().history)
    for _ in range(3):
        plot_panel.set_history(kernel.backward("out").history)  # a fresh history per click
    plot_panel.redraw()
    assert sorted(plot_panel.curves()) == [
        "x.grad[0, 0]",
        "x.grad[0, 1]",
        "x.grad[1, 0]",
        "x.grad[1, 1]",
    ]
    for label in plot_panel.curves():
        assert curve_y(plot_panel, label) == [4.5, 9.0, 13.5]
    x, _ = plot_panel.curves()["x.grad[0, 0]"].getOriginalDataset()
    assert x.tolist() == [1.0, 2.0, 3.0]
    _lx, loss = plot_panel.lossCurve.getOriginalDataset()
    assert loss.tolist() == [kernel.tensor("out").item()] * 3
    # the data agrees with PyTorch itself
    assert kernel.tensor("x").grad.flatten().tolist() == [13.5] * 4


def test_zero_then_backward_drops_back_with_a_marker(plot_panel):
    kernel = seed_kernel()
    for _ in range(3):
        plot_panel.set_history(kernel.backward("out").history)
    plot_panel.set_history(kernel.zero_grad().history)
    plot_panel.set_history(kernel.backward("out").history)
    assert curve_y(plot_panel, "x.grad[1, 0]") == [4.5, 9.0, 13.5, 4.5]
    assert plot_panel.zero_marker_positions() == [3.5]
    lines = [
        item
        for item in plot_panel.gradPlot.getPlotItem().items
        if isinstance(item, pg.InfiniteLine)
        and item.angle == 90
        and item.pen == plot_panel_mod.ZERO_PEN
    ]
    assert [line.value() for line in lines] == [3.5]
    plot_panel.set_history(kernel.state().history)  # the same events again: one marker still
    lines = [i for i in plot_panel.gradPlot.getPlotItem().items if isinstance(i, pg.InfiniteLine)]
    assert [line.value() for line in lines if line.pen == plot_panel_mod.ZERO_PEN] == [3.5]


def test_zero_before_backward_is_flat(plot_panel):
    kernel = seed_kernel()
    for _ in range(4):
        plot_panel.set_history(kernel.backward("out", zero_before=True).history)
    for label in plot_panel.curves():
        assert curve_y(plot_panel, label) == [4.5] * 4
    assert plot_panel.zero_marker_positions() == [0.5, 1.5, 2.5, 3.5]


def test_script_loop_fills_the_plot_before_any_click(plot_panel):
    kernel = seed_kernel(LESSON3_CORE + "for i in range(5):\n    out.backward(retain_graph=True)\n")
    history = kernel.state().history
    assert history.lines().tolist() == [7] * 5
    plot_panel.set_history(history)
    assert curve_y(plot_panel, "x.grad[0, 0]") == [4.5 * k for k in range(1, 6)]
    # script runs and button clicks are drawn with different symbols
    plot_panel.set_history(kernel.backward("out").history)
    symbols = [s for s in plot_panel._dots["x.grad[0, 0]"].data["symbol"]]
    assert symbols == ["o"] * 5 + ["s"]


def test_mode_picker_norm_mean_max(plot_panel):
    kernel = seed_kernel()
    kernel.backward("out")
    plot_panel.set_history(kernel.backward("out").history)
    assert plot_panel.tensorPicker.currentText() == "x"
    plot_panel.modePicker.setCurrentText("norm")
    assert list(plot_panel.curves()) == ["‖x.grad‖"]
    expected = [torch.linalg.norm(torch.full((2, 2), v)).item() for v in (4.5, 9.0)]
    assert curve_y(plot_panel, "‖x.grad‖") == pytest.approx(expected)
    plot_panel.modePicker.setCurrentText("max")
    assert curve_y(plot_panel, "max(x.grad)") == [4.5, 9.0]
    plot_panel.modePicker.setCurrentText("elements")
    assert len(plot_panel.curves()) == 4


def test_big_tensor_defaults_to_norm(plot_panel):
    kernel = seed_kernel(
        "import torch\nw = torch.linspace(-1, 1, 20).requires_grad_(True)\nloss = (w * w).sum()\n"
    )
    plot_panel.set_history(kernel.backward("loss").history)
    assert list(plot_panel.curves()) == ["‖w.grad‖"]
    w = kernel.tensor("w")
    assert curve_y(plot_panel, "‖w.grad‖") == pytest.approx(
        [torch.linalg.norm(2 * w.detach()).item()]
    )
    assert w.grad.tolist() == pytest.approx((2 * w.detach()).tolist())
    assert plot_panel.modePicker.currentText() == "norm"


def test_rerun_keeps_faded_previous_until_cleared(plot_panel, qtbot):
    kernel = seed_kernel()
    for _ in range(3):
        kernel.backward("out")
    kernel.run(LESSON3_CORE)  # the script re-ran: fresh tensors, the last history faded
    second = kernel.backward("out", zero_before=True).history
    plot_panel.set_history(second)
    prev = plot_panel.previous_curves()
    assert len(prev) == 4
    assert [float(v) for v in prev[0].getOriginalDataset()[1]] == [4.5, 9.0, 13.5]
    assert curve_y(plot_panel, "x.grad[0, 0]") == [4.5]
    plot_panel.showPreviousCheck.setChecked(False)
    assert plot_panel.previous_curves() == []
    plot_panel.showPreviousCheck.setChecked(True)
    assert len(plot_panel.previous_curves()) == 4
    with qtbot.waitSignal(plot_panel.previousCleared, timeout=1000):
        qtbot.mouseClick(plot_panel.clearPreviousButton, Qt.MouseButton.LeftButton)
    assert plot_panel.previous_curves() == []
    assert second.previous is None
    # the next action brings a fresh history with a fresh copy of that previous: still gone
    third = kernel.backward("out").history
    assert third.previous is not None and third.previous.count == 3
    plot_panel.set_history(third)
    assert plot_panel.previous_curves() == [] and curve_y(plot_panel, "x.grad[0, 0]") == [4.5, 9.0]
    # a new run: the run before it (whose own faded series was cleared) is drawn faded
    # from the new run's first backward on (which tells that it tracks the same names)
    kernel.run(LESSON3_CORE)
    fresh = kernel.state().history
    plot_panel.set_history(fresh)
    assert plot_panel.previous_curves() == [] and fresh.previous is not None
    plot_panel.set_history(kernel.backward("out").history)
    prev = plot_panel.previous_curves()
    assert len(prev) == 4 and [float(v) for v in prev[0].getOriginalDataset()[1]] == [4.5, 9.0]


def test_cleared_previous_stays_cleared_when_the_window_reattaches_it(plot_panel):
    """The window may keep the last run's history and attach that same object to each
    fresh history of the new run."""
    first = seed_kernel()
    for _ in range(2):
        kept = first.backward("out").history
    kernel = seed_kernel()
    fresh = kernel.backward("out").history
    fresh.previous = kept
    plot_panel.set_history(fresh)
    assert len(plot_panel.previous_curves()) == 4
    plot_panel.clear_previous()
    fresh = kernel.backward("out").history
    fresh.previous = kept
    plot_panel.set_history(fresh)
    assert plot_panel.previous_curves() == [] and fresh.previous is None
    assert curve_y(plot_panel, "x.grad[0, 0]") == [4.5, 9.0]


def test_fresh_histories_keep_the_users_mode_and_zoom(plot_panel):
    kernel = seed_kernel()
    plot_panel.set_history(kernel.backward("out").history)
    plot_panel.modePicker.setCurrentText("norm")
    curve = plot_panel.curves()["‖x.grad‖"]
    view = plot_panel.gradPlot.getPlotItem().getViewBox()
    view.setRange(xRange=(0.5, 2.5), yRange=(0.0, 20.0), padding=0)  # the user zooms
    plot_panel.redraw()
    before = view.viewRange()
    for _ in range(3):
        plot_panel.set_history(kernel.backward("out").history)
        view.prepareForPaint()
    assert list(plot_panel.curves()) == ["‖x.grad‖"] and plot_panel.curves()["‖x.grad‖"] is curve
    assert (
        plot_panel.tensorPicker.currentText() == "x"
        and plot_panel.modePicker.currentText() == "norm"
    )
    assert [list(r) for r in view.viewRange()] == [pytest.approx(r) for r in before]
    expected = [torch.linalg.norm(torch.full((2, 2), 4.5 * k)).item() for k in range(1, 5)]
    assert curve_y(plot_panel, "‖x.grad‖") == pytest.approx(expected)
    assert kernel.tensor("x").grad[0, 0].item() == 18.0


def test_crosshair_shows_exact_values(plot_panel, qtbot):
    kernel = seed_kernel()
    for _ in range(3):
        plot_panel.set_history(kernel.backward("out").history)
    assert plot_panel.crosshair_text(2).startswith("run 2 (button)")
    assert "x.grad[0, 1] = 9.0" in plot_panel.crosshair_text(2)
    assert "out = 27.0" in plot_panel.crosshair_text(2)
    vb = plot_panel.gradPlot.getPlotItem().getViewBox()
    qtbot.waitUntil(lambda: vb.viewRange()[0][1] >= 3 and vb.viewRange()[1][1] >= 13.5)
    scene_pos = vb.mapViewToScene(pg.Point(2.0, 9.0))
    view_pos = plot_panel.gradPlot.mapFromScene(scene_pos)
    local = QPointF(view_pos.x(), view_pos.y())
    viewport = plot_panel.gradPlot.viewport()
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        local,
        viewport.mapToGlobal(local),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, move)
    qtbot.waitUntil(lambda: plot_panel.crosshairLabel.text().startswith("run 2"), timeout=2000)
    assert plot_panel._vline.value() == 2


def test_export_buttons(plot_panel, qtbot, tmp_path, monkeypatch):
    kernel = seed_kernel()
    for _ in range(3):
        kernel.backward("out")
    kernel.zero_grad()
    h = kernel.backward("out").history
    plot_panel.set_history(h)
    target = {}

    def fake_dialog(_parent, _title, default, _filters):
        path = tmp_path / default
        target["path"] = path
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    qtbot.mouseClick(plot_panel.exportCsvButton, Qt.MouseButton.LeftButton)
    rows = list(csv.DictReader(target["path"].open()))
    grads = [float(r["value"]) for r in rows if r["tensor"] == "x.grad"]
    assert grads == h.values("x").reshape(-1).tolist()
    assert grads[-4:] == kernel.tensor("x").grad.reshape(-1).tolist() == [4.5] * 4
    assert [r for r in rows if r["source"] == "zero"][0]["run"] == "3"

    qtbot.mouseClick(plot_panel.exportPngButton, Qt.MouseButton.LeftButton)
    image = QImage(str(target["path"]))
    assert not image.isNull() and image.width() == 1200

    qtbot.mouseClick(plot_panel.exportSvgButton, Qt.MouseButton.LeftButton)
    text = target["path"].read_text()
    assert "<svg" in text and "x.grad[0, 0]" in text


def test_repeat_controls(plot_panel, qtbot):
    plot_panel.repeatSpin.setValue(1000)
    with qtbot.waitSignal(plot_panel.repeatRequested) as blocker:
        qtbot.mouseClick(plot_panel.repeatButton, Qt.MouseButton.LeftButton)
    assert blocker.args == [1000]
    plot_panel.set_repeat_running(True)
    assert not plot_panel.repeatButton.isEnabled() and plot_panel.cancelRepeatButton.isEnabled()
    with qtbot.waitSignal(plot_panel.cancelRequested):
        qtbot.mouseClick(plot_panel.cancelRepeatButton, Qt.MouseButton.LeftButton)
    plot_panel.set_progress(250, 1000)
    assert (plot_panel.repeatProgress.value(), plot_panel.repeatProgress.maximum()) == (250, 1000)
    plot_panel.set_repeat_running(False)
    assert plot_panel.repeatButton.isEnabled() and not plot_panel.cancelRepeatButton.isEnabled()


def test_refresh_is_throttled(qtbot, monkeypatch):
    calls = []
    original = PlotPanel.redraw

    def counting(self):
        calls.append(1)
        original(self)

    monkeypatch.setattr(PlotPanel, "redraw", counting)
    widget = PlotPanel()
    qtbot.addWidget(widget)
    kernel = seed_kernel()
    widget.set_history(kernel.state().history)
    calls.clear()
    for _ in range(50):  # e.g. Run ×N streaming its history
        widget.set_history(kernel.backward("out").history, throttle=True)
    assert len(calls) <= 2  # one at once, the rest coalesced into one pending redraw
    qtbot.waitUntil(lambda: bool(widget.curves()) and len(curve_y(widget, "x.grad[0, 0]")) == 50)
    assert curve_y(widget, "x.grad[0, 0]")[-1] == 4.5 * 50


def test_nan_for_missing_grad_and_empty_history(plot_panel):
    plot_panel.set_history(None)
    assert plot_panel.curves() == {}
    kernel = seed_kernel(
        "import torch\na = torch.tensor([1.0, 2.0], requires_grad=True)\n"
        "b = torch.tensor(3.0, requires_grad=True)\nloss = (a * 2).sum()\n"
    )
    plot_panel.set_history(kernel.backward("loss").history)
    assert kernel.tensor("b").grad is None
    assert np.isnan(curve_y(plot_panel, "b.grad")).all()
    assert curve_y(plot_panel, "a.grad[1]") == [2.0]


def test_long_histories_get_thin_lines_no_symbols_no_grid(plot_panel, monkeypatch):
    monkeypatch.setattr(plot_panel_mod, "THIN_PEN_ABOVE", 5)
    monkeypatch.setattr(plot_panel_mod, "SYMBOL_LIMIT", 5)
    kernel = seed_kernel()
    plot_panel.set_history(kernel.backward("out").history)
    grad_axis = plot_panel.gradPlot.getPlotItem().getAxis("left")
    assert plot_panel.curves()["x.grad[0, 0]"].opts["pen"].width() == 2
    assert grad_axis.grid is not False and len(plot_panel._dots["x.grad[0, 0]"].data) == 1
    for _ in range(6):
        plot_panel.set_history(kernel.backward("out").history)
    assert plot_panel.curves()["x.grad[0, 0]"].opts["pen"].width() == 1
    assert grad_axis.grid is False and len(plot_panel._dots["x.grad[0, 0]"].data) == 0
    assert curve_y(plot_panel, "x.grad[0, 0]") == [4.5 * k for k in range(1, 8)]


def test_loss_axis_label_is_never_cut(qtbot):
    """In a short dock the loss plot keeps room for its rotated "loss (out2)" label
    (it used to shrink to 60 px, showing "loss" or "loss (out" and overlapping ticks)."""
    widget = PlotPanel()
    qtbot.addWidget(widget)
    widget.resize(700, 330)
    widget.show()
    qtbot.waitExposed(widget)
    kernel = seed_kernel(LESSON3_CORE.replace("out =", "out2 ="))
    widget.set_history(kernel.backward("out2").history)
    axis = widget.lossPlot.getPlotItem().getAxis("left")
    view = widget.lossPlot.getPlotItem().getViewBox()
    assert axis.label.toPlainText().strip() == "loss (out2)"
    qtbot.waitUntil(lambda: view.height() >= axis.label.boundingRect().width())
    assert widget.gradPlot.height() >= widget.gradPlot.minimumHeight()
