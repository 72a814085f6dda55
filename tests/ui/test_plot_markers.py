"""The accumulation plot stays readable: marker labels never overlap, the legend never
covers data, lines break at every zero, the faded previous run belongs to the same
script, an empty plot forgets its axes.

Histories come from real PyTorch runs (an in-process session, as the window gets them).
"""

from __future__ import annotations

import itertools

import numpy as np
import pyqtgraph as pg
import pytest
import torch
from PySide6.QtCore import QPointF

from playground.core.repeat import run_repeated
from playground.ui import plot_panel as plot_panel_mod
from playground.ui.plot_markers import cluster_labels, connections, isolated
from playground.ui.plot_panel import PlotPanel
from tests.conftest import LESSON3, LocalKernel

TRAINING_LOOP = """import torch
torch.manual_seed(0)
w = torch.randn(3, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([w, b], lr=0.1)
x = torch.randn(20, 3); y = x @ torch.tensor([1.0, -2.0, 0.5]) + 0.3
for step in range(50):
    opt.zero_grad()
    loss = ((x @ w + b - y) ** 2).mean()
    loss.backward()
    opt.step()
"""


def plain_training_loop() -> tuple[list[float], list[list[float]]]:
    """The same loop in plain PyTorch: the losses and ``w.grad`` of every step."""
    torch.manual_seed(0)
    w = torch.randn(3, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w, b], lr=0.1)
    x = torch.randn(20, 3)
    y = x @ torch.tensor([1.0, -2.0, 0.5]) + 0.3
    losses, grads = [], []
    for _ in range(50):
        opt.zero_grad()
        loss = ((x @ w + b - y) ** 2).mean()
        loss.backward()
        opt.step()
        losses.append(loss.item())
        grads.append(w.grad.tolist())
    return losses, grads


@pytest.fixture(scope="module")
def loop_history():
    """The 50-step loop's history as the window receives it (python mode: optimizers)."""
    kernel = LocalKernel("python")
    kernel.run(TRAINING_LOOP)
    return kernel.state().history


def settle(plot_panel: PlotPanel) -> None:
    """Apply pending ranges (what painting does) so positions are final."""
    for widget in (plot_panel.gradPlot, plot_panel.lossPlot):
        widget.getPlotItem().getViewBox().prepareForPaint()


def assert_labels_readable(plot_panel: PlotPanel) -> None:
    """In each plot (its own scene): no two visible labels intersect, none reaches into
    the data area, all are inside their strip."""
    layers = (
        (plot_panel.zeroMarkers, plot_panel.gradPlot),
        (plot_panel.stepMarkers, plot_panel.lossPlot),
    )
    for layer, widget in layers:
        view = widget.getPlotItem().getViewBox().sceneBoundingRect()
        strip = layer.strip.sceneBoundingRect()
        rects = [(item.text(), item.sceneBoundingRect()) for item in layer.strip.labels()]
        for (ta, a), (tb, b) in itertools.combinations(rects, 2):
            assert not a.intersects(b), (ta, tb)
        for text, rect in rects:
            assert not rect.intersects(view), text
            assert strip.left() - 0.5 <= rect.left() and rect.right() <= strip.right() + 0.5


# -- markers ---------------------------------------------------------------------------------
def test_a_50_step_loop_has_one_label_per_marker_kind(plot_panel, loop_history):
    history = loop_history
    losses, grads = plain_training_loop()
    assert np.allclose(history.root_values(), losses)
    assert np.allclose(history.values("w"), grads)
    assert [e.after_run for e in history.zero_events] == list(range(50))
    assert all(e.set_to_none for e in history.zero_events)  # optimizer.zero_grad()'s default
    assert history.step_events == list(range(1, 51))
    plot_panel.set_history(history)
    settle(plot_panel)
    assert plot_panel.marker_labels() == {"zero": [".grad = None ×50"], "step": ["step ×50"]}
    assert_labels_readable(plot_panel)
    # one line per marker still; drawn faint, as they are a few pixels apart
    assert len(plot_panel.zeroMarkers.lines()) == 50 and len(plot_panel.stepMarkers.lines()) == 50
    assert plot_panel.zeroMarkers.dense() and plot_panel.stepMarkers.dense()


