"""The accumulation plot, driven through its real widgets and real PyTorch backward calls."""

from __future__ import annotations

import csv

import numpy as np
import pyqtgraph as pg
import pytest
import torch
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from playground.core.history import RunHistory
from playground.core.result import BackwardCall
from playground.ui import plot_panel as plot_panel_mod
from playground.ui.plot_panel import PlotPanel


def seed_namespace():
    """The seed's gradient example (lesson 3) as live tensors."""
    x = torch.ones(2, 2, requires_grad=True)
    y = x + 2
    z = y * y * 3
    out = z.mean()
    return {"x": x, "y": y, "z": z, "out": out}


def click_backward(h: RunHistory, ns, root="out", *, source="button", line=None, zero_before=False):
    """What the Session does for a Backward click: observers around a real backward."""
    if zero_before:
        click_zero(h, ns)
    call = BackwardCall("backward", (ns[root],), line, source)
    h.backward_started(call, ns)
    ns[root].backward(retain_graph=True)
    h.backward_finished(call, ns, None)


def click_zero(h: RunHistory, ns, *, set_to_none=False):
    """What the Session does for Zero grad."""
    for v in ns.values():
        if isinstance(v, torch.Tensor) and v.is_leaf and v.grad is not None:
            if set_to_none:
                v.grad = None
            else:
                v.grad.zero_()
    h.record_zero(set_to_none=set_to_none, source="button")


@pytest.fixture
def panel(qtbot):
    widget = PlotPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def curve_y(panel: PlotPanel, label: str) -> list[float]:
    _x, y = panel.curves()[label].getOriginalDataset()
    return [float(v) for v in y]


def test_object_names(panel):
    for cls, name in [
        (pg.PlotWidget, "gradPlot"),
        (pg.PlotWidget, "lossPlot"),
    ]:
        assert panel.findChild(cls, name) is not None
    assert panel.objectName() == "plotPanel"
    for name in ("repeatSpin", "repeatButton", "cancelRepeatButton", "repeatProgress"):
        assert getattr(panel, name).objectName() == name
    assert panel.repeatSpin.maximum() >= 100_000


def test_three_backward_clicks_accumulate(panel):
    ns = seed_namespace()
    h = RunHistory()
    panel.set_history(h)
    for _ in range(3):
        click_backward(h, ns)
        panel.refresh()
    panel.redraw()
    assert sorted(panel.curves()) == [
        "x.grad[0, 0]",
        "x.grad[0, 1]",
        "x.grad[1, 0]",
        "x.grad[1, 1]",
    ]
    for label in panel.curves():
        assert curve_y(panel, label) == [4.5, 9.0, 13.5]
    x, _ = panel.curves()["x.grad[0, 0]"].getOriginalDataset()
    assert x.tolist() == [1.0, 2.0, 3.0]
    _lx, loss = panel.lossCurve.getOriginalDataset()
    assert loss.tolist() == [ns["out"].item()] * 3
    # the data agrees with PyTorch itself
    assert ns["x"].grad.flatten().tolist() == [13.5] * 4


def test_zero_then_backward_drops_back_with_a_marker(panel):
    ns = seed_namespace()
    h = RunHistory()
    panel.set_history(h)
    for _ in range(3):
        click_backward(h, ns)
    click_zero(h, ns)
    click_backward(h, ns)
    panel.redraw()
    assert curve_y(panel, "x.grad[1, 0]") == [4.5, 9.0, 13.5, 4.5]
    assert panel.zero_marker_positions() == [3.5]
    lines = [
        item
        for item in panel.gradPlot.getPlotItem().items
        if isinstance(item, pg.InfiniteLine)
        and item.angle == 90
        and item.pen == plot_panel_mod.ZERO_PEN
    ]
    assert [line.value() for line in lines] == [3.5]


def test_zero_before_backward_is_flat(panel):
    ns = seed_namespace()
    h = RunHistory()
    panel.set_history(h)
    for _ in range(4):
        click_backward(h, ns, zero_before=True)
    panel.redraw()
    for label in panel.curves():
        assert curve_y(panel, label) == [4.5] * 4
    assert panel.zero_marker_positions() == [0.5, 1.5, 2.5, 3.5]


def test_script_loop_fills_the_plot_before_any_click(panel):
    # a script like: for i in range(5): out.backward(retain_graph=True)  (line 7)
    ns = seed_namespace()
    h = RunHistory()
    for _ in range(5):
        click_backward(h, ns, source="script", line=7)
    panel.set_history(h)
    assert curve_y(panel, "x.grad[0, 0]") == [4.5 * k for k in range(1, 6)]
    # script runs and button clicks are drawn with different symbols
    click_backward(h, ns)
    panel.redraw()
    symbols = [s for s in panel._dots["x.grad[0, 0]"].data["symbol"]]
    assert symbols == ["o"] * 5 + ["s"]


