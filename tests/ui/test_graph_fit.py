"""The graph at the dock's docked size: Fit shows small graphs whole at the largest
zoom, follows new graphs and resizes until the user zooms or pans; saved tensors sit
beside their node; shapes read as shapes.

Every graph comes from a real in-process run (the kernel's plain views): the values
and gradients shown were computed by PyTorch.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QPushButton

from playground.ui.graph_panel import GraphPanel
from playground.ui.graph_view import FIT_WHOLE_NODES, EdgeItem, NodeItem, plural
from tests.conftest import EXAMPLES_DIR, LESSON3, PYTHON_MODE_LESSONS, SEED_DIR, make_views

#: The seed's six code blocks, then every built-in lesson.
SEED_LESSONS = sorted(SEED_DIR.glob("lesson*.py"))
LESSONS = [*SEED_LESSONS, *sorted(EXAMPLES_DIR.glob("*.py"))]
#: The seed's lesson 3 (its out2 included): 11 nodes.
SEED_LESSON3 = (SEED_DIR / "lesson3.py").read_text()
#: The graph view's viewport when the window is 1280×800 (docked layout).
DOCKED = (690, 290)
#: A three-layer MLP with its loss: 30 nodes (6 leaves, 11 backward nodes ...).
MLP = """import torch
torch.manual_seed(0)
x = torch.randn(4, 3)
w1 = torch.randn(3, 5, requires_grad=True)
b1 = torch.zeros(5, requires_grad=True)
h1 = torch.tanh(x @ w1 + b1)
w2 = torch.randn(5, 5, requires_grad=True)
b2 = torch.zeros(5, requires_grad=True)
h2 = torch.tanh(h1 @ w2 + b2)
w3 = torch.randn(5, 2, requires_grad=True)
b3 = torch.zeros(2, requires_grad=True)
out = h2 @ w3 + b3
target = torch.randn(4, 2)
err = out - target
loss = (err ** 2).mean()
"""
#: A tanh(h @ w + 1) chain of 12 steps: 63 nodes, more than Fit shows whole.
CHAIN12 = (
    "import torch\ntorch.manual_seed(0)\nh = torch.randn(1, 4)\n"
    "for i in range(12):\n"
    "    h = torch.tanh(h @ torch.randn(4, 4, requires_grad=True) + 1)\n"
    "loss = h.sum()\n"
)


def state_of(source: str, backward: str | None = None, mode: str = "restricted"):
    run_view, state = make_views(source, backward=backward, mode=mode)
    assert run_view.error is None
    return state


def mode_of(lesson) -> str:
    """The mode the window runs a built-in lesson in that the restricted one refuses."""
    return "python" if lesson.name in PYTHON_MODE_LESSONS else "restricted"


def before_backward(source: str) -> str:
    """``source`` up to its first ``.backward(`` line (its saved tensors not yet freed)."""
    lines = source.splitlines(keepends=True)
    cut = next((i for i, line in enumerate(lines) if ".backward(" in line), len(lines))
    return "".join(lines[:cut])


def docked_panel(qtbot, size: tuple[int, int] = DOCKED, direction: str = "auto") -> GraphPanel:
    panel = GraphPanel()
    panel.set_direction(direction)
    panel.view.setFixedSize(size[0] + 2, size[1] + 2)  # the viewport inside a 1-px frame
    panel.resize(size[0] + 20, size[1] + 300)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def show(panel: GraphPanel, state) -> None:
    panel.show_graph(state.graph, state.trace, total=state.graph_total)


def no_scroll_bars(view) -> bool:
    """Nothing to scroll (a bar with an empty range is hidden, or shows nothing to do)."""
    bars = (view.horizontalScrollBar(), view.verticalScrollBar())
    return all(bar.maximum() == bar.minimum() for bar in bars)


def assert_fits_whole_at_the_largest_zoom(view) -> None:
    """Every node visible, no scroll bars, and a 2% bigger zoom would not fit."""
    assert no_scroll_bars(view)
    viewport = view.viewport().rect()
    shown = view.mapToScene(viewport).boundingRect()
    for item in view.graph_scene.nodes.values():
        assert shown.contains(item.sceneBoundingRect()), item.node.id
    rect = view.graph_scene.sceneRect()
    scale = view.transform().m11()
    assert rect.width() * scale <= viewport.width() and rect.height() * scale <= viewport.height()
    assert scale == pytest.approx(1.0) or (
        rect.width() * scale * 1.02 > viewport.width()
        or rect.height() * scale * 1.02 > viewport.height()
    )


# ------------------------------------------------------------------------------ fit
@pytest.mark.parametrize(
    ("source", "nodes"),
    [(SEED_LESSON3, 11), (MLP, 30)],
    ids=["lesson3-11-nodes", "mlp-30-nodes"],
)
def test_a_small_graph_fits_the_docked_view_whole(qtbot, source, nodes):
    panel = docked_panel(qtbot)
    show(panel, state_of(source))
    view = panel.view
    assert (view.viewport().width(), view.viewport().height()) == DOCKED
    assert len(view.graph_scene.nodes) == nodes <= FIT_WHOLE_NODES
    assert_fits_whole_at_the_largest_zoom(view)  # shown fitted, no click needed
    panel.fit_button.click()
    assert_fits_whole_at_the_largest_zoom(view)
    assert panel.layout_.direction == "LR"  # wide, short dock: left to right reads bigger


def test_every_lesson_with_saved_tensors_fits_whole(qtbot):
    panel = docked_panel(qtbot)
    panel.set_saved_tensors(True)
    for lesson in [*LESSONS, None]:
        source = before_backward(lesson.read_text()) if lesson else LESSON3
        show(panel, state_of(source, mode=mode_of(lesson) if lesson else "restricted"))
        assert_fits_whole_at_the_largest_zoom(panel.view)


def test_lesson3_reads_at_full_docked_size(qtbot):
    panel = docked_panel(qtbot)
    show(panel, state_of((EXAMPLES_DIR / "03_gradients_accumulate.py").read_text()))
    assert panel.view.text_px() >= 8  # readable, not only visible


def test_a_bigger_graph_stays_readable_and_scrolls(qtbot):
    panel = docked_panel(qtbot)
    show(panel, state_of(CHAIN12))
    view = panel.view
    assert len(view.graph_scene.nodes) > FIT_WHOLE_NODES
    assert view.text_px() >= 8 and not no_scroll_bars(view)
    panel.fit_all_button.click()
    assert_fits_whole_at_the_largest_zoom(view)


def test_the_docked_window_shows_lesson3_whole(open_window, qtbot):
    window = open_window(SEED_LESSON3, show=False)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    panel = window.graph_panel
    qtbot.waitUntil(lambda: len(panel.view.graph_scene.nodes) == 11, timeout=15000)
    button = window.findChild(QPushButton, "backwardButton")
    qtbot.waitUntil(button.isEnabled, timeout=15000)
    button.click()
    qtbot.waitUntil(lambda: panel.trace is not None and len(panel.trace.steps) > 0, timeout=15000)
    qtbot.wait(150)  # the dock's resize timer
    view = panel.view
    assert view.viewport().width() >= 600 and view.viewport().height() >= 250
    assert_fits_whole_at_the_largest_zoom(view)
    panel.set_saved_tensors(True)
    assert_fits_whole_at_the_largest_zoom(view)


# ------------------------------------------------------------------------- auto-fit
def test_new_graphs_are_fitted_until_the_user_zooms(qtbot):
    panel = docked_panel(qtbot)
    view = panel.view
    show(panel, state_of(LESSON3))
    lesson_scale = view.transform().m11()
    show(panel, state_of(MLP))  # a new graph: fitted again
    assert view.transform().m11() < lesson_scale
    assert_fits_whole_at_the_largest_zoom(view)
    view.zoom(1.5)
    zoomed = view.transform().m11()
    show(panel, state_of(MLP.replace("randn(4, 2)", "randn(4, 2) * 2")))  # re-run: kept
    assert view.transform().m11() == pytest.approx(zoomed)
    show(panel, state_of(MLP + "loss2 = loss * 2\n"))  # an edit of the same graph: kept
    assert view.transform().m11() == pytest.approx(zoomed)
    show(panel, state_of((EXAMPLES_DIR / "01_requires_grad_and_grad_fn.py").read_text()))
    assert_fits_whole_at_the_largest_zoom(view)  # another graph altogether: fitted
    assert view.auto_fitting()


def test_resizing_refits_until_the_user_zooms(qtbot):
    panel = docked_panel(qtbot)
    view = panel.view
    show(panel, state_of(MLP))
    small = view.transform().m11()
    view.setFixedSize(1002, 402)
    qtbot.waitUntil(lambda: view.transform().m11() > small * 1.2)
    assert_fits_whole_at_the_largest_zoom(view)
    view.zoom(1.25)
    zoomed = view.transform().m11()
    view.setFixedSize(DOCKED[0] + 2, DOCKED[1] + 2)
    qtbot.wait(150)
    assert view.transform().m11() == pytest.approx(zoomed)
    panel.fit_button.click()
    assert_fits_whole_at_the_largest_zoom(view)


def test_a_click_keeps_the_fit_a_pan_ends_it(qtbot):
    panel = docked_panel(qtbot, (400, 200), "LR")
    view = panel.view
    show(panel, state_of(LESSON3))
    item = view.graph_scene.nodes["t:z"]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(item.pos()))
    assert item.isSelected() and view.auto_fitting()
    view.setFixedSize(602, 302)
    qtbot.waitUntil(lambda: view.viewport().width() == 600)
    assert_fits_whole_at_the_largest_zoom(view)
    start = empty_point(view)
    drag(view, start, start + QPointF(-120, 40).toPoint())  # nothing to pan: still fitted
    assert view.auto_fitting()
    show(panel, state_of(CHAIN12))  # readable, so it scrolls
    assert view.auto_fitting() and not no_scroll_bars(view)
    before = view.horizontalScrollBar().value()
    start = empty_point(view)  # a press on a node selects it; on the background, pans
    drag(view, start, start + QPointF(-120, 0).toPoint())
    assert view.horizontalScrollBar().value() != before
    assert not view.auto_fitting()  # the user's view now: kept on resize
    view.setFixedSize(DOCKED[0] + 2, DOCKED[1] + 2)
    qtbot.wait(150)
    bar = view.horizontalScrollBar()
    assert bar.value() > bar.minimum()  # not re-fitted (a fit shows the outputs' end)


def empty_point(view):
    """A viewport point with no item under it."""
    rect = view.viewport().rect()
    for y in range(rect.bottom() - 5, rect.top(), -10):
        for x in range(rect.right() - 5, rect.left(), -10):
            point = QPointF(x, y).toPoint()
            if view.itemAt(point) is None:
                return point
    raise AssertionError("no empty point")


def drag(view, start, end) -> None:
    """A left-button drag on the view's viewport from ``start`` to ``end``."""
    viewport = view.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    mods = Qt.KeyboardModifier.NoModifier
    for kind, pos, button, buttons in (
        (QEvent.Type.MouseButtonPress, start, left, left),
        (QEvent.Type.MouseMove, (start + end) / 2, none, left),
        (QEvent.Type.MouseMove, end, none, left),
        (QEvent.Type.MouseButtonRelease, end, left, none),
    ):
        local = QPointF(pos)
        event = QMouseEvent(kind, local, viewport.mapToGlobal(local), button, buttons, mods)
        QApplication.sendEvent(viewport, event)


def test_all_is_kept_for_new_graphs_and_resizes(qtbot):
    panel = docked_panel(qtbot)
    view = panel.view
    show(panel, state_of(CHAIN12))
    assert not no_scroll_bars(view)
    panel.fit_all_button.click()
    assert_fits_whole_at_the_largest_zoom(view)
    view.setFixedSize(802, 352)
    qtbot.waitUntil(lambda: view.viewport().width() == 800)
    assert_fits_whole_at_the_largest_zoom(view)
    panel.fit_button.click()  # back to the readable fit
    assert not no_scroll_bars(view)


# ----------------------------------------------------------------- saved tensors
def inner_rect(item: NodeItem) -> QRectF:
    """The box itself, in scene coordinates (without the highlight margin)."""
    return item.mapRectToScene(item.boundingRect().adjusted(4, 4, -4, -4))


def segments(item: EdgeItem) -> list[QLineF]:
    lines = []
    for polygon in item.mapToScene(item.path()).toSubpathPolygons():
        points = list(polygon)
        lines += [QLineF(a, b) for a, b in zip(points[:-1], points[1:], strict=False)]
    return lines


def crosses(a: QLineF, b: QLineF) -> bool:
    kind, _point = a.intersects(b)
    return kind == QLineF.IntersectionType.BoundedIntersection


def hits(line: QLineF, rect: QRectF) -> bool:
    if rect.contains(line.p1()) or rect.contains(line.p2()):
        return True
    corners = [rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft()]
    return any(crosses(line, QLineF(corners[k], corners[(k + 1) % 4])) for k in range(4))


def gap(a: QRectF, b: QRectF) -> float:
    dx = max(b.left() - a.right(), a.left() - b.right(), 0.0)
    dy = max(b.top() - a.bottom(), a.top() - b.bottom(), 0.0)
    return float((dx * dx + dy * dy) ** 0.5)


def check_saved_beside(scene, *, crossings: bool) -> int:
    """Every saved box near its node, its edge clear of other boxes (and, with
    ``crossings``, of other edges); returns how many saved boxes were checked."""
    saved = [e for e in scene.edges if e.edge.kind == "saved"]
    for edge in saved:
        owner, box = scene.nodes[edge.edge.src], scene.nodes[edge.edge.dst]
        assert edge.beside is not None, edge.edge
        nearer = len(edge.beside[1])
        step = 70 if scene.direction == "LR" else 190
        assert gap(inner_rect(owner), inner_rect(box)) <= 45 + nearer * step, edge.edge
        lines = segments(edge)
        for node_id, item in scene.nodes.items():
            if node_id in (edge.edge.src, edge.edge.dst):
                continue
            assert not any(hits(line, inner_rect(item)) for line in lines), (edge.edge, node_id)
        if not crossings:
            continue
        for other in scene.edges:
            if other is edge or (other.edge.kind == "saved" and other.edge.src == edge.edge.src):
                continue
            assert not any(crosses(a, b) for a in lines for b in segments(other)), (
                edge.edge,
                other.edge,
            )
    return len(saved)


@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_saved_tensors_of_the_seed_lessons_sit_beside_their_node(qtbot, direction):
    panel = docked_panel(qtbot, (900, 600), direction)
    panel.set_saved_tensors(True)
    checked = 0
    for lesson in [*LESSONS, None]:
        source = before_backward(lesson.read_text()) if lesson else LESSON3
        show(panel, state_of(source, mode=mode_of(lesson) if lesson else "restricted"))
        checked += check_saved_beside(panel.view.graph_scene, crossings=True)
    assert checked >= 10


@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_many_saved_tensors_stack_beside_their_node(qtbot, direction):
    state = state_of(
        "import torch\nx = torch.randn(2, 4, requires_grad=True)\n"
        "w = torch.ones(4, requires_grad=True)\nb = torch.zeros(4, requires_grad=True)\n"
        "y = torch.nn.functional.layer_norm(x, (4,), w, b)\nout = (y * y).sum()\n",
        mode="python",
    )
    panel = docked_panel(qtbot, (900, 600), direction)
    panel.set_saved_tensors(True)
    show(panel, state)
    assert check_saved_beside(panel.view.graph_scene, crossings=False) == 7


# ------------------------------------------------------------------------- shapes
SHAPES = """import torch
s = torch.tensor(2.0, requires_grad=True)
v = torch.tensor([1.0, 2.0], requires_grad=True)
m = torch.ones(2, 2, requires_grad=True)
c = torch.ones(2, 3, 4, requires_grad=True)
big = torch.ones(5, requires_grad=True)
a = v * v
out = a.sum() * s + m.sum() + c.sum() + (big * 2).sum()
"""


def test_shapes_read_as_shapes_everywhere(qtbot):
    panel = docked_panel(qtbot, (900, 600))
    panel.set_saved_tensors(True)
    show(panel, state_of(SHAPES, backward="out"))
    nodes = panel.view.graph_scene.nodes
    assert nodes["t:s"].lines[:2] == ["s", "scalar"]
    assert nodes["t:v"].lines[:2] == ["v", "(2,)"]
    assert nodes["t:m"].lines[:2] == ["m", "2×2"]
    assert nodes["t:c"].lines[:2] == ["c", "2×3×4"]
    assert nodes["fn:a#self"].lines == ["self", "(2,)"]  # a saved box: not "self / 2"
    assert "v  (2,)" in nodes["t:v"].tooltip()
    assert "self  (2,)" in nodes["fn:a#self"].tooltip()
    panel.select_tensor("v")
    assert "v · (2,)" in panel.details.toPlainText()
    # a 1-D gradient too big to print: shape and norm, the shape unmistakable
    assert nodes["t:big"].lines[-1].startswith("grad (5,) ‖·‖=")
    labels = [e.label_text for e in panel.view.graph_scene.edges if e.label_text]
    assert any(text.startswith("(5,) ‖·‖=") for text in labels)


# ------------------------------------------------------------------------ plurals
def test_summary_counts_in_words_with_plurals(qtbot):
    panel = docked_panel(qtbot)
    show(panel, state_of("import torch\nx = torch.ones(2, requires_grad=True)\n"))
    assert panel.summary_text() == "1 node (1 leaf)"
    assert panel.details.toPlainText().startswith("1 node (1 leaf). Click a node")
    show(panel, state_of("import torch\nx = torch.ones(2)\n"))
    assert panel.summary_text() == "1 node (1 tensor without grad)"
    show(
        panel,
        state_of(
            "import torch\na = torch.ones(2, requires_grad=True)\n"
            "b = torch.ones(2, requires_grad=True)\nc = a * b\n"
        ),
    )
    assert panel.summary_text() == (
        "6 nodes (2 leaves, 1 non-leaf tensor, 1 backward node, 2 AccumulateGrad nodes)"
    )
    show(panel, state_of(SEED_LESSON3))
    assert panel.summary_text() == (
        "11 nodes (1 leaf, 4 non-leaf tensors, 5 backward nodes, 1 AccumulateGrad node)"
    )
    panel.set_saved_tensors(True)
    show(panel, state_of(LESSON3))
    assert panel.summary_text().endswith("1 AccumulateGrad node, 3 saved tensors)")


def test_step_counts_have_plurals(qtbot):
    panel = docked_panel(qtbot)
    state = state_of(LESSON3, backward="out")
    panel.show_graph(state.graph, state.trace)
    assert panel.step_text().startswith("backward recorded: 5 steps — ")
    one = dataclasses.replace(state.trace, steps=state.trace.steps[:1])
    panel.show_graph(state.graph, one)
    assert panel.step_text().startswith("backward recorded: 1 step — ")
    failed = dataclasses.replace(one, error="RuntimeError: boom. More")
    panel.show_graph(state.graph, failed)
    assert panel.step_text() == "the last backward failed after 1 step: RuntimeError: boom"


def test_plural_fills_in_english_forms_only_when_untranslated():
    assert plural("1 node(s)", 1) == "1 node"
    assert plural("2 node(s)", 2) == "2 nodes"
    assert plural("0 leaf(s)", 0) == "0 leaves"
    assert plural("1 leaf(s)", 1) == "1 leaf"
    assert plural("3 backward node(s), 3 hook(s)", 3) == "3 backward nodes, 3 hooks"
    assert plural("3 个节点", 3) == "3 个节点"  # a translation: left as it is
