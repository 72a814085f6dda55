"""Layered layout of an :class:`~playground.core.graph.AutogradGraph` (igraph's Sugiyama).

Outputs at the top, leaves at the bottom (``direction="TB"``), or outputs on the
left and leaves on the right (``direction="LR"``, for a wide and short view: each
column is as wide as its widest node, so a short graph reads at full size). Layers
are assigned here (longest path from the outputs over backward nodes; a named tensor
sits just above its ``grad_fn``, a leaf just below its ``AccumulateGrad``); igraph
orders each layer to reduce crossings and routes long edges through dummy points.
Edges whose dummies would blow up the layout (a weight shared by hundreds of layers)
are drawn straight instead, so the layout stays fast at any size.

Saved tensors are not layered: each sits beside the backward node that saved it, in
that node's own layer (left to right: stacked below it in its column; top-down: to
its right, then its left, in its row). The room they take is reserved around the
node when its layer is placed, so their short edges cross nothing.

The result is a pure function of the graph's shape (ids and edges), so a re-run
that only changes values gets identical positions; when the shape changes, the
new layout is shifted to keep the nodes it shares with the previous one in place.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import igraph
import numpy as np

from playground.core.graph_model import AutogradGraph, gc_paused

#: Pixels between node centres in a layer per igraph unit, and between layers.
X_SPACING = 190.0
Y_SPACING = 96.0
#: Left-to-right: pixels between node centres within a column (per igraph unit), the
#: gap between the widest boxes of neighbouring columns, and a node's default width.
LR_ROW = 70.0
LR_GAP = 44.0
LR_NODE_WIDTH = 150.0
DIRECTIONS = ("TB", "LR")
#: Edges spanning more layers than this are drawn straight rather than routed (a
#: weight shared by every layer of a loop would otherwise fill the picture with dummies).
MAX_SPAN = 8
#: Which node of a layer keeps its ideal x (the chain of backward nodes stays straight).
PRIORITY = {"backward": 4, "nonleaf": 3, "accumulate": 2, "leaf": 1, "nograd": 1, "saved": 1}
#: Room taken in a layer by an edge passing through it (a node takes 1).
DUMMY_WIDTH = 0.3
#: Most dummy vertices handed to Sugiyama in total.
MAX_DUMMIES = 4000
#: Half the room a node takes in its layer (layout units; a dummy takes DUMMY_WIDTH).
HALF = 0.5
#: Module groups: room between a group's box and its content, and the box's header
#: (its label), in pixels.
GROUP_PAD = 12.0
GROUP_HEADER = 24.0
#: Size of a node in a grouped layout when the caller gives none (pixels): top-down
#: boxes are TB_NODE_WIDTH wide; heights by kind (room for a grad line after backward).
TB_NODE_WIDTH = 168.0
NODE_HEIGHTS = {
    "leaf": 55.0,
    "nonleaf": 55.0,
    "nograd": 55.0,
    "backward": 40.0,
    "accumulate": 40.0,
    "saved": 40.0,
}
#: Top-down, grouped: the gap between the tallest boxes of neighbouring layers (a
#: layer of plain nodes keeps the flat layout's Y_SPACING).
TB_GAP = 40.0
#: The room across a layer between neighbouring boxes, in pixels (top-down, left to right).
ACROSS_GAP = {"TB": X_SPACING - TB_NODE_WIDTH, "LR": 22.0}


@dataclass
class Layout:
    """Node centres and edge polylines, in scene pixels (y grows downwards)."""

    ids: list[str]
    #: ``(N, 2)`` centre of each node, in ``ids`` order.
    pos: np.ndarray
    #: One ``(k, 2)`` polyline per graph edge (same order), from source to target centre.
    routes: list[np.ndarray]
    #: Layer index of each node (``-1`` for nodes with no edge, laid out apart).
    layers: np.ndarray
    shape_key: tuple = field(default=(), repr=False)
    #: ``"TB"`` (outputs at the top) or ``"LR"`` (outputs on the left).
    direction: str = "TB"
    #: Each module group's box ``(left, top, right, bottom)``, every group expanded
    #: (:meth:`arrange` gives the boxes for collapsed ones).
    groups: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    #: The grouped layout's blocks (:class:`playground.core.group_layout.Grouping`).
    grouping: Any = field(default=None, repr=False)
    #: Shift applied to the grouped layout (to keep a previous layout's nodes in place).
    origin: np.ndarray = field(default_factory=lambda: np.zeros(2), repr=False)
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index = {node_id: i for i, node_id in enumerate(self.ids)}

    def position(self, node_id: str) -> tuple[float, float]:
        """Centre of ``node_id`` as ``(x, y)``."""
        x, y = self.pos[self._index[node_id]]
        return float(x), float(y)

    def index(self, node_id: str) -> int | None:
        """Row of ``node_id`` in ``pos``, or ``None``."""
        return self._index.get(node_id)

    def arrange(
        self,
        collapsed: Collection[str],
        compact: Mapping[str, tuple[float, float]] | None = None,
    ) -> Layout:
        """This layout with the module groups ``collapsed`` drawn as compact boxes
        (``compact[path]``: ``(width, height)`` in pixels): they shrink along the layers
        only, and what lies after them moves up (left) by as much; nothing moves across
        and nothing before them moves. Hidden nodes sit at their box's centre, edges
        start or end on a collapsed box's border. A layout without groups: itself."""
        if self.grouping is None:
            return self
        from playground.core.group_layout import arrange

        pos, routes, rects = arrange(self.grouping, collapsed, compact or {}, self.origin)
        out = Layout(list(self.ids), pos, routes, self.layers, self.shape_key, self.direction)
        out.groups, out.grouping, out.origin = rects, self.grouping, self.origin
        return out