def test_mode_picker_norm_mean_max(panel):
    ns = seed_namespace()
    h = RunHistory()
    panel.set_history(h)
    click_backward(h, ns)
    click_backward(h, ns)
    panel.redraw()
    assert panel.tensorPicker.currentText() == "x"
    panel.modePicker.setCurrentText("norm")
    assert list(panel.curves()) == ["‖x.grad‖"]
    expected = [torch.linalg.norm(torch.full((2, 2), v)).item() for v in (4.5, 9.0)]
    assert curve_y(panel, "‖x.grad‖") == pytest.approx(expected)
    panel.modePicker.setCurrentText("max")
    assert curve_y(panel, "max(x.grad)") == [4.5, 9.0]
    panel.modePicker.setCurrentText("elements")
    assert len(panel.curves()) == 4


def test_big_tensor_defaults_to_norm(panel):
    w = torch.linspace(-1, 1, 20).requires_grad_(True)
    loss = (w * w).sum()
    ns = {"w": w, "loss": loss}
    h = RunHistory()
    click_backward(h, ns, "loss")
    panel.set_history(h)
    assert list(panel.curves()) == ["‖w.grad‖"]
    assert curve_y(panel, "‖w.grad‖") == pytest.approx([torch.linalg.norm(2 * w.detach()).item()])
    assert panel.modePicker.currentText() == "norm"


def test_rerun_keeps_faded_previous_until_cleared(panel, qtbot):
    ns = seed_namespace()
    first = RunHistory()
    for _ in range(3):
        click_backward(first, ns)
    second = first.start_next()
    ns2 = seed_namespace()  # the script re-ran: fresh tensors
    click_backward(second, ns2, zero_before=True)
    panel.set_history(second)
    prev = panel.previous_curves()
    assert len(prev) == 4
    assert [float(v) for v in prev[0].getOriginalDataset()[1]] == [4.5, 9.0, 13.5]
    assert curve_y(panel, "x.grad[0, 0]") == [4.5]
    panel.showPreviousCheck.setChecked(False)
    assert panel.previous_curves() == []
    panel.showPreviousCheck.setChecked(True)
    assert len(panel.previous_curves()) == 4
    qtbot.mouseClick(panel.clearPreviousButton, Qt.MouseButton.LeftButton)
    assert panel.previous_curves() == []
    assert second.previous is None


def test_crosshair_shows_exact_values(panel, qtbot):
    ns = seed_namespace()
    h = RunHistory()
    panel.set_history(h)
    for _ in range(3):
        click_backward(h, ns)
    panel.redraw()
    assert panel.crosshair_text(2).startswith("run 2 (button)")
    assert "x.grad[0, 1] = 9.0" in panel.crosshair_text(2)
    assert "out = 27.0" in panel.crosshair_text(2)
    vb = panel.gradPlot.getPlotItem().getViewBox()
    qtbot.waitUntil(lambda: vb.viewRange()[0][1] >= 3 and vb.viewRange()[1][1] >= 13.5)
    scene_pos = vb.mapViewToScene(pg.Point(2.0, 9.0))
    view_pos = panel.gradPlot.mapFromScene(scene_pos)
    local = QPointF(view_pos.x(), view_pos.y())
    viewport = panel.gradPlot.viewport()
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        local,
        viewport.mapToGlobal(local),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, move)
    qtbot.waitUntil(lambda: panel.crosshairLabel.text().startswith("run 2"), timeout=2000)
    assert panel._vline.value() == 2


def test_export_buttons(panel, qtbot, tmp_path, monkeypatch):
    ns = seed_namespace()
    h = RunHistory()
    panel.set_history(h)
    for _ in range(3):
        click_backward(h, ns)
    click_zero(h, ns)
    click_backward(h, ns)
    target = {}

    def fake_dialog(_parent, _title, default, _filters):
        path = tmp_path / default
        target["path"] = path
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    qtbot.mouseClick(panel.exportCsvButton, Qt.MouseButton.LeftButton)
    rows = list(csv.DictReader(target["path"].open()))
    grads = [float(r["value"]) for r in rows if r["tensor"] == "x.grad"]
    assert grads == h.values("x").reshape(-1).tolist()
    assert [r for r in rows if r["source"] == "zero"][0]["run"] == "3"

    qtbot.mouseClick(panel.exportPngButton, Qt.MouseButton.LeftButton)
    image = QImage(str(target["path"]))
    assert not image.isNull() and image.width() == 1200

    qtbot.mouseClick(panel.exportSvgButton, Qt.MouseButton.LeftButton)
    text = target["path"].read_text()
    assert "<svg" in text and "x.grad[0, 0]" in text


