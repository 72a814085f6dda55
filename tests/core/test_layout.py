"""Layered layout: direction, no overlaps, straight chains, stability across re-runs."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from playground.core.graph import extract_graph
from playground.core.layout import (
    LR_GAP,
    LR_NODE_WIDTH,
    LR_ROW,
    MAX_DUMMIES,
    X_SPACING,
    layout_graph,
)
from playground.core.runner import run_script
from tests.conftest import SEED_DIR


def _graph(script: str, **kw):
    result = run_script(script)
    assert result.error is None
    return extract_graph(result.tensors(), **kw)


LESSON3 = (SEED_DIR / "lesson3.py").read_text()
#: Lesson 3 before its first backward: its saved tensors are still there.
BEFORE_BACKWARD = LESSON3.split("out.backward()")[0]


def test_outputs_above_leaves_and_every_edge_points_down():
    graph = _graph(BEFORE_BACKWARD, saved_tensors=True)
    assert any(node.kind == "saved" for node in graph.nodes)
    layout = layout_graph(graph)
    for edge in graph.edges:
        if edge.kind != "saved":  # saved tensors sit beside their node, in its row
            assert layout.position(edge.src)[1] < layout.position(edge.dst)[1], edge
    assert layout.position("t:out")[1] < layout.position("fn:out")[1]
    assert layout.position("acc:x")[1] < layout.position("t:x")[1]


def test_nodes_of_a_layer_do_not_overlap():
    graph = _graph(BEFORE_BACKWARD, saved_tensors=True)
    layout = layout_graph(graph)
    for y in np.unique(layout.pos[:, 1]):
        xs = np.sort(layout.pos[layout.pos[:, 1] == y, 0])
        assert np.all(np.diff(xs) >= X_SPACING - 1e-6)


def test_routes_start_and_end_at_their_nodes():
    graph = _graph(LESSON3)
    layout = layout_graph(graph)
    assert len(layout.routes) == len(graph.edges)
    for edge, route in zip(graph.edges, layout.routes, strict=True):
        assert np.allclose(route[0], layout.position(edge.src))
        assert np.allclose(route[-1], layout.position(edge.dst))


def test_same_shape_gives_identical_positions():
    script = LESSON3.replace("x + 2", "x + {c}")
    one = layout_graph(_graph(script.format(c=2)))
    two = layout_graph(_graph(script.format(c=7)))
    assert one.ids == two.ids
    assert np.array_equal(one.pos, two.pos)
    again = layout_graph(_graph(script.format(c=9)), previous=one)
    assert np.array_equal(again.pos, one.pos)


def test_changed_shape_keeps_the_shared_part_in_place():
    before = layout_graph(_graph(LESSON3))
    after = layout_graph(_graph(LESSON3 + "w = out2 * 3\n"), previous=before)
    common = [i for i in before.ids if i in after.ids]
    moved = [i for i in common if after.position(i) != before.position(i)]
    assert len(common) == len(before.ids)
    assert len(moved) <= len(common) // 2


def test_isolated_tensors_are_placed_apart():
    result = run_script((SEED_DIR / "lesson5.py").read_text())
    graph = extract_graph(result.tensors())
    layout = layout_graph(graph)
    assert layout.layers[layout.index("t:y2")] == -1
    connected_x = [layout.position(n.id)[0] for n in graph.nodes if n.id != "t:y2"]
    assert layout.position("t:y2")[0] > max(connected_x)


def test_long_chain_stays_straight():
    torch.manual_seed(0)
    h = torch.randn(1, 4)
    for _ in range(60):
        w = torch.randn(4, 4, requires_grad=True)
        b = torch.randn(4, requires_grad=True)
        h = torch.tanh(h @ w + b)
    graph = extract_graph({"h": h, "loss": h.sum()})
    layout = layout_graph(graph)
    chain = [n.id for n in graph.nodes if n.op in ("TanhBackward0", "AddBackward0", "MmBackward0")]
    xs = {layout.position(i)[0] for i in chain}
    assert len(xs) == 1  # no sideways drift down the chain
    span = layout.pos[:, 0].max() - layout.pos[:, 0].min()
    assert span <= 4 * X_SPACING


def test_weight_shared_by_every_step_stays_compact():
    w = torch.randn(4, 4, requires_grad=True)
    h = torch.ones(1, 4)
    for _ in range(300):
        h = torch.tanh(h @ w)
    graph = extract_graph({"w": w, "h": h})
    layout = layout_graph(graph)
    points = sum(len(r) - 2 for r in layout.routes)
    assert points <= MAX_DUMMIES
    assert layout.pos[:, 0].max() - layout.pos[:, 0].min() <= 12 * X_SPACING


def test_empty_graph():
    layout = layout_graph(extract_graph({}))
    assert layout.ids == [] and layout.pos.shape == (0, 2)


def test_left_to_right_puts_outputs_left_and_every_edge_points_right():
    graph = _graph(BEFORE_BACKWARD, saved_tensors=True)
    layout = layout_graph(graph, direction="LR")
    assert layout.direction == "LR"
    for edge in graph.edges:
        if edge.kind != "saved":  # saved tensors hang below their node, in its column
            assert layout.position(edge.src)[0] < layout.position(edge.dst)[0], edge
    for edge, route in zip(graph.edges, layout.routes, strict=True):
        assert np.allclose(route[0], layout.position(edge.src))
        assert np.allclose(route[-1], layout.position(edge.dst))
        if edge.kind != "saved":
            assert np.all(np.diff(route[:, 0]) > 0)  # routed edges never turn back
    # same layers as top-down, turned: a column per layer
    top_down = layout_graph(graph)
    assert np.array_equal(layout.layers, top_down.layers)


def test_left_to_right_columns_fit_their_widest_box():
    graph = _graph(LESSON3)
    widths = np.array([60.0 + 10 * k for k in range(len(graph.nodes))])
    layout = layout_graph(graph, direction="LR", widths=widths)
    xs, ys = layout.pos[:, 0], layout.pos[:, 1]
    for a in range(len(xs)):
        for b in range(len(xs)):
            if xs[a] == xs[b] and a != b:  # one column: rows apart
                assert abs(ys[a] - ys[b]) >= LR_ROW - 1e-6
            elif xs[a] < xs[b]:  # boxes of different columns never touch
                assert xs[b] - xs[a] >= (widths[a] + widths[b]) / 2 + LR_GAP - 1e-6
    # columns as narrow as their boxes: narrower boxes, narrower picture
    default = layout_graph(graph, direction="LR")
    narrow = layout_graph(graph, direction="LR", widths=np.full(len(graph.nodes), 90.0))
    assert np.ptp(narrow.pos[:, 0]) < np.ptp(default.pos[:, 0])
    assert np.ptp(default.pos[:, 0]) == (layout.layers.max()) * (LR_NODE_WIDTH + LR_GAP)


def test_left_to_right_is_stable_and_keeps_its_direction():
    script = LESSON3.replace("x + 2", "x + {c}")
    one = layout_graph(_graph(script.format(c=2)), direction="LR")
    two = layout_graph(_graph(script.format(c=7)), previous=one, direction="LR")
    assert np.array_equal(one.pos, two.pos)
    turned = layout_graph(_graph(script.format(c=7)), previous=one, direction="TB")
    assert turned.direction == "TB"
    assert np.array_equal(turned.pos, layout_graph(_graph(script.format(c=7))).pos)


def test_left_to_right_places_isolated_tensors_apart():
    result = run_script((SEED_DIR / "lesson5.py").read_text())
    graph = extract_graph(result.tensors())
    layout = layout_graph(graph, direction="LR")
    connected_y = [layout.position(n.id)[1] for n in graph.nodes if n.id != "t:y2"]
    assert layout.position("t:y2")[1] > max(connected_y)


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError, match="direction"):
        layout_graph(extract_graph({}), direction="RL")


def _saved_by_owner(graph):
    owners: dict[str, list[str]] = {}
    for edge in graph.edges:
        if edge.kind == "saved":
            owners.setdefault(edge.src, []).append(edge.dst)
    return owners


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_saved_tensors_sit_beside_their_node(direction):
    # layer_norm saves five tensors, y * y two, z * 3 one
    x = torch.randn(2, 4, requires_grad=True)
    w = torch.ones(4, requires_grad=True)
    b = torch.zeros(4, requires_grad=True)
    y = torch.nn.functional.layer_norm(x, (4,), w, b)
    z = y * y * 3
    named = {"x": x, "w": w, "b": b, "y": y, "z": z, "out": z.sum()}
    graph = extract_graph(named, saved_tensors=True)
    owners = _saved_by_owner(graph)
    assert sorted(len(v) for v in owners.values()) == [1, 2, 5]
    layout = layout_graph(graph, direction=direction)
    along, across = (0, 1) if direction == "LR" else (1, 0)
    step = LR_ROW if direction == "LR" else X_SPACING
    for owner, saved in owners.items():
        o = layout.pos[layout.index(owner)]
        offsets = []
        for child in saved:
            c = layout.pos[layout.index(child)]
            assert c[along] == o[along]  # the node's own column (row)
            assert layout.layers[layout.index(child)] == layout.layers[layout.index(owner)]
            offsets.append((c[across] - o[across]) / step)
        if direction == "LR":  # stacked below it: 1, 2, 3 ... rows down
            assert offsets == pytest.approx(list(range(1, len(saved) + 1)))
        else:  # right, left, further right ...
            assert offsets == pytest.approx([1, -1, 2, -2, 3][: len(saved)])
    # the room is reserved: no other node within the span of a node and its boxes
    for owner, saved in owners.items():
        members = {owner, *saved}
        o = layout.pos[layout.index(owner)]
        span = [layout.pos[layout.index(i)][across] for i in members]
        for node_id, p in zip(layout.ids, layout.pos, strict=True):
            if node_id not in members and p[along] == o[along]:
                assert not min(span) - step < p[across] < max(span) + step, node_id


def test_saved_tensors_do_not_change_where_the_others_go_in_order():
    plain = layout_graph(_graph(BEFORE_BACKWARD), direction="LR")
    with_saved = layout_graph(_graph(BEFORE_BACKWARD, saved_tensors=True), direction="LR")
    for node_id in plain.ids:  # same columns (layers), same order within each
        assert plain.position(node_id)[0] == with_saved.position(node_id)[0]