def assign_layers(graph: AutogradGraph) -> np.ndarray:
    """Layer of every node (``-1`` for isolated nodes); iterative, any depth."""
    n = len(graph.nodes)
    index = {node.id: i for i, node in enumerate(graph.nodes)}
    kind = [node.kind for node in graph.nodes]
    children: list[list[int]] = [[] for _ in range(n)]
    indegree = [0] * n
    attached: list[list[tuple[int, str]]] = [[] for _ in range(n)]
    for edge in graph.edges:
        s, d = index[edge.src], index[edge.dst]
        if edge.kind == "next":
            children[s].append(d)
            indegree[d] += 1
        else:
            attached[s if edge.kind != "grad_fn" else d].append(
                (d if edge.kind != "grad_fn" else s, edge.kind)
            )
    layer = [-1] * n
    is_fn = [k in ("backward", "accumulate") for k in kind]
    queue = deque(i for i in range(n) if is_fn[i] and indegree[i] == 0)
    for i in queue:
        layer[i] = 1
    while True:
        while queue:
            i = queue.popleft()
            for c in children[i]:
                layer[c] = max(layer[c], layer[i] + 1)
                indegree[c] -= 1
                if indegree[c] == 0:
                    queue.append(c)
        # A cycle (only between module groups standing in for their nodes, e.g. tied
        # weights): enter it at a node already reached, or anywhere.
        stuck = [i for i in range(n) if is_fn[i] and indegree[i] > 0]
        if not stuck:
            break
        i = max(stuck, key=lambda j: (layer[j], -j))
        layer[i], indegree[i] = max(layer[i], 1), 0
        queue.append(i)
    for i in range(n):
        if not is_fn[i]:
            continue
        for other, edge_kind in attached[i]:
            offset = {"grad_fn": -1, "saved": 0}.get(edge_kind, 1)
            if layer[other] < 0:
                layer[other] = layer[i] + offset
    return np.array(layer, dtype=np.int64)


