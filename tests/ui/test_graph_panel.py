"""The graph panel: seed lessons, selection sync, step-through, stability, export.

The panel draws plain views (what the kernel sends), made here from real in-process
runs: every gradient shown was computed by PyTorch.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QImage
from PySide6.QtWidgets import QFileDialog

from playground.ui.graph_panel import GraphPanel
from playground.ui.graph_view import GraphView
from tests.conftest import EXAMPLES_DIR, PYTHON_MODE_LESSONS, SEED_DIR, LocalKernel, make_views

#: The seed's six code blocks, then every built-in lesson.
LESSONS = [*sorted(SEED_DIR.glob("lesson*.py")), *sorted(EXAMPLES_DIR.glob("*.py"))]
LESSON3 = SEED_DIR / "lesson3.py"  # the seed's blocks, their backward calls included
LESSON5 = SEED_DIR / "lesson5.py"


@pytest.fixture
def panel(qtbot):
    p = GraphPanel()
    p.resize(800, 700)
    qtbot.addWidget(p)
    p.show()
    qtbot.waitExposed(p)
    return p


def run(source: str, backward: str | None = None, mode: str = "restricted"):
    """The plain state the kernel sends after running ``source`` (and Backward on
    ``backward``, with ``retain_graph=True`` like the button)."""
    run_view, state = make_views(source, backward=backward, mode=mode)
    assert run_view.error is None
    return state


def mode_of(lesson) -> str:
    """Python mode for a built-in lesson that the restricted interpreter refuses."""
    return "python" if lesson.name in PYTHON_MODE_LESSONS else "restricted"


def button_backward(source: str, root: str, mode: str = "restricted"):
    """The state and error after the Backward button on ``root`` (a failure is recorded)."""
    kernel = LocalKernel(mode)
    kernel.run(source)
    error = kernel.session.backward(root)
    return kernel.state(), error


def show(panel, state):
    panel.show_graph(state.graph, state.trace, total=state.graph_total)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_shows_its_graph(panel, lesson):
    state = run(lesson.read_text(), mode=mode_of(lesson))
    show(panel, state)
    scene = panel.view.graph_scene
    assert panel.findChild(GraphView, "graphView") is panel.view
    assert panel.objectName() == "graphPanel"
    # every tensor is shown under its name; an alias (w = model.weight) on the node of
    # the tensor's first name
    node_of = {
        n: i.node for k, i in scene.nodes.items() if k.startswith("t:") for n in i.node.names
    }
    for name in state.tensors:
        assert node_of[name].id == f"t:{node_of[name].names[0]}", name
    steps = len(state.trace.steps) if state.trace else 0
    assert panel.slider.isEnabled() == (steps > 0)
    assert panel.slider.maximum() == steps - 1 and panel.slider.value() == -1
    assert "nearest the named tensors" not in panel.details.toPlainText()  # nothing cut


def test_lesson5_after_backward_shows_flow_and_no_grad_tag(panel):
    state = run(LESSON5.read_text())
    show(panel, state)
    scene = panel.view.graph_scene
    assert scene.nodes["t:y2"].lines[-1] == "made under no_grad"
    assert scene.nodes["t:x"].lines[-1] == "grad 2"
    assert panel.trace is state.trace


def test_step_through_replays_the_recorded_backward(panel, qtbot):
    state = run(LESSON3.read_text().split("out.backward()")[0], backward="out")
    show(panel, state)
    names = [s.node_name for s in state.trace.steps]
    assert names == [
        "MeanBackward0",
        "MulBackward0",
        "MulBackward0",
        "AddBackward0",
        "AccumulateGrad",
    ]
    scene = panel.view.graph_scene
    assert panel.current_step() is None  # overview first
    assert not any(i.current for i in scene.nodes.values())
    qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    assert panel.current_step().node_key == "fn:out" and scene.nodes["fn:out"].current
    qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    assert panel.slider.value() == 1 and scene.nodes["fn:z"].current
    assert "grad_outputs (in)" in panel.details.toPlainText()
    assert "[0.25, 0.25, 0.25, 0.25]" in panel.details.toPlainText()
    for _ in range(3):
        panel.step()
    assert panel.current_step().is_accumulate
    assert scene.nodes["t:x"].flashing
    assert "x.grad = [4.5, 4.5, 4.5, 4.5]" in panel.details.toPlainText()
    qtbot.waitUntil(lambda: not scene.nodes["t:x"].flashing, timeout=3000)
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert scene.nodes["fn:y"].current and panel.step_text().startswith("step 4/5")
    panel.slider.setValue(-1)
    assert not any(i.current or i.done for i in scene.nodes.values())
    assert panel.step_text().startswith("backward recorded: 5 steps")


def test_selection_sync_both_ways(panel, qtbot):
    show(panel, run(LESSON3.read_text()))
    panel.select_tensor("y")
    assert panel.view.graph_scene.nodes["t:y"].isSelected()
    assert "y · 2×2" in panel.details.toPlainText()
    item = panel.view.graph_scene.nodes["t:z"]
    panel.view.centerOn(item)
    point = panel.view.mapFromScene(item.scenePos())
    with qtbot.waitSignal(panel.tensorSelected, timeout=2000) as blocker:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == ["z"]
    assert not panel.view.graph_scene.nodes["t:y"].isSelected()


def test_clicking_a_backward_node_shows_inputs_outputs_saved_and_line(panel, qtbot):
    state = run("import torch\na = torch.tensor([2.0, 3.0], requires_grad=True)\nb = a * a\n")
    show(panel, state)
    item = panel.view.graph_scene.nodes["fn:b"]
    panel.view.centerOn(item)
    with qtbot.waitSignal(panel.view.nodeClicked, timeout=2000):
        qtbot.mouseClick(
            panel.view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=panel.view.mapFromScene(item.scenePos()),
        )
    text = panel.details.toPlainText()
    assert "MulBackward0" in text and "created at script line 3" in text
    assert "outputs (gradient comes from): b" in text
    assert "[0] AccumulateGrad" in text and "[1] AccumulateGrad" in text
    # PyTorch's own text of what MulBackward0 saved (the kernel's repr)
    assert "self = tensor([2., 3.]" in text and "other = tensor([2., 3.]" in text
    # with the kernel at hand, the window asks it (live) instead
    asked = []

    def provider(node_id):
        asked.append(node_id)
        return {"self": "freed by backward (use retain_graph=True to keep it)"}

    panel.saved_provider = provider
    html = panel.node_html(panel.graph.node("fn:b"))
    assert asked == ["fn:b"]
    assert "self = freed by backward" in html and "other =" not in html


def test_saved_tensors_toggle(panel):
    state = run("import torch\na = torch.tensor([2.0, 3.0], requires_grad=True)\nb = a * a\n")
    assert {"fn:b#self", "fn:b#other"} <= {n.id for n in state.graph.nodes}  # always sent
    show(panel, state)
    assert not any(n.kind == "saved" for n in panel.graph.nodes)
    assert not any(e.kind == "saved" for e in panel.graph.edges)
    assert set(panel.view.graph_scene.nodes) == {"t:a", "t:b", "fn:b", "acc:a"}
    panel.set_saved_tensors(True)  # filtered locally: no new extraction
    assert {"fn:b#self", "fn:b#other"} <= set(panel.view.graph_scene.nodes)
    assert panel.graph.node("fn:b#self").value.text.startswith("tensor([2., 3.]")
    panel.set_saved_tensors(False)
    assert not any(n.kind == "saved" for n in panel.graph.nodes)


def test_a_cut_graph_says_how_much_is_shown(panel):
    state = run(
        "import torch\ntorch.manual_seed(0)\nh = torch.randn(1, 4)\n"
        "for i in range(450):\n"
        "    h = torch.tanh(h @ torch.randn(4, 4, requires_grad=True) + 1)\n"
        "loss = h.sum()\n"
    )
    assert len(state.graph.nodes) == 2000 < state.graph_total  # the kernel cut it
    show(panel, state)
    text = panel.details.toPlainText()
    assert f"showing the 2,000 nodes nearest the named tensors of {state.graph_total:,}" in text
    assert {"t:loss", "t:h"} <= set(panel.view.graph_scene.nodes)


def test_rerun_with_new_values_keeps_positions_and_view(panel):
    source = LESSON3.read_text()
    show(panel, run(source))
    panel.select_tensor("out2")
    assert "tensor(4." in panel.details.toPlainText()
    panel.view.zoom(1.5)
    before_pos = {k: (i.pos().x(), i.pos().y()) for k, i in panel.view.graph_scene.nodes.items()}
    before_scale = panel.view.transform().m11()
    source2 = source.replace("torch.ones(2, 2,", "torch.full((2, 2), 2.0,")
    show(panel, run(source2.replace("x + 2", "x + 5")))
    after_pos = {k: (i.pos().x(), i.pos().y()) for k, i in panel.view.graph_scene.nodes.items()}
    assert after_pos == before_pos
    assert panel.view.transform().m11() == pytest.approx(before_scale)
    assert panel.view.graph_scene.nodes["t:x"].lines[-1] == "grad [0, 0, 0, 0]"
    # the selection survives the re-run, and its details show the new run's values
    assert panel.view.graph_scene.nodes["t:out2"].isSelected()
    assert "tensor(8." in panel.details.toPlainText()


def test_export_svg_and_png(panel, tmp_path, monkeypatch):
    show(panel, run(LESSON3.read_text()))
    svg = tmp_path / "g.svg"
    panel.export(str(svg))
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    texts = "".join(root.itertext())
    assert (
        "MeanBackward0" in texts and "AccumulateGrad" in texts and "leaf (requires grad)" in texts
    )
    png = tmp_path / "g.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(png), "PNG"))
    panel.findChild(type(panel.fit_button), "graphExportPng").click()
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 300 and image.height() > 300
    with pytest.raises(ValueError, match="use .svg or .png"):
        panel.export(str(tmp_path / "g.jpg"))


def test_hidden_big_graph_starts_at_the_top_readably(panel):
    state = run(
        "import torch\ntorch.manual_seed(0)\nh = torch.randn(1, 4)\n"
        "for i in range(140):\n"
        "    h = torch.tanh(h @ torch.randn(4, 4, requires_grad=True) + 1)\n"
        "loss = h.sum()\n"
    )
    show(panel, state)
    assert len(panel.graph.nodes) > 700
    view = panel.view
    assert view.transform().m11() >= 0.45  # text is drawn at this zoom
    top = view.mapToScene(view.viewport().rect()).boundingRect()
    assert top.contains(view.graph_scene.nodes["t:loss"].scenePos())
    panel.fit()  # "Fit" keeps text readable: the rest is a scroll away
    assert view.text_px() >= 8
    panel.fit_all_button.click()  # "All" shows everything, however small
    assert view.transform().m11() < 0.1
    assert np.isfinite(view.transform().m11())


def test_failed_backward_is_explained(panel):
    # the script already ran y3.backward() without retain_graph: Backward again fails
    state, error = button_backward(LESSON5.read_text(), "y3")
    assert error is not None and state.trace.error is not None
    show(panel, state)
    assert panel.step_text().startswith(
        "the last backward failed after 2 steps: RuntimeError: Trying to backward through "
        "the graph a second time"
    )
    assert [s.node_name for s in panel.trace.steps] == ["AddBackward0", "PowBackward0"]


def short_wide_panel(qtbot, direction: str = "auto") -> GraphPanel:
    """A panel whose view is 700×220, the graph dock's size in a 1280×800 window."""
    p = GraphPanel()
    p.set_direction(direction)
    p.view.setFixedSize(702, 222)  # viewport 700×220 inside the 1-px frame
    p.resize(720, 520)
    qtbot.addWidget(p)
    p.show()
    qtbot.waitExposed(p)
    return p