@pytest.mark.parametrize("view", [(0, 12), (0, 5), (20, 24), (10.2, 40.7), (-3, 60)])
def test_labels_never_overlap_when_zoomed(plot_panel, loop_history, view):
    plot_panel.set_history(loop_history)
    plot_panel.gradPlot.getPlotItem().setXRange(*view, padding=0)
    settle(plot_panel)
    labels = plot_panel.marker_labels()
    assert_labels_readable(plot_panel)
    low, high = view
    zeros_in_view = sum(low <= e.after_run + 0.5 < high for e in loop_history.zero_events)
    # every marker in view is counted by exactly one label
    counted = sum(int(t.split("×")[1]) if "×" in t else 1 for t in labels["zero"])
    assert counted == zeros_in_view


def test_zooming_in_splits_the_group_into_single_labels(plot_panel, loop_history):
    plot_panel.set_history(loop_history)
    plot = plot_panel.gradPlot.getPlotItem()
    plot.setXRange(0, 4, padding=0)
    settle(plot_panel)
    assert plot_panel.marker_labels()["zero"] == [".grad = None"] * 4  # at 0.5 … 3.5
    assert not plot_panel.zeroMarkers.dense()
    plot.setXRange(0, 50, padding=0)
    settle(plot_panel)
    assert plot_panel.marker_labels()["zero"] == [".grad = None ×50"]


def test_labels_are_grouped_again_on_resize(plot_panel, loop_history, qtbot):
    plot_panel.set_history(loop_history)
    plot = plot_panel.gradPlot.getPlotItem()
    view = plot.getViewBox()
    plot_panel.resize(1600, 600)
    qtbot.waitUntil(lambda: view.width() > 1400)
    plot.setXRange(0, 16, padding=0)
    settle(plot_panel)
    wide = plot_panel.marker_labels()["zero"]
    assert wide == [".grad = None"] * 16
    plot_panel.resize(plot_panel.minimumSizeHint().width(), 600)
    qtbot.waitUntil(lambda: view.width() < 800)
    settle(plot_panel)
    narrow = plot_panel.marker_labels()["zero"]
    assert len(narrow) < len(wide)
    assert sum(int(t.split("×")[1]) if "×" in t else 1 for t in narrow) == 16
    assert_labels_readable(plot_panel)


def test_a_single_zero_is_labelled_zero(plot_panel, local_kernel):
    local_kernel.run(LESSON3)
    for _ in range(3):
        local_kernel.backward("out")
    local_kernel.zero_grad()
    plot_panel.set_history(local_kernel.backward("out").history)
    settle(plot_panel)
    assert plot_panel.marker_labels() == {"zero": ["zero"], "step": []}
    assert [line.value() for line in plot_panel.zeroMarkers.lines()] == [3.5]


def test_zeroing_twice_between_two_runs_is_one_marker(plot_panel, local_kernel):
    local_kernel.run(LESSON3)
    local_kernel.backward("out")
    local_kernel.zero_grad(set_to_none=True)  # the button, then zero-before-backward
    history = local_kernel.backward("out", zero_before=True).history
    assert [e.after_run for e in history.zero_events] == [1, 1]
    plot_panel.set_history(history)
    settle(plot_panel)
    assert [line.value() for line in plot_panel.zeroMarkers.lines()] == [1.5]
    assert plot_panel.zeroMarkers.lines_shown() and not plot_panel.zeroMarkers.dense()
    # the last zeroing tells what .grad was before the run: zeros, not None
    assert plot_panel.marker_labels()["zero"] == ["zero"]


def test_cluster_labels_merge_until_none_overlap():
    def width_of(text: str) -> float:
        return 6.0 * len(text)

    pixels = [10, 14, 18, 60, 64, 200, 395]
    spots = cluster_labels(pixels, ["zero"] * 7, width_of, span=400, mixed="zero", gap=8)
    assert [s.text for s in spots] == ["zero ×5", "zero", "zero"]
    assert [(s.first, s.last) for s in spots] == [(0, 4), (5, 5), (6, 6)]
    for a, b in itertools.pairwise(spots):
        assert a.right + 8 <= b.left
    assert spots[-1].right <= 400 and spots[0].left >= 0  # kept inside the strip
    mixed = cluster_labels([1, 2], ["zero", "= None"], width_of, span=400, mixed="zero")
    assert [s.text for s in mixed] == ["zero ×2"]