def _sugiyama(
    n: int,
    edges: list[tuple[int, int]],
    layers: np.ndarray,
    priority: np.ndarray,
    extents: np.ndarray | None = None,
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Run igraph on the connected nodes; return ``(pos, control points per edge)``.

    ``extents`` (``(n, 2)``, layout units) is the room each node takes in its layer
    before and after its centre (default :data:`HALF` both ways)."""
    pos = np.zeros((n, 2), dtype=float)
    if n == 0:
        return pos, []
    span = np.array([layers[d] - layers[s] for s, d in edges], dtype=np.int64)
    keep = np.zeros(len(edges), dtype=bool)
    budget = MAX_DUMMIES
    for e in np.argsort(span, kind="stable"):
        cost = max(int(span[e]) - 1, 0)
        if cost > budget or span[e] > MAX_SPAN:
            break
        budget -= cost
        keep[e] = True
    kept = [edges[e] for e in np.flatnonzero(keep)]
    g = igraph.Graph(n=n, edges=kept, directed=True)
    result = g.layout_sugiyama(layers=[int(v) for v in layers], hgap=1, vgap=1)
    pos[:] = np.asarray(result.coords[:n], dtype=float)
    controls: list[np.ndarray] = [np.zeros((0, 2))] * len(edges)
    for k, e in enumerate(np.flatnonzero(keep)):
        points = result.edge_routing[k]
        if len(points):
            controls[e] = np.asarray(points, dtype=float)
    if extents is None:
        extents = np.full((n, 2), HALF)
    routed = [(edges[e], controls[e]) for e in np.flatnonzero(keep)]
    _straighten(pos, controls, routed, priority, extents)
    return pos, controls


def _straighten(
    pos: np.ndarray,
    controls: list[np.ndarray],
    routed: list[tuple[tuple[int, int], np.ndarray]],
    priority: np.ndarray,
    extents: np.ndarray,
    passes: int = 4,
) -> None:
    """Re-place x coordinates, keeping igraph's order within each layer.

    igraph's placement lets long chains drift sideways; here every node (and route
    point) is pulled towards the mean x of its neighbours in the layer above (then
    below), and overlaps are resolved by averaging a left-to-right and a
    right-to-left sweep, which keeps the order and the minimum gaps (a node takes
    ``extents[i]`` = (before, after) its centre: room for its saved tensors).
    """
    n = len(pos)
    xs: list[float] = [float(x) for x in pos[:, 0]]
    layer_of: list[int] = [int(y) for y in pos[:, 1]]
    before: list[float] = [float(v) for v in extents[:, 0]]
    after: list[float] = [float(v) for v in extents[:, 1]]
    prio: list[int] = [int(v) for v in priority]
    owners: list[tuple[np.ndarray, int]] = []
    up: list[list[int]] = [[] for _ in range(n)]
    down: list[list[int]] = [[] for _ in range(n)]
    for (src, dst), points in routed:
        chain = [src]
        for k in range(len(points)):
            slot = len(xs)
            xs.append(float(points[k, 0]))
            layer_of.append(int(round(points[k, 1])))
            before.append(DUMMY_WIDTH / 2)
            after.append(DUMMY_WIDTH / 2)
            prio.append(0)
            owners.append((points, k))
            up.append([])
            down.append([])
            chain.append(slot)
        chain.append(dst)
        for a, b in zip(chain[:-1], chain[1:], strict=True):
            down[a].append(b)
            up[b].append(a)
    by_layer: dict[int, list[int]] = {}
    for slot in sorted(range(len(xs)), key=lambda i: (layer_of[i], xs[i])):
        by_layer.setdefault(layer_of[slot], []).append(slot)
    ordered = [by_layer[k] for k in sorted(by_layer)]
    for p in range(passes):
        sweep = ordered if p % 2 == 0 else ordered[::-1]
        neighbours = up if p % 2 == 0 else down
        for slots in sweep:
            want = [_wish(xs, prio, neighbours[i], xs[i]) for i in slots]
            _place_row(slots, want, before, after, xs, prio)
    pos[:, 0] = xs[:n]
    for slot, (points, k) in enumerate(owners, start=n):
        points[k, 0] = xs[slot]


def _wish(xs: list[float], prio: list[int], neighbours: list[int], current: float) -> float:
    """Mean x of the most important neighbours (a chain follows its chain, not its leaves)."""
    if len(neighbours) == 1:
        return xs[neighbours[0]]
    if not neighbours:
        return current
    best = max(prio[j] for j in neighbours)
    chosen = [xs[j] for j in neighbours if prio[j] == best]
    return sum(chosen) / len(chosen)


def _place_row(
    slots: list[int],
    want: list[float],
    before: list[float],
    after: list[float],
    xs: list[float],
    prio: list[int],
) -> None:
    """Place one layer: its most important slot exactly where it wants to be, the
    others as close to their wish as order and gaps (``after[a] + before[b]`` between
    neighbours ``a``, ``b``) allow."""
    m = len(slots)
    if m == 1:
        xs[slots[0]] = want[0]
        return
    anchor = max(range(m), key=lambda k: prio[slots[k]])
    x = list(want)
    for k in range(anchor + 1, m):
        gap = after[slots[k - 1]] + before[slots[k]]
        x[k] = max(x[k], x[k - 1] + gap)
    for k in range(anchor - 1, -1, -1):
        gap = after[slots[k]] + before[slots[k + 1]]
        x[k] = min(x[k], x[k + 1] - gap)
    for k, slot in enumerate(slots):
        xs[slot] = x[k]


def layout_graph(
    graph: AutogradGraph,
    previous: Layout | None = None,
    *,
    direction: str = "TB",
    widths: np.ndarray | list[float] | None = None,
    heights: np.ndarray | list[float] | None = None,
) -> Layout:
    """Lay ``graph`` out; reuse ``previous`` exactly when the shape is unchanged.

    ``direction`` is ``"TB"`` (outputs at the top) or ``"LR"`` (outputs on the left);
    ``widths`` (one per node, in ``graph.nodes`` order, pixels) sizes the columns of
    an ``"LR"`` layout (default :data:`LR_NODE_WIDTH` each); ``"TB"`` ignores it.
    A graph with module groups is laid out group by group (see :func:`playground.core.group_layout.grouped`),
    each group's box sized from its nodes' ``widths`` and ``heights`` (pixels; by
    default :data:`TB_NODE_WIDTH` wide top-down and :data:`NODE_HEIGHTS` tall).
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    with gc_paused():
        return _layout_graph(graph, previous, direction, widths, heights)