def on_screen(view, item, line: int):
    """The viewport rectangle where ``item`` draws text line ``line``."""
    return view.mapFromScene(item.mapRectToScene(item.text_rect(line))).boundingRect()


def ink(image, rect) -> int:
    """Dark (text) pixels of ``image`` inside ``rect``."""
    return sum(
        image.pixelColor(x, y).lightness() < 130
        for y in range(max(rect.top(), 0), min(rect.bottom(), image.height() - 1) + 1)
        for x in range(max(rect.left(), 0), min(rect.right(), image.width() - 1) + 1)
    )


def test_lesson3_reads_after_fit_in_a_short_wide_dock(qtbot):
    panel = short_wide_panel(qtbot)
    show(panel, run(LESSON3.read_text(), backward="out2"))
    view = panel.view
    panel.fit()
    assert (view.viewport().width(), view.viewport().height()) == (700, 220)
    assert panel.layout_.direction == "LR"  # wide and short: outputs left, leaves right
    scale = view.transform().m11()
    line_px = QFontMetricsF(view.graph_scene.font).height() * scale
    assert line_px >= 8  # was about 3 px (text not drawn at all) before
    image = view.viewport().grab().toImage()
    nodes = view.graph_scene.nodes
    assert nodes["t:x"].lines == ["x", "2×2", "grad [1, 1, 1, 1]"]
    assert nodes["fn:z"].lines[0] == "MulBackward0"
    viewport = view.viewport().rect()
    for node_id, line in (("t:x", 0), ("t:x", 2), ("fn:z", 0), ("t:out", 0), ("acc:x", 0)):
        item = nodes[node_id]
        rect = on_screen(view, item, line)
        assert viewport.contains(rect), (node_id, rect)
        assert rect.height() >= 9  # the 15-unit line box, on screen
        assert item.shown_lines()[line] == item.lines[line]  # not elided
        assert ink(image, rect) >= 4, node_id  # the text is really drawn


