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
from dataclasses import dataclass, field

import igraph
import numpy as np

from playground.core.graph_model import AutogradGraph, GraphEdge, GraphNode, gc_paused

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
#: Id prefix of the stand-in node of a nested group inside its parent's layout.
_GROUP_ITEM = "\x00group:"


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
    #: Each module group's box ``(left, top, right, bottom)``, its content fully
    #: expanded: collapsing a group draws it in the same box, so nothing else moves.
    groups: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
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
    A graph with module groups is laid out group by group (see :func:`_grouped`),
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
        )
    if graph.groups:
        layout = _grouped(graph, key, direction, widths, heights)
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


# --------------------------------------------------------------------------- module groups
@dataclass
class _Block:
    """One group's content (or the whole graph's top level) laid out on its own."""

    #: The items: a node index, or the path of a group nested directly inside.
    items: list[int | str]
    #: Item centres in the block's own pixel coordinates.
    pos: np.ndarray
    #: Route of each of the block's edges (pixels, own coordinates), by edge key.
    routes: dict[tuple, np.ndarray]
    #: Top-left of the content's bounding box (own coordinates) and the box's size.
    low: np.ndarray
    size: np.ndarray
    layers: np.ndarray


def _grouped(graph: AutogradGraph, key: tuple, direction: str, widths, heights) -> Layout:
    """Lay a graph with module groups out: each group's content on its own (innermost
    first), as one box in the layout of the group around it, every group expanded.
    Collapsing a group then only hides what is inside its box: nothing else moves."""
    if widths is None:
        widths = np.array(
            [TB_NODE_WIDTH * (0.8 if nd.kind == "saved" else 1.0) for nd in graph.nodes]
        )
    widths = np.asarray(widths, dtype=float)
    if heights is None:
        heights = np.array([NODE_HEIGHTS[nd.kind] for nd in graph.nodes])
    heights = np.asarray(heights, dtype=float)
    parents = {g.path: g.parent for g in graph.groups}
    chains = _group_chains(parents)
    node_chain = [chains[nd.group] if nd.group in chains else () for nd in graph.nodes]
    index = {nd.id: i for i, nd in enumerate(graph.nodes)}
    members: dict[str | None, list[int | str]] = {None: []}
    for path, chain in chains.items():  # outer groups first
        members.setdefault(path, [])
        members.setdefault(chain[-2] if len(chain) > 1 else None, []).append(path)
    for i, chain in enumerate(node_chain):
        members[chain[-1] if chain else None].append(i)
    # every edge belongs to the innermost block holding both ends
    block_edges: dict[str | None, list[tuple[int, int | str, int | str]]] = {}
    for e, edge in enumerate(graph.edges):
        a, b = index[edge.src], index[edge.dst]
        ca, cb = node_chain[a], node_chain[b]
        depth = 0
        while depth < min(len(ca), len(cb)) and ca[depth] == cb[depth]:
            depth += 1
        block = ca[depth - 1] if depth else None
        item_a = ca[depth] if len(ca) > depth else a
        item_b = cb[depth] if len(cb) > depth else b
        block_edges.setdefault(block, []).append((e, item_a, item_b))
    blocks: dict[str | None, _Block] = {}
    sizes: dict[str, np.ndarray] = {}
    for path in [*sorted(chains, key=lambda p: -len(chains[p])), None]:
        block = _lay_block(
            graph, members[path], block_edges.get(path, []), direction, widths, heights, sizes
        )
        blocks[path] = block
        if path is not None:
            sizes[path] = block.size
    return _place_blocks(graph, blocks, block_edges, chains, key, direction)


def _group_chains(parents: dict[str, str | None]) -> dict[str, tuple[str, ...]]:
    """``{group: (outermost, …, group)}``, outer groups first; a group whose parent is
    unknown (or a loop) starts a chain of its own."""
    chains: dict[str, tuple[str, ...]] = {}

    def chain(path: str) -> tuple[str, ...]:
        found: list[str] = []
        seen: set[str] = set()
        current: str | None = path
        while current is not None and current not in chains and current not in seen:
            seen.add(current)
            found.append(current)
            current = parents.get(current)
        base = chains[current] if current in chains else ()
        for step in reversed(found):
            base = (*base, step)
            chains[step] = base
        return chains[path]

    for path in parents:
        chain(path)
    return dict(sorted(chains.items(), key=lambda kv: len(kv[1])))