def _layout_graph(
    graph: AutogradGraph, previous: Layout | None, direction: str, widths, heights=None
) -> Layout:
    key = graph.shape_key()
    if direction == "LR":
        widths = (
            np.full(len(graph.nodes), LR_NODE_WIDTH)
            if widths is None
            else np.asarray(widths, dtype=float)
        )
        key = (*key, tuple(widths.tolist()))
    if graph.groups:
        key = (*key, graph.group_key())
    if previous is not None and previous.shape_key == key and previous.direction == direction:
        return Layout(
            list(previous.ids),
            previous.pos.copy(),
            [r.copy() for r in previous.routes],
            previous.layers.copy(),
            key,
            direction,
            dict(previous.groups),
            previous.grouping,
            previous.origin.copy(),
        )
    if graph.groups:
        from playground.core.group_layout import grouped

        layout = grouped(graph, key, direction, widths, heights)
    else:
        layout = _flat(graph, key, direction, widths)
    if previous is not None and previous.direction == direction:
        _align_to(layout, previous)
    return layout


def _flat(graph: AutogradGraph, key: tuple, direction: str, widths) -> Layout:
    """The layout of a graph without module groups."""
    ids = [node.id for node in graph.nodes]
    layers = assign_layers(graph)
    index = {node_id: i for i, node_id in enumerate(ids)}
    beside = _saved_slots(graph, index, layers, direction)
    connected = np.array(
        [i for i in range(len(ids)) if layers[i] >= 0 and i not in beside], dtype=np.int64
    )
    sub = {int(i): k for k, i in enumerate(connected)}
    # edges to saved tensors placed beside their node are not layered (routes: below)
    layered = [e for e in range(len(graph.edges)) if index[graph.edges[e].dst] not in beside]
    sub_edges = [(sub[index[graph.edges[e].src]], sub[index[graph.edges[e].dst]]) for e in layered]
    priority = np.array([PRIORITY[node.kind] for node in graph.nodes], dtype=np.int64)
    extents = np.full((len(ids), 2), HALF)
    for owner, offset in beside.values():
        side = 0 if offset < 0 else 1
        extents[owner, side] = max(extents[owner, side], abs(offset) + HALF)
    sub_pos, controls = _sugiyama(
        len(connected), sub_edges, layers[connected], priority[connected], extents[connected]
    )
    pos = np.zeros((len(ids), 2), dtype=float)
    pos[connected] = sub_pos
    for child, (owner, offset) in beside.items():
        pos[child] = pos[owner] + (offset, 0.0)
    placed = np.flatnonzero(layers >= 0)
    _place_isolated(pos, np.flatnonzero(layers < 0), pos[placed])
    if direction == "LR":
        to_pixels = _columns(pos, widths)
    else:
        scale = np.array([X_SPACING, Y_SPACING])

        def to_pixels(units: np.ndarray) -> np.ndarray:
            return units * scale

    pos = to_pixels(pos)
    routes = [np.zeros((0, 2))] * len(graph.edges)
    for k, e in enumerate(layered):
        s, d = index[graph.edges[e].src], index[graph.edges[e].dst]
        if len(controls[k]):
            routes[e] = np.vstack([pos[s], to_pixels(controls[k]), pos[d]])
        else:
            routes[e] = np.array([pos[s], pos[d]])
    for e, edge in enumerate(graph.edges):
        if index[edge.dst] in beside:
            routes[e] = np.array([pos[index[edge.src]], pos[index[edge.dst]]])
    return Layout(ids, pos, routes, layers, key, direction)