def test_every_lesson_fits_readably_after_backward(qtbot):
    panel = short_wide_panel(qtbot)
    for lesson in LESSONS:
        state = run(lesson.read_text(), mode=mode_of(lesson))
        roots = [n for n, t in state.tensors.items() if t.grad_fn is not None and t.dim() == 0]
        if roots:  # the Backward button: a failure (graph already freed) is recorded
            state, _error = button_backward(lesson.read_text(), roots[-1], mode_of(lesson))
        show(panel, state)
        view = panel.view
        # A module's group box (lesson 13's Linear) widens the picture: whole, it reads at
        # 6.5 px in this dock (a known limit, said in the note); the others at 8.
        assert view.text_px() >= (6 if state.graph.groups else 8), lesson.stem
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        for item in view.graph_scene.nodes.values():
            assert shown.contains(item.sceneBoundingRect()), (lesson.stem, item.node.id)
            if item.node.grad is not None:
                assert item.shown_lines()[-1] == item.lines[-1]  # .grad in full


#: A tanh(h @ w + 1) chain of 8 steps: 43 nodes, more than Fit always shows whole.
CHAIN8 = (
    "import torch\ntorch.manual_seed(0)\nh = torch.randn(1, 4)\n"
    "for i in range(8):\n"
    "    h = torch.tanh(h @ torch.randn(4, 4, requires_grad=True) + 1)\n"
    "loss = h.sum()\n"
)