# -- legend -----------------------------------------------------------------------------------
def data_points_in_scene(plot_panel: PlotPanel) -> list[QPointF]:
    view = plot_panel.gradPlot.getPlotItem().getViewBox()
    points = []
    for curve in [*plot_panel.curves().values(), *plot_panel.previous_curves()]:
        x, y = curve.getData()
        for xi, yi in zip(x, y, strict=True):
            if np.isfinite(yi):
                points.append(view.mapViewToScene(pg.Point(float(xi), float(yi))))
    return points


@pytest.mark.parametrize("case", ["lesson", "loop", "sixteen"])
def test_the_legend_is_outside_the_data(plot_panel, loop_history, local_kernel, qtbot, case):
    if case == "loop":
        plot_panel.set_history(loop_history)
        expected = ["w.grad[0]", "w.grad[1]", "w.grad[2]", "b.grad[0]"]
    elif case == "lesson":
        local_kernel.run(LESSON3)
        for _ in range(2):
            local_kernel.backward("out")
        local_kernel.run(LESSON3)  # re-run: the first run is drawn faded
        plot_panel.set_history(local_kernel.backward("out").history)
        expected = ["x.grad[0, 0]", "x.grad[0, 1]", "x.grad[1, 0]", "x.grad[1, 1]", "previous run"]
    else:
        local_kernel.run(
            "import torch\nw = torch.ones(4, 4, requires_grad=True)\nloss = (w * w).sum()\n"
        )
        plot_panel.set_history(local_kernel.backward("loss").history)
        expected = [f"w.grad[{i}, {j}]" for i in range(4) for j in range(4)]
    settle(plot_panel)
    legend = plot_panel.legend
    view = plot_panel.gradPlot.getPlotItem().getViewBox()
    qtbot.waitUntil(lambda: legend.sceneBoundingRect().height() > 0)
    assert legend.entry_names() == expected and legend.more_text() == ""
    box = legend.sceneBoundingRect()
    assert not box.intersects(view.sceneBoundingRect())
    assert box.bottom() <= view.sceneBoundingRect().top()
    points = data_points_in_scene(plot_panel)
    assert points and not any(box.contains(p) for p in points)


def test_too_many_entries_are_summed_up_and_the_previous_run_stays(plot_panel, local_kernel):
    source = (
        "import torch\na = torch.ones(4, 4, requires_grad=True)\n"
        "b = torch.ones(4, 4, requires_grad=True)\nloss = (a * b).sum()\n"
    )
    local_kernel.run(source)
    local_kernel.backward("loss")
    local_kernel.run(source)
    plot_panel.set_history(local_kernel.backward("loss").history)
    settle(plot_panel)
    names = plot_panel.legend.entry_names()
    assert len(plot_panel.curves()) == 32 and names[-1] == "previous run"
    hidden = 33 - len(names)
    assert hidden > 0 and plot_panel.legend.more_text() == f"+{hidden} more"
    assert not plot_panel.legend.sceneBoundingRect().intersects(
        plot_panel.gradPlot.getPlotItem().getViewBox().sceneBoundingRect()
    )


# -- gaps -------------------------------------------------------------------------------------
def drawn_segments(curve: pg.PlotDataItem) -> list[tuple[float, float]]:
    """The x ends of every line segment the curve's path draws."""
    path = curve.curve.getPath()
    segments = []
    for i in range(1, path.elementCount()):
        element = path.elementAt(i)
        if element.isLineTo():
            segments.append((path.elementAt(i - 1).x, element.x))
    return segments


def test_lines_break_at_each_zero(plot_panel, local_kernel):
    local_kernel.run(LESSON3)
    for _ in range(3):
        local_kernel.backward("out")
    local_kernel.zero_grad()
    for _ in range(2):
        local_kernel.backward("out")
    local_kernel.zero_grad(set_to_none=True)
    history = local_kernel.backward("out").history
    plot_panel.set_history(history)
    assert plot_panel.zero_marker_positions() == [3.5, 5.5]
    assert local_kernel.tensor("x").grad[0, 0].item() == 4.5
    curve = plot_panel.curves()["x.grad[0, 0]"]
    x, y = curve.getData()
    assert y.tolist() == [4.5, 9.0, 13.5, 4.5, 9.0, 4.5]
    assert curve.opts["connect"].tolist() == [True, True, False, True, False, False]
    assert drawn_segments(curve) == [(1.0, 2.0), (2.0, 3.0), (4.0, 5.0)]
    for a, b in drawn_segments(curve):
        assert not any(a < m < b for m in plot_panel.zero_marker_positions())
    # run 6 stands alone: its ■ symbol shows it
    dots = plot_panel._dots["x.grad[0, 0]"]
    assert dots.data["x"].tolist() == [1, 2, 3, 4, 5, 6]
    # the crosshair still reads every run's value
    assert "x.grad[0, 0] = 4.5" in plot_panel.crosshair_text(6)