def _lay_block(
    graph: AutogradGraph,
    items: list[int | str],
    edges: list[tuple[int, int | str, int | str]],
    direction: str,
    widths: np.ndarray,
    heights: np.ndarray,
    sizes: dict[str, np.ndarray],
) -> _Block:
    """Lay one block's items out with the flat machinery (a nested group stands in as
    one backward-like node as big as its box)."""
    sub = AutogradGraph()
    item_size = np.zeros((len(items), 2))
    slot: dict[int | str, int] = {}
    for k, item in enumerate(items):
        slot[item] = k
        if isinstance(item, str):
            sub.add(GraphNode(id=_GROUP_ITEM + item, kind="backward", label=item))
            item_size[k] = sizes[item]
        else:
            sub.add(graph.nodes[item])
            item_size[k] = (widths[item], heights[item])
    keys: dict[tuple, int] = {}
    for e, a, b in edges:
        kind = _item_kind(graph.edges[e].kind, a, b)
        edge_key = (slot[a], slot[b], kind)
        if edge_key not in keys:
            keys[edge_key] = len(sub.edges)
            sub.edges.append(
                GraphEdge(sub.nodes[slot[a]].id, sub.nodes[slot[b]].id, kind)  # type: ignore[arg-type]
            )
    pos, routes, layers = _place_sized(sub, direction, item_size)
    by_key = {edge_key: routes[k] for edge_key, k in keys.items()}
    low = (pos - item_size / 2).min(axis=0) if len(pos) else np.zeros(2)
    high = (pos + item_size / 2).max(axis=0) if len(pos) else np.zeros(2)
    for route in routes:
        if len(route) > 2:
            low, high = np.minimum(low, route.min(axis=0)), np.maximum(high, route.max(axis=0))
    size = high - low + np.array([2 * GROUP_PAD, 2 * GROUP_PAD + GROUP_HEADER])
    return _Block(items, pos, by_key, low, size, layers)


def _item_kind(kind: str, a: int | str, b: int | str) -> str:
    """The kind of an edge between two items of a block (a group item is backward-like:
    a tensor sits above it by ``grad_fn``, anything else hangs below it by ``next``)."""
    if kind == "grad_fn" and not isinstance(a, str):
        return kind
    if kind in ("variable", "saved") and not isinstance(a, str) and not isinstance(b, str):
        return kind
    return "next" if (isinstance(a, str) or isinstance(b, str)) else kind


def _place_sized(
    graph: AutogradGraph, direction: str, size: np.ndarray
) -> tuple[np.ndarray, list[np.ndarray], np.ndarray]:
    """The flat layout's steps for nodes of any size (``size``: ``(n, 2)`` pixels):
    each layer as thick as its biggest node, each node taking its own room across."""
    n = len(graph.nodes)
    if n == 0:
        return np.zeros((0, 2)), [], np.zeros(0, dtype=np.int64)
    across = direction == "LR"
    unit = LR_ROW if across else X_SPACING
    along_size = size[:, 0] if across else size[:, 1]
    across_size = size[:, 1] if across else size[:, 0]
    layers = assign_layers(graph)
    index = {node.id: i for i, node in enumerate(graph.nodes)}
    beside = _saved_slots(graph, index, layers, direction)
    connected = np.array([i for i in range(n) if layers[i] >= 0 and i not in beside], np.int64)
    sub = {int(i): k for k, i in enumerate(connected)}
    layered = [e for e in range(len(graph.edges)) if index[graph.edges[e].dst] not in beside]
    sub_edges = [(sub[index[graph.edges[e].src]], sub[index[graph.edges[e].dst]]) for e in layered]
    priority = np.array([PRIORITY[node.kind] for node in graph.nodes], dtype=np.int64)
    half = np.maximum(HALF, (across_size + ACROSS_GAP[direction]) / (2 * unit))
    extents = np.column_stack([half, half])
    for _child, (owner, offset) in beside.items():
        side = 0 if offset < 0 else 1
        extents[owner, side] = max(extents[owner, side], abs(offset) + HALF)
    sub_pos, controls = _sugiyama(
        len(connected), sub_edges, layers[connected], priority[connected], extents[connected]
    )
    pos = np.zeros((n, 2), dtype=float)
    pos[connected] = sub_pos
    for child, (owner, offset) in beside.items():
        pos[child] = pos[owner] + (offset, 0.0)
    placed = np.flatnonzero(layers >= 0)
    _place_isolated(pos, np.flatnonzero(layers < 0), pos[placed])
    to_pixels = _bands(pos, along_size, across)
    pixels = to_pixels(pos)
    routes = [np.zeros((0, 2))] * len(graph.edges)
    for k, e in enumerate(layered):
        s, d = index[graph.edges[e].src], index[graph.edges[e].dst]
        middle = [to_pixels(controls[k])] if len(controls[k]) else []
        routes[e] = np.vstack([pixels[s], *middle, pixels[d]])
    for e, edge in enumerate(graph.edges):
        if index[edge.dst] in beside:
            routes[e] = np.array([pixels[index[edge.src]], pixels[index[edge.dst]]])
    return pixels, routes, layers