def test_top_down_in_a_short_dock_scrolls_instead_of_shrinking(qtbot):
    panel = short_wide_panel(qtbot, "TB")
    show(panel, run(LESSON3.read_text()))
    view = panel.view
    assert panel.layout_.direction == "TB"
    # 11 nodes: Fit always shows them all (here smaller than readable, unlike LR)
    assert view.verticalScrollBar().maximum() == view.verticalScrollBar().minimum()
    assert view.text_px() < 8
    show(panel, run(CHAIN8))  # more than 30 nodes: readable, and the rest a scroll away
    assert len(panel.graph.nodes) > 30 and panel.layout_.direction == "TB"
    assert view.text_px() >= 8
    assert view.verticalScrollBar().maximum() > 0
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(view.graph_scene.nodes["t:loss"].sceneBoundingRect())  # outputs first
    show(panel, run(LESSON3.read_text()))
    panel.set_direction("LR")
    assert panel.layout_.direction == "LR"
    assert view.verticalScrollBar().maximum() == 0
    assert view.text_px() >= 8


def test_auto_direction_follows_the_first_layout_pass(qtbot):
    p = GraphPanel()
    qtbot.addWidget(p)
    p.view.setFixedSize(300, 600)
    show(p, run(LESSON3.read_text()))
    p.show()  # laid out before the view had its size: redone once it has it
    qtbot.waitExposed(p)
    qtbot.waitUntil(lambda: p.layout_.direction == "TB")
    p.view.setFixedSize(700, 220)  # e.g. the dock gets its real size after startup
    qtbot.waitUntil(lambda: p.layout_.direction == "LR")
    p.view.zoom(1.5)  # once the user zooms, resizing no longer re-lays out
    p.view.setFixedSize(300, 600)
    qtbot.wait(150)
    assert p.layout_.direction == "LR"


def test_auto_picks_the_direction_that_reads_bigger(qtbot):
    panel = short_wide_panel(qtbot)
    # many short, side-by-side chains: one row top-down, a tall stack left to right
    source = "import torch\n"
    source += "".join(f"x{i} = torch.ones(2, requires_grad=True)\n" for i in range(10))
    source += "".join(f"a{i} = x{i} * 2\n" for i in range(10))
    show(panel, run(source))
    assert panel.layout_.direction == "TB"
    panel.fit_all_button.click()
    tb_scale = panel.view.transform().m11()
    panel.set_direction("LR")
    panel.fit_all_button.click()
    assert panel.view.transform().m11() < tb_scale  # left to right reads smaller
    panel.set_direction("auto")
    show(panel, run(LESSON3.read_text()))  # a long chain: left to right
    assert panel.layout_.direction == "LR"


def test_step_details_fit_the_docked_pane_at_1280x800(qtbot):
    """Stepping through the seed example in the 1280×800 window: the details pane shows
    the whole step (node, grad_outputs in, grad_inputs out) without scrolling."""
    from PySide6.QtWidgets import QPushButton

    import playground

    script = LESSON3.read_text().split("out.backward()")[0]
    window = playground.main_window(script)
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.mouseClick(window.findChild(QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    panel = window.graph_panel
    for _ in range(3):
        qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    assert panel.current_step().node_name == "MulBackward0"
    text = panel.details.toPlainText()
    assert "grad_outputs (in)" in text and "grad_inputs (out)" in text
    qtbot.waitUntil(lambda: panel.details.verticalScrollBar().maximum() == 0)