def test_a_training_loop_draws_points_no_lines(plot_panel, loop_history):
    plot_panel.set_history(loop_history)
    _losses, grads = plain_training_loop()
    for i in range(3):
        curve = plot_panel.curves()[f"w.grad[{i}]"]
        assert np.allclose(curve.getData()[1], [g[i] for g in grads])
        assert drawn_segments(curve) == []  # zeroed before every backward
        dots = plot_panel._dots[f"w.grad[{i}]"]
        assert dots.data["x"].tolist() == list(range(1, 51))  # every step still shows
    # the loss is not reset by zeroing: its curve is one line
    assert len(drawn_segments(plot_panel.lossCurve)) == 49


def test_run_n_points_no_line_reaches_get_a_bar(plot_panel, local_kernel):
    local_kernel.run(LESSON3)
    step = local_kernel.session.make_repeat_step("out", zero_before=True)
    assert run_repeated(step, 5).ok
    history = local_kernel.state().history
    assert history.sources().tolist() == ["repeat"] * 5
    plot_panel.set_history(history)
    curve = plot_panel.curves()["x.grad[0, 0]"]
    assert curve.getData()[1].tolist() == [4.5] * 5 and drawn_segments(curve) == []
    symbols = plot_panel._dots["x.grad[0, 0]"].data["symbol"]
    assert len(symbols) == 5 and all(s is plot_panel_mod.ISOLATED_SYMBOL for s in symbols)


def test_long_histories_break_only_where_no_run_is_left_alone():
    finite = np.ones(8, dtype=bool)
    assert connections(finite, [3, 4, 6], keep_isolated=True).tolist() == [
        True,
        True,
        False,
        False,
        True,
        False,
        True,
        False,
    ]
    # drawn without symbols, run 4 (between the zeros after runs 3 and 4) would vanish:
    # zeros next to another zero (or an end) do not break the line; the one after 6 does
    kept = connections(finite, [3, 4, 6], keep_isolated=False)
    assert kept.tolist() == [True, True, True, True, True, False, True, False]
    assert not isolated(kept).any()


# -- previous run -----------------------------------------------------------------------------
def test_the_previous_run_is_drawn_for_an_edit_of_the_script(plot_panel, local_kernel):
    local_kernel.run(LESSON3)
    for _ in range(2):
        local_kernel.backward("out")
    local_kernel.run(LESSON3.replace("y * y * 3", "y * y * 2"))  # an edit: same names
    history = local_kernel.backward("out").history
    plot_panel.set_history(history)
    assert plot_panel_mod.previous_matches(history) is True
    prev = plot_panel.previous_curves()
    assert len(prev) == 4 and prev[0].getData()[1].tolist() == [4.5, 9.0]
    assert local_kernel.tensor("x").grad[0, 0].item() == 3.0  # d/dx mean(2 (x+2)^2) at 1
    assert plot_panel.curves()["x.grad[0, 0]"].getData()[1].tolist() == [3.0]


def test_the_previous_run_of_another_script_is_dropped(plot_panel, local_kernel):
    local_kernel.run(LESSON3)
    for _ in range(2):
        local_kernel.backward("out")
    other = "import torch\nw = torch.ones(3, requires_grad=True)\nloss = (w * w).sum()\n"
    local_kernel.run(other)  # pasted over: other names
    fresh = local_kernel.state().history
    assert fresh.previous is not None and fresh.previous.tracked_names() == ["x"]
    plot_panel.set_history(fresh)
    # no run yet: which names the new script tracks is not known; nothing faded shows
    assert plot_panel.previous_curves() == [] and fresh.previous is not None
    history = local_kernel.backward("loss").history
    plot_panel.set_history(history)
    assert history.tracked_names() == ["w"] and history.previous is None
    assert plot_panel.previous_curves() == []
    _x, prev_loss = plot_panel.prevLossCurve.getData()
    assert prev_loss is None or len(prev_loss) == 0
    assert "previous run" not in plot_panel.legend.entry_names()
    # a later action's history (which carried it too) does not bring it back
    again = local_kernel.backward("loss")
    again.history.previous = fresh.previous
    plot_panel.set_history(again.history)
    assert plot_panel.previous_curves() == []