def test_repeat_controls(panel, qtbot):
    panel.repeatSpin.setValue(1000)
    with qtbot.waitSignal(panel.repeatRequested) as blocker:
        qtbot.mouseClick(panel.repeatButton, Qt.MouseButton.LeftButton)
    assert blocker.args == [1000]
    panel.set_repeat_running(True)
    assert not panel.repeatButton.isEnabled() and panel.cancelRepeatButton.isEnabled()
    with qtbot.waitSignal(panel.cancelRequested):
        qtbot.mouseClick(panel.cancelRepeatButton, Qt.MouseButton.LeftButton)
    panel.set_progress(250, 1000)
    assert (panel.repeatProgress.value(), panel.repeatProgress.maximum()) == (250, 1000)
    panel.set_repeat_running(False)
    assert panel.repeatButton.isEnabled() and not panel.cancelRepeatButton.isEnabled()


def test_refresh_is_throttled(qtbot, monkeypatch):
    calls = []
    original = PlotPanel.redraw

    def counting(self):
        calls.append(1)
        original(self)

    monkeypatch.setattr(PlotPanel, "redraw", counting)
    widget = PlotPanel()
    qtbot.addWidget(widget)
    ns = seed_namespace()
    h = RunHistory()
    widget.set_history(h)
    calls.clear()
    for _ in range(50):
        click_backward(h, ns)
        widget.refresh()
    assert len(calls) <= 2  # one at once, the rest coalesced into one pending redraw
    qtbot.waitUntil(lambda: bool(widget.curves()) and len(curve_y(widget, "x.grad[0, 0]")) == 50)
    assert curve_y(widget, "x.grad[0, 0]")[-1] == 4.5 * 50


def test_nan_for_missing_grad_and_empty_history(panel):
    panel.set_history(None)
    assert panel.curves() == {}
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.tensor(3.0, requires_grad=True)
    loss = (a * 2).sum()
    ns = {"a": a, "b": b, "loss": loss}
    h = RunHistory()
    click_backward(h, ns, "loss")
    panel.set_history(h)
    assert np.isnan(curve_y(panel, "b.grad")).all()
    assert curve_y(panel, "a.grad[1]") == [2.0]


def test_long_histories_get_thin_lines_no_symbols_no_grid(panel, monkeypatch):
    monkeypatch.setattr(plot_panel_mod, "THIN_PEN_ABOVE", 5)
    monkeypatch.setattr(plot_panel_mod, "SYMBOL_LIMIT", 5)
    ns = seed_namespace()
    h = RunHistory()
    panel.set_history(h)
    click_backward(h, ns)
    panel.redraw()
    grad_axis = panel.gradPlot.getPlotItem().getAxis("left")
    assert panel.curves()["x.grad[0, 0]"].opts["pen"].width() == 2
    assert grad_axis.grid is not False and len(panel._dots["x.grad[0, 0]"].data) == 1
    for _ in range(6):
        click_backward(h, ns)
    panel.redraw()
    assert panel.curves()["x.grad[0, 0]"].opts["pen"].width() == 1
    assert grad_axis.grid is False and len(panel._dots["x.grad[0, 0]"].data) == 0
    assert curve_y(panel, "x.grad[0, 0]") == [4.5 * k for k in range(1, 8)]


def test_loss_axis_label_is_never_cut(qtbot):
    """In a short dock the loss plot keeps room for its rotated "loss (out2)" label
    (it used to shrink to 60 px, showing "loss" or "loss (out" and overlapping ticks)."""
    widget = PlotPanel()
    qtbot.addWidget(widget)
    widget.resize(700, 330)
    widget.show()
    qtbot.waitExposed(widget)
    ns = seed_namespace()
    ns["out2"] = ns.pop("out")
    h = RunHistory()
    widget.set_history(h)
    click_backward(h, ns, root="out2")
    widget.redraw()
    axis = widget.lossPlot.getPlotItem().getAxis("left")
    view = widget.lossPlot.getPlotItem().getViewBox()
    assert axis.label.toPlainText().strip() == "loss (out2)"
    qtbot.waitUntil(lambda: view.height() >= axis.label.boundingRect().width())
    assert widget.gradPlot.height() >= widget.gradPlot.minimumHeight()
