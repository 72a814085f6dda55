"""The graph scene: node texts and kinds, edge gradients, zoom/fit, clicks, big graphs.

The scene draws plain views (what the kernel sends), made here from real in-process
runs: every gradient shown was computed by PyTorch.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication

from playground.core.layout import layout_graph
from playground.ui.graph_panel import without_saved
from playground.ui.graph_view import (
    FIT_WHOLE_NODES,
    READABLE_TEXT_PX,
    STYLES,
    EdgeItem,
    EdgeLabel,
    GraphLegend,
    GraphView,
    NodeItem,
)
from tests.conftest import make_views

LESSON3 = """import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
"""


def lesson3(backward: bool):
    """The seed's gradient example: its plain state (and trace, after Backward on out)."""
    _run, state = make_views(LESSON3, backward="out" if backward else None)
    return state, state.trace


@pytest.fixture
def view(qtbot):
    v = GraphView()
    v.resize(700, 600)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    return v


def show(view, state, trace=None):
    graph = without_saved(state.graph)  # as the panel draws it with "Saved tensors" off
    view.set_graph(graph, layout_graph(graph), keep_view=False)
    view.graph_scene.show_trace(trace)
    return graph


def test_nodes_show_names_kinds_and_grad(view):
    state, trace = lesson3(backward=True)
    show(view, state, trace)
    scene = view.graph_scene
    assert view.objectName() == "graphView"
    assert scene.nodes["t:x"].lines == ["x", "2×2", "grad [4.5, 4.5, 4.5, 4.5]"]
    assert scene.nodes["fn:out"].lines == ["MeanBackward0", "line 5"]  # made at line 5
    assert scene.nodes["acc:x"].lines == ["AccumulateGrad", "→ x.grad"]
    kinds = {i.node.id: i.style for i in scene.items() if isinstance(i, NodeItem)}
    assert kinds["t:x"] is STYLES["leaf"] and kinds["t:y"] is STYLES["nonleaf"]
    assert kinds["fn:y"] is STYLES["backward"] and kinds["acc:x"] is STYLES["accumulate"]
    assert len({s.fill for s in STYLES.values()}) == len(STYLES)  # kinds look different


def test_edges_carry_the_gradient_that_flowed(view):
    state, trace = lesson3(backward=True)
    show(view, state, trace)
    labels = {(e.edge.src, e.edge.dst, e.edge.index): e.label_text for e in view.graph_scene.edges}
    assert labels[("fn:out", "fn:z", 0)] == "[0.25, 0.25, 0.25, 0.25]"
    assert labels[("fn:y", "acc:x", 0)] == "[4.5, 4.5, 4.5, 4.5]"
    # y * y: both operands get 2.25 each, on two separate edges
    assert (
        labels[("fn:z/0", "fn:y", 0)] == labels[("fn:z/0", "fn:y", 1)] == "[2.25, 2.25, 2.25, 2.25]"
    )
    assert labels[("t:out", "fn:out", -1)] == "1"
    edge = next(e for e in view.graph_scene.edges if e.edge.src == "fn:y")
    assert "tensor([[4.5000, 4.5000]," in edge.tooltip()


def test_without_backward_no_gradients(view):
    state, _ = lesson3(backward=False)
    show(view, state, None)
    assert all(e.label_text == "" for e in view.graph_scene.edges)
    assert view.graph_scene.nodes["t:x"].lines == ["x", "2×2"]