def _saved_slots(
    graph: AutogradGraph, index: dict[str, int], layers: np.ndarray, direction: str
) -> dict[int, tuple[int, float]]:
    """``{saved node: (its backward node, offset in layout units within the layer)}``.

    Left to right the offsets are 1, 2, 3 … (stacked below the node in its column,
    below because gradient labels sit above boxes); top-down 1, -1, 2, -2 … (right,
    left, further right …, in its row)."""
    count: dict[int, int] = {}
    out: dict[int, tuple[int, float]] = {}
    for edge in graph.edges:
        if edge.kind != "saved":
            continue
        owner, child = index[edge.src], index[edge.dst]
        if layers[owner] < 0 or child in out or graph.nodes[owner].kind == "saved":
            continue
        k = count.get(owner, 0)
        count[owner] = k + 1
        offset = float(k + 1) if direction == "LR" else float(k // 2 + 1) * (1 - 2 * (k % 2))
        out[child] = (owner, offset)
    return out


def _columns(pos: np.ndarray, widths: np.ndarray):
    """Left-to-right mapping from layout units (``x`` within a layer, ``y`` = layer) to
    pixels: layer ``k`` becomes a column as wide as its widest node, ``LR_GAP`` apart."""
    unit_layer = np.rint(pos[:, 1]).astype(np.int64) if len(pos) else np.zeros(0, np.int64)
    top = int(unit_layer.max()) + 1 if len(pos) else 1
    column = np.full(top + 1, LR_GAP)  # a layer crossed only by edges
    np.maximum.at(column, np.clip(unit_layer, 0, top), widths)
    centres = np.zeros(top + 1)
    for k in range(1, top + 1):
        centres[k] = centres[k - 1] + (column[k - 1] + column[k]) / 2 + LR_GAP

    def to_pixels(units: np.ndarray) -> np.ndarray:
        units = np.asarray(units, dtype=float)
        layer = np.clip(units[:, 1], 0, top)
        x = np.interp(layer, np.arange(top + 1), centres)
        return np.column_stack([x, units[:, 0] * LR_ROW])

    return to_pixels


def _place_isolated(pos: np.ndarray, isolated: np.ndarray, connected_pos: np.ndarray) -> None:
    """Stack isolated nodes in a grid to the right of the connected part (in units)."""
    if len(isolated) == 0:
        return
    left = float(connected_pos[:, 0].max()) + 1.5 if len(connected_pos) else 0.0
    top = float(connected_pos[:, 1].min()) if len(connected_pos) else 0.0
    rows = max(int(np.ceil(np.sqrt(len(isolated)))), 4)
    for k, i in enumerate(isolated):
        pos[i] = (left + k // rows, top + k % rows)


def _align_to(layout: Layout, previous: Layout) -> None:
    """Shift ``layout`` so that nodes it shares with ``previous`` move as little as possible."""
    common = [(i, previous.index(node_id)) for i, node_id in enumerate(layout.ids)]
    pairs = [(i, j) for i, j in common if j is not None]
    if not pairs:
        return
    new = layout.pos[[i for i, _ in pairs]]
    old = previous.pos[[j for _, j in pairs]]
    shift = np.median(old - new, axis=0)
    layout.pos += shift
    for route in layout.routes:
        route += shift
    dx, dy = float(shift[0]), float(shift[1])
    for path, (x0, y0, x1, y1) in layout.groups.items():
        layout.groups[path] = (x0 + dx, y0 + dy, x1 + dx, y1 + dy)
    layout.origin = layout.origin + shift
