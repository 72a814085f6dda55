"""Module groups in the graph panel: collapse and expand by click, by API and with the
toolbar toggle; all collapsed above the threshold; a stable layout when a group opens;
exports (window and ``graph --collapse-modules``) draw the same grouping.

The graphs come from real nn.Modules run as Python (the kernel's plain views).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import torch
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage

from playground.cli.graph import main as graph_main
from playground.ui.graph_groups import COLLAPSE_ABOVE_NODES, GroupItem
from playground.ui.graph_panel import GraphPanel
from playground.ui.graph_view import summary_of
from tests.conftest import MLP_SCRIPT, make_views

MLP = MLP_SCRIPT
#: 40 Linear+Tanh pairs: 7 nodes each, well over the collapse threshold.
DEEP = """\
import torch
from torch import nn

torch.manual_seed(0)
layers = []
for _ in range(40):
    layers += [nn.Linear(3, 3), nn.Tanh()]
deep = nn.Sequential(*layers)
loss = deep(torch.randn(2, 3)).sum()
"""
ALL_GROUPS = {"model", "loss_fn", *(f"model.{i}" for i in range(5))}


def state_of(source: str):
    run_view, state = make_views(source, mode="python")
    assert run_view.error is None
    return state


@pytest.fixture(scope="module")
def mlp_state():
    return state_of(MLP)


@pytest.fixture
def panel(qtbot):
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.set_direction("TB")
    panel.show()
    return panel


def _scene(panel):
    return panel.view.graph_scene


def _positions(panel) -> dict[str, tuple[float, float]]:
    return {i: (item.pos().x(), item.pos().y()) for i, item in _scene(panel).nodes.items()}


def _inside(graph, path: str) -> set[str]:
    parents = {g.path: g.parent for g in graph.groups}
    out = set()
    for node in graph.nodes:
        current = node.group
        while current is not None and current != path:
            current = parents.get(current)
        if current == path:
            out.add(node.id)
    return out


def test_a_small_graph_starts_expanded_and_groups_collapse_by_api(panel, mlp_state):
    panel.show_graph(mlp_state.graph, mlp_state.trace)
    assert len(panel.graph.nodes) <= COLLAPSE_ABOVE_NODES
    assert set(panel.expanded_groups()) == ALL_GROUPS
    assert not panel.collapse_check.isChecked()
    assert panel.set_group_expanded("model.2", False)
    assert panel.collapsed_groups() == ["model.2"]
    assert "model.2" not in panel.expanded_groups()
    scene = _scene(panel)
    hidden = _inside(panel.graph, "model.2")
    assert hidden == {n.id for n in panel.graph.nodes if n.group == "model.2"}
    for node_id, item in scene.nodes.items():
        assert item.isVisible() == (node_id not in hidden), node_id
    assert scene.group_layer.items["model.2"].collapsed
    assert not panel.set_group_expanded("no.such.group", True)
    assert panel.set_group_expanded("model.2", True)
    assert all(item.isVisible() for item in scene.nodes.values())


def test_a_collapsed_group_shows_its_edges_gradients_and_grad_norms(panel, mlp_state):
    panel.show_graph(mlp_state.graph, mlp_state.trace)
    panel.set_group_expanded("model.2", False)
    scene, graph = _scene(panel), panel.graph
    inside = _inside(graph, "model.2")
    grads = mlp_state.trace.edge_gradients()
    crossing = [e for e in scene.edges if (e.edge.src in inside) != (e.edge.dst in inside)]
    internal = [e for e in scene.edges if e.edge.src in inside and e.edge.dst in inside]
    assert crossing and internal
    assert all(e.isVisible() for e in crossing)
    assert not any(e.isVisible() for e in internal)
    box = scene.group_layer.items["model.2"].box()
    for item in crossing:
        # drawn to the box's border, labelled with the gradient that flowed
        end = item.current_points[-1 if item.edge.dst in inside else 0]
        assert box.adjusted(-1, -1, 1, 1).contains(QPointF(*end))
        assert not box.adjusted(1, 1, -1, -1).contains(QPointF(*end))
        assert item.label_text == summary_of(grads[(item.edge.src, item.edge.index)])
    # the box's text: its label and the parameters' ‖grad‖ (PyTorch's norms, 4 digits)
    group = scene.group_layer.items["model.2"]
    lines = group.lines()
    assert lines[0] == "▸ model.2 · Linear(8→8)"
    namespace: dict = {}
    exec(compile(MLP, "<mlp>", "exec"), namespace)  # noqa: S102 - our test script
    layer = namespace["model"][2]
    w, b = float(layer.weight.grad.norm()), float(layer.bias.grad.norm())
    assert lines[1:] == [f"weight ‖grad‖={w:.4g}", f"bias ‖grad‖={b:.4g}"]


def test_a_click_on_a_header_toggles_the_group(panel, qtbot, mlp_state):
    panel.show_graph(mlp_state.graph, mlp_state.trace)
    view = panel.view
    item = _scene(panel).group_layer.items["model.4"]
    for expanded in (False, True):
        header = item.header()
        view.centerOn(header.center())
        spot = view.mapFromScene(QPointF(header.left() + 30, header.center().y()))
        if not expanded:
            spot = view.mapFromScene(QPointF(header.left() + 30, header.top() + 10))
        assert isinstance(view.itemAt(spot), GroupItem)
        with qtbot.waitSignal(view.groupToggled) as signal:
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
        assert signal.args == ["model.4", expanded]
        assert ("model.4" in panel.expanded_groups()) == expanded


def test_a_drag_on_a_header_does_not_toggle(panel, qtbot, mlp_state):
    panel.show_graph(mlp_state.graph, mlp_state.trace)
    view = panel.view
    header = _scene(panel).group_layer.items["model.4"].header()
    view.centerOn(header.center())
    spot = view.mapFromScene(QPointF(header.left() + 30, header.center().y()))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=spot + QPoint(40, 40))
    assert "model.4" in panel.expanded_groups()


def test_a_big_graph_starts_collapsed_and_the_toggle_opens_everything(panel, qtbot):
    state = state_of(DEEP)
    panel.show_graph(state.graph, state.trace)
    assert len(panel.graph.nodes) > COLLAPSE_ABOVE_NODES
    paths = {g.path for g in panel.graph.groups}
    assert paths == {"deep", *(f"deep.{i}" for i in range(80))}
    assert panel.expanded_groups() == []
    assert set(panel.collapsed_groups()) == paths
    assert panel.collapse_check.isChecked()
    # collapsed: only the outer box and the nodes outside any group are drawn
    visible = {i for i, item in _scene(panel).nodes.items() if item.isVisible()}
    assert visible == {n.id for n in panel.graph.nodes if n.group is None}
    qtbot.mouseClick(panel.collapse_check, Qt.MouseButton.LeftButton)
    assert not panel.collapse_check.isChecked()
    assert set(panel.expanded_groups()) == paths
    qtbot.mouseClick(panel.collapse_check, Qt.MouseButton.LeftButton)
    assert panel.expanded_groups() == []


def test_a_small_graph_can_be_collapsed_with_the_toggle(panel, qtbot, mlp_state):
    panel.show_graph(mlp_state.graph, mlp_state.trace)
    assert panel.collapse_check.isEnabled()
    qtbot.mouseClick(panel.collapse_check, Qt.MouseButton.LeftButton)
    assert set(panel.collapsed_groups()) == ALL_GROUPS
    # a re-run of the same script keeps what the user chose
    panel.show_graph(mlp_state.graph, mlp_state.trace)
    assert set(panel.collapsed_groups()) == ALL_GROUPS and panel.collapse_check.isChecked()


def _along(direction: str) -> int:
    """The layering axis: y top-down, x left to right."""
    return 1 if direction == "TB" else 0


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_opening_a_group_moves_only_what_lies_after_it_along_the_layers(
    panel, mlp_state, direction
):
    panel.set_direction(direction)
    panel.show_graph(mlp_state.graph, mlp_state.trace)
    panel.set_modules_collapsed(True)
    panel.set_group_expanded("model", True)
    along = _along(direction)
    across = 1 - along
    scene, graph = _scene(panel), panel.graph
    for path in ("model.2", "model.4", "loss_fn", "model.0"):
        before = _positions(panel)
        box = scene.group_layer.items[path].box()
        start = (box.left(), box.top())[along]
        shown = [i for i, item in scene.nodes.items() if item.isVisible()]
        panel.set_group_expanded(path, True)
        after = _positions(panel)
        grown = scene.group_layer.items[path].box()
        assert (grown.width(), grown.height())[along] > (box.width(), box.height())[along]
        for node_id in shown:
            old, new = before[node_id], after[node_id]
            if old[along] < start:  # before the group: not moved at all
                assert new == pytest.approx(old, abs=0.01), (path, node_id)
            else:  # after it: pushed along the layers only, never back
                assert new[across] == pytest.approx(old[across], abs=0.01), (path, node_id)
                assert new[along] >= old[along] - 0.01, (path, node_id)
        # the shown nodes keep their order along the layers
        order = sorted(shown, key=lambda i: (before[i][along], before[i][across]))
        values = [after[i][along] for i in order]
        assert values == sorted(values), path
    # everything open: each box holds its nodes, and sibling boxes never overlap
    panel.set_modules_collapsed(False)
    boxes = {p: i.box() for p, i in scene.group_layer.items.items()}
    for group in graph.groups:
        box = boxes[group.path]
        for node_id in _inside(graph, group.path):
            assert box.contains(scene.nodes[node_id].sceneBoundingRect().adjusted(4, 4, -4, -4))
        for other in graph.groups:
            if other.path != group.path and other.parent == group.parent:
                assert not box.intersects(boxes[other.path]), (group.path, other.path)


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_a_collapsed_box_is_a_few_nodes_big_whatever_it_holds(panel, direction):
    state = state_of(DEEP)  # "deep" holds 80 modules, 280 nodes
    panel.set_direction(direction)
    panel.show_graph(state.graph, state.trace)
    scene = _scene(panel)
    node = max(
        (i.sceneBoundingRect().adjusted(4, 4, -4, -4) for i in scene.nodes.values()),
        key=lambda r: r.height(),
    )
    for path in ("deep", "deep.0", "deep.79"):
        box = scene.group_layer.items[path].box()
        assert box.height() <= 3 * node.height(), path
        assert box.width() <= 2 * max(node.width(), 150), path
    # a collapsed box fits its own lines (label, ‖grad‖s)
    item = scene.group_layer.items["deep"]
    panel.set_modules_collapsed(False)
    panel.set_group_expanded("deep", False)
    lines = item.lines()
    assert lines[0] == "▸ deep · Sequential" and len(lines) == 2
    assert item.box().height() >= 16 * len(lines) + 3


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_edges_cross_group_borders_and_box_labels_are_whole(panel, mlp_state, direction):
    panel.set_direction(direction)
    panel.show_graph(mlp_state.graph, mlp_state.trace)
    scene, graph = _scene(panel), panel.graph
    along = _along(direction)
    # open group: an edge leaving it passes its border on the side it heads to
    box = scene.group_layer.items["model.2"].box()
    inside = _inside(graph, "model.2")
    leaving = [e for e in scene.edges if e.edge.src in inside and e.edge.dst not in inside]
    assert leaving
    far = (box.right(), box.bottom())[along]
    for item in leaving:
        sides = [p for p in item.current_points if abs(p[along] - far) < 0.01]
        assert sides, item.edge
        assert all(box.adjusted(-1, -1, 1, 1).contains(QPointF(*p)) for p in sides)
    # collapsed: every label on an edge into a box shows its whole text
    panel.set_modules_collapsed(True)
    panel.set_group_expanded("model", True)
    grads = mlp_state.trace.edge_gradients()
    labelled = [e for e in scene.edges if e.isVisible() and e.label is not None]
    into_boxes = [e for e in labelled if scene.group_layer.owner(e.edge.dst) is not None]
    assert into_boxes
    for item in labelled:
        if item.edge.kind == "next":
            assert item.label_text == summary_of(grads[(item.edge.src, item.edge.index)])
        assert item.label.shown == item.label.text, item.label.text
    if direction == "LR":  # above the box entered, clear of its text
        for item in into_boxes:
            target = scene.group_layer.items[scene.group_layer.owner(item.edge.dst)].box()
            assert item.label.sceneBoundingRect().bottom() <= target.top() + 0.5


def test_a_step_inside_a_collapsed_group_outlines_its_box(panel, mlp_state):
    panel.show_graph(mlp_state.graph, mlp_state.trace)
    panel.set_modules_collapsed(True)
    panel.set_group_expanded("model", True)
    layer = _scene(panel).group_layer
    trace, graph = mlp_state.trace, panel.graph
    seen = set()
    for index, step in enumerate(trace.steps):
        panel.slider.setValue(index)
        node = graph.node(step.node_key)
        owner = layer.owner(node.id)
        current = [p for p, item in layer.items.items() if item.current]
        assert current == ([owner] if owner is not None else []), (index, node.label)
        if owner is not None:
            seen.add(owner)
            assert _scene(panel).nodes[node.id].isVisible() is False
    # PyTorch's backward runs in every module of the MLP and in the loss
    assert seen == {"loss_fn", *(f"model.{i}" for i in range(5))}
    panel.slider.setValue(-1)
    assert not any(item.current for item in layer.items.values())


def test_exports_draw_the_groups(panel, mlp_state, tmp_path):
    panel.show_graph(mlp_state.graph, mlp_state.trace)
    svg = tmp_path / "expanded.svg"
    panel.export(str(svg))
    text = " ".join(ET.parse(svg).getroot().itertext())
    assert "model.0 · Linear(4→8)" in text and "AddmmBackward0" in text
    panel.set_group_expanded("model", False)
    panel.export(str(svg))
    text = " ".join(ET.parse(svg).getroot().itertext())
    assert "model · Sequential" in text and "model.0 · Linear(4→8)" not in text
    assert "AddmmBackward0" not in text and "MseLossBackward0" in text
    png = tmp_path / "collapsed.png"
    panel.export(str(png))
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 100


def test_graph_command_collapse_modules(tmp_path):
    script = tmp_path / "mlp.py"
    script.write_text(MLP)
    flat, collapsed = tmp_path / "flat.svg", tmp_path / "collapsed.svg"
    assert graph_main([str(script), "-o", str(flat)]) == 0
    assert graph_main([str(script), "-o", str(collapsed), "--collapse-modules"]) == 0
    flat_text = " ".join(ET.parse(flat).getroot().itertext())
    text = " ".join(ET.parse(collapsed).getroot().itertext())
    inner_ops = {f"{op}" for op in ("AddmmBackward0", "TBackward0", "ReluBackward0")}
    assert all(op in flat_text for op in inner_ops)
    assert "model.2 · Linear(8→8)" in flat_text
    assert "model · Sequential" in text and "loss_fn · MSELoss" in text
    assert not any(op in text for op in (*inner_ops, "MseLossBackward0"))
    # the nodes outside every group are still drawn, and the collapsed box's ‖grad‖ is
    # the norm over all of the model's parameters
    namespace: dict = {}
    exec(compile(MLP, "<mlp>", "exec"), namespace)  # noqa: S102 - our test script
    grads = [p.grad for p in namespace["model"].parameters()]
    total = float(torch.sqrt(sum((g.double() ** 2).sum() for g in grads)))
    assert "loss" in text and f"‖grad‖={total:.4g} over 6 params" in text