def test_wheel_zoom_and_fit(view, qtbot):
    state, _ = lesson3(backward=False)
    show(view, state)
    before = view.transform().m11()
    pos = view.viewport().rect().center()
    event = QWheelEvent(
        pos,
        view.viewport().mapToGlobal(pos),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.transform().m11() > before
    qtbot.keyClick(view, Qt.Key.Key_F)
    assert view.transform().m11() == pytest.approx(before)


def test_click_on_node_emits_its_id(view, qtbot):
    state, _ = lesson3(backward=False)
    show(view, state)
    item = view.graph_scene.nodes["t:y"]
    point = view.mapFromScene(item.scenePos())
    with qtbot.waitSignal(view.nodeClicked, timeout=2000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == ["t:y"]
    assert item.isSelected()


def test_step_highlight(view):
    state, trace = lesson3(backward=True)
    show(view, state, trace)
    scene = view.graph_scene
    step = scene.show_step(trace, 3)
    assert step.node_key == "fn:y" and scene.nodes["fn:y"].current
    assert all(scene.nodes[s.node_key].done for s in trace.steps[:3])
    hot = {(e.edge.src, e.edge.dst) for e in scene.edges if e.highlighted}
    assert hot == {("fn:z/0", "fn:y"), ("fn:y", "acc:x"), ("t:y", "fn:y")}
    step = scene.show_step(trace, 4)
    assert step.is_accumulate and scene.nodes["t:x"].flashing
    assert not scene.nodes["fn:y"].current
    scene.show_step(trace, None)
    assert not any(i.current or i.done or i.flashing for i in scene.nodes.values())


def test_legend_names_every_kind(qtbot):
    legend = GraphLegend()
    qtbot.addWidget(legend)
    assert legend.legend_texts() == [s.legend for s in STYLES.values()]
    assert "AccumulateGrad" in legend.legend_texts()
    legend.resize(1200, 30)
    assert legend.rows() == 1
    legend.resize(420, 30)
    assert legend.rows() >= 2 and legend.height() >= 2 * 18  # wraps instead of clipping


def test_level_of_detail_hides_text_when_zoomed_out(view):
    state, _ = lesson3(backward=False)
    show(view, state)
    item = view.graph_scene.nodes["t:x"]

    def ink(scale: float) -> int:
        image = QImage(400, 200, QImage.Format.Format_ARGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        painter.translate(200, 100)
        painter.scale(scale, scale)
        item.paint(painter, None)
        painter.end()
        dark = 0
        for yy in range(0, 200, 2):
            for xx in range(0, 400, 2):
                color = image.pixelColor(xx, yy)
                if color.lightness() < 130 and color.hslSaturation() < 60:  # grey text
                    dark += 1
        return dark

    line = QFontMetricsF(view.graph_scene.font).height()
    assert ink(1.0) > 0  # black text
    assert ink(6.0 / line) > 0  # still drawn with 6-px lines: small but legible
    assert ink(5.0 / line) == 0  # only the coloured shape, no text
    assert ink(0.3) == 0


@pytest.mark.slow
def test_ten_thousand_nodes_render(view, monkeypatch):
    from playground.kernel import snapshot

    # The kernel sends at most 2,000 nodes; the scene itself must cope with 10,000.
    monkeypatch.setattr(snapshot, "cap_graph", lambda graph, _limit: (graph, len(graph.nodes)))
    _run, state = make_views(
        "import torch\ntorch.manual_seed(0)\nh = torch.randn(1, 4)\n"
        "for i in range(1400):\n"
        "    w = torch.randn(4, 4, requires_grad=True)\n"
        "    b = torch.randn(4, requires_grad=True)\n"
        "    h = torch.tanh(h @ w + b)\n"
        "loss = h.sum()\n"
    )
    graph = show(view, state)
    assert len(graph.nodes) > 9_800
    assert len(view.graph_scene.nodes) == len(graph.nodes)
    assert sum(isinstance(i, EdgeItem) for i in view.graph_scene.items()) == len(graph.edges)
    assert not view.grab().isNull()
    view.fit()
    assert not view.grab().isNull()
    # left to right, as in the dock: readable at first, whole graph on Shift+F
    scene = view.graph_scene
    layout = layout_graph(graph, direction="LR", widths=scene.node_widths(graph))
    view.set_graph(graph, layout, keep_view=False)
    assert len(scene.nodes) == len(graph.nodes)
    assert view.text_px() >= READABLE_TEXT_PX - 1e-6
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(scene.nodes["t:loss"].sceneBoundingRect())
    assert not view.grab().isNull()
    view.fit(whole=True)
    assert not view.grab().isNull()


def test_same_shape_updates_items_in_place(view):
    state, _ = lesson3(backward=False)
    show(view, state)
    scene = view.graph_scene
    leaf = scene.nodes["t:x"]
    edge = next(e for e in scene.edges if e.edge.kind == "variable")
    after, trace = lesson3(backward=True)  # the state the kernel sends after Backward
    show(view, after, trace)
    assert scene.nodes["t:x"] is leaf  # same item, new values
    assert leaf.lines[-1] == "grad [4.5, 4.5, 4.5, 4.5]"
    # the taller box: the edge into it now ends on its new top
    top = leaf.scenePos().y() - leaf.node_half_height()
    assert edge.path().pointAtPercent(0.0).y() < top
    assert abs(edge.path().elementAt(edge.path().elementCount() - 4).y - top) < 1e-6
    show(view, after, None)
    assert all(e.label_text == "" for e in scene.edges)


def test_fit_keeps_text_readable_and_shift_f_shows_everything(qtbot):
    v = GraphView()
    v.setFixedSize(702, 222)  # viewport 700×220: the dock in a 1280×800 window
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    state, trace = lesson3(backward=True)
    show(v, state, trace)  # top-down: 7 layers cannot fit 220 px readably
    v.fit()
    # ... but a graph of at most FIT_WHOLE_NODES nodes is always shown whole
    assert len(v.graph_scene.nodes) <= FIT_WHOLE_NODES
    assert v.verticalScrollBar().maximum() == v.verticalScrollBar().minimum()
    assert v.text_px() < READABLE_TEXT_PX
    _run, big = make_views(
        "import torch\ntorch.manual_seed(0)\nh = torch.randn(1, 4)\n"
        "for i in range(8):\n"
        "    h = torch.tanh(h @ torch.randn(4, 4, requires_grad=True) + 1)\n"
        "loss = h.sum()\n"
    )
    show(v, big)
    assert len(v.graph_scene.nodes) > FIT_WHOLE_NODES
    v.fit()
    assert v.text_px() >= READABLE_TEXT_PX - 1e-6
    assert v.verticalScrollBar().maximum() > 0  # the rest is a scroll away
    shown = v.mapToScene(v.viewport().rect()).boundingRect()
    assert shown.contains(v.graph_scene.nodes["fn:loss"].sceneBoundingRect())  # outputs first
    qtbot.keyClick(v, Qt.Key.Key_F, Qt.KeyboardModifier.ShiftModifier)
    shown = v.mapToScene(v.viewport().rect()).boundingRect()
    assert shown.contains(v.graph_scene.sceneRect().adjusted(1, 1, -1, -1))
    assert v.text_px() < 6  # whole graph: text would be illegible, so it is dropped
    qtbot.keyClick(v, Qt.Key.Key_F)
    assert v.text_px() >= READABLE_TEXT_PX - 1e-6


def test_left_to_right_scene(view):
    state, trace = lesson3(backward=True)
    graph = without_saved(state.graph)
    scene = view.graph_scene
    layout = layout_graph(graph, direction="LR", widths=scene.node_widths(graph))
    view.set_graph(graph, layout, keep_view=False)
    scene.show_trace(trace)
    x, acc = scene.nodes["t:x"], scene.nodes["acc:x"]
    # boxes sized to their text; a leaf has room for its .grad
    assert x.shown_lines() == ["x", "2×2", "grad [4.5, 4.5, 4.5, 4.5]"]
    assert acc.shown_lines() == ["AccumulateGrad", "→ x.grad"]
    assert acc.node_half_width() < x.node_half_width()
    # edges leave a box's right side and end, with their arrow, at the next one's left
    edge = next(e for e in scene.edges if e.edge.src == "acc:x")
    start = edge.path().pointAtPercent(0.0)
    assert start.x() == pytest.approx(acc.scenePos().x() + acc.node_half_width())
    tip = edge.path().elementAt(edge.path().elementCount() - 2)
    assert tip.x == pytest.approx(x.scenePos().x() - x.node_half_width())
    # gradient labels sit above their target, clear of the row's boxes
    into = next(e for e in scene.edges if e.edge.dst == "acc:x" and e.label is not None)
    label = into.label.sceneBoundingRect()
    assert label.bottom() <= acc.sceneBoundingRect().top() + 4
    assert isinstance(into.label, EdgeLabel) and into.label.shown == "[4.5, 4.5, 4.5, 4.5]"
    assert "tensor([[4.5000, 4.5000]," in into.label.tooltip()
    # y * y: two labels into AddBackward0, stacked, not on top of each other
    pair = [e.label.sceneBoundingRect() for e in scene.edges if e.edge.src == "fn:z/0"]
    assert len(pair) == 2 and not pair[0].intersects(pair[1])
    assert max(r.bottom() for r in pair) <= scene.nodes["fn:y"].sceneBoundingRect().top() + 4