def _bands(pos: np.ndarray, along: np.ndarray, across: bool):
    """Layout units to pixels when layers have different thicknesses: layer ``k`` is
    as thick as its thickest node (a column left to right, a row top-down)."""
    unit_layer = np.rint(pos[:, 1]).astype(np.int64)
    top = int(unit_layer.max()) + 1
    gap = LR_GAP if across else TB_GAP
    floor = LR_GAP if across else Y_SPACING - TB_GAP
    band = np.full(top + 1, floor)
    np.maximum.at(band, np.clip(unit_layer, 0, top), along)
    centres = np.zeros(top + 1)
    for k in range(1, top + 1):
        centres[k] = centres[k - 1] + (band[k - 1] + band[k]) / 2 + gap
    unit = LR_ROW if across else X_SPACING

    def to_pixels(units: np.ndarray) -> np.ndarray:
        units = np.asarray(units, dtype=float)
        layer = np.interp(np.clip(units[:, 1], 0, top), np.arange(top + 1), centres)
        other = units[:, 0] * unit
        return np.column_stack([layer, other] if across else [other, layer])

    return to_pixels


def _place_blocks(
    graph: AutogradGraph,
    blocks: dict[str | None, _Block],
    block_edges: dict[str | None, list[tuple[int, int | str, int | str]]],
    chains: dict[str, tuple[str, ...]],
    key: tuple,
    direction: str,
) -> Layout:
    """Absolute positions: each group's content shifted into the box its parent gave it."""
    n = len(graph.nodes)
    pos = np.zeros((n, 2))
    layers = np.full(n, -1, dtype=np.int64)
    shift: dict[str | None, np.ndarray] = {None: np.zeros(2)}
    rects: dict[str, tuple[float, float, float, float]] = {}
    for path in [None, *chains]:  # outer blocks first
        block = blocks[path]
        offset = shift[path]
        for k, item in enumerate(block.items):
            centre = block.pos[k] + offset
            if isinstance(item, str):
                half = blocks[item].size / 2
                x0, y0 = centre - half
                rects[item] = (
                    float(x0),
                    float(y0),
                    float(x0 + 2 * half[0]),
                    float(y0 + 2 * half[1]),
                )
                inner = np.array([x0 + GROUP_PAD, y0 + GROUP_PAD + GROUP_HEADER])
                shift[item] = inner - blocks[item].low
            else:
                pos[item] = centre
                layers[item] = block.layers[k]
    routes: list[np.ndarray] = [np.zeros((0, 2))] * len(graph.edges)
    for path, edges in block_edges.items():
        block, offset = blocks[path], shift[path]
        slot = {item: k for k, item in enumerate(block.items)}
        for e, a, b in edges:
            route = block.routes[(slot[a], slot[b], _item_kind(graph.edges[e].kind, a, b))]
            middle = route[1:-1] + offset if len(route) > 2 else np.zeros((0, 2))
            routes[e] = middle
    index = {nd.id: i for i, nd in enumerate(graph.nodes)}
    for e, edge in enumerate(graph.edges):
        routes[e] = np.vstack([pos[index[edge.src]], routes[e], pos[index[edge.dst]]])
    ids = [nd.id for nd in graph.nodes]
    return Layout(ids, pos, routes, layers, key, direction, rects)