def test_a_loop_pasted_over_drops_the_previous_run_at_once(plot_panel, local_kernel):
    local_kernel.run(LESSON3)
    local_kernel.backward("out")
    kernel = LocalKernel("python")
    kernel.run(LESSON3)
    kernel.backward("out")
    kernel.run(TRAINING_LOOP)
    history = kernel.state().history
    assert history.count == 50 and history.previous is not None
    plot_panel.set_history(history)
    assert history.previous is None and plot_panel.previous_curves() == []


def test_clear_previous_at_the_history_level(local_kernel):
    """What the window does on New/Open/a lesson (``state.history.clear_previous()``)."""
    local_kernel.run(LESSON3)
    local_kernel.backward("out")
    local_kernel.run(LESSON3)
    history = local_kernel.backward("out").history
    assert history.previous is not None and history.previous.count == 1
    history.clear_previous()
    assert history.previous is None
    assert plot_panel_mod.previous_matches(history) is None


# -- empty plot -------------------------------------------------------------------------------
def ticks(widget) -> list[float]:
    axis = widget.getPlotItem().getAxis("bottom")
    low, high = widget.getPlotItem().getViewBox().viewRange()[0]
    return [v for _, values in axis.tickValues(low, high, axis.width()) for v in values]


@pytest.mark.parametrize("empty", ["none", "fresh run"])
def test_an_empty_plot_resets_its_axes(plot_panel, loop_history, local_kernel, empty):
    plot_panel.set_history(loop_history)
    plot = plot_panel.gradPlot.getPlotItem()
    plot.setXRange(20, 30, padding=0)  # the user zoomed
    settle(plot_panel)
    assert ticks(plot_panel.gradPlot) and plot.getViewBox().viewRange()[0] == [20, 30]
    if empty == "none":
        plot_panel.set_history(None)
    else:
        local_kernel.run(LESSON3)  # nothing ran backward yet
        assert local_kernel.state().history.count == 0
        plot_panel.set_history(local_kernel.state().history)
    settle(plot_panel)
    view = plot.getViewBox()
    assert view.viewRange() == [[0.0, 1.0], [0.0, 1.0]]
    assert all(view.autoRangeEnabled())
    assert ticks(plot_panel.gradPlot) == [] and ticks(plot_panel.lossPlot) == []
    assert plot_panel.curves() == {} and plot_panel.zeroMarkers.lines() == []
    assert plot_panel.marker_labels() == {"zero": [], "step": []}
    _x, loss = plot_panel.lossCurve.getData()
    assert loss is None or len(loss) == 0
    assert plot_panel.legend.entry_names() == [] and not plot_panel.legend.isVisible()
    # the first run fits the view again
    local_kernel.run(LESSON3)
    plot_panel.set_history(local_kernel.backward("out").history)
    settle(plot_panel)
    (x0, x1), (y0, y1) = view.viewRange()
    assert x0 < 1 < x1 and y0 < 4.5 < y1
    assert ticks(plot_panel.gradPlot) == [1.0]


def test_step_labels_leave_room_for_the_loss_label(qtbot, loop_history):
    """In a short dock the loss plot stays tall enough for its rotated axis label even
    with the row of step labels above its data."""
    widget = PlotPanel()
    qtbot.addWidget(widget)
    widget.resize(700, 330)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_history(loop_history)
    item = widget.lossPlot.getPlotItem()
    axis, view = item.getAxis("left"), item.getViewBox()
    assert axis.label.toPlainText().strip() == "loss"  # the root is named loss: not "loss (loss)"
    assert widget.marker_labels()["step"] == ["step ×50"]
    qtbot.waitUntil(lambda: view.height() >= axis.label.boundingRect().width())
