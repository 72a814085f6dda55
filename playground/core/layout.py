"""Layered layout of an :class:`~playground.core.graph.AutogradGraph` (igraph's Sugiyama).

Outputs at the top, leaves at the bottom. Layers are assigned here (longest path
from the outputs over backward nodes; a named tensor sits just above its
``grad_fn``, a leaf just below its ``AccumulateGrad``); igraph orders each layer
to reduce crossings and routes long edges through dummy points. Edges whose
dummies would blow up the layout (a weight shared by hundreds of layers) are
drawn straight instead, so the layout stays fast at any size.

The result is a pure function of the graph's shape (ids and edges), so a re-run
that only changes values gets identical positions; when the shape changes, the
new layout is shifted to keep the nodes it shares with the previous one in place.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import igraph
import numpy as np

from playground.core.graph import AutogradGraph

#: Pixels between node centres in a layer per igraph unit, and between layers.
X_SPACING = 190.0
Y_SPACING = 96.0
#: Edges spanning more layers than this are drawn straight rather than routed (a
#: weight shared by every layer of a loop would otherwise fill the picture with dummies).
MAX_SPAN = 8
#: Most dummy vertices handed to Sugiyama in total.
MAX_DUMMIES = 4000


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
    layer = np.full(n, -1, dtype=np.int64)
    is_fn = [k in ("backward", "accumulate") for k in kind]
    queue = deque(i for i in range(n) if is_fn[i] and indegree[i] == 0)
    for i in queue:
        layer[i] = 1
    while queue:
        i = queue.popleft()
        for c in children[i]:
            layer[c] = max(layer[c], layer[i] + 1)
            indegree[c] -= 1
            if indegree[c] == 0:
                queue.append(c)
    for i in range(n):
        if not is_fn[i]:
            continue
        for other, edge_kind in attached[i]:
            offset = -1 if edge_kind == "grad_fn" else 1
            if layer[other] < 0:
                layer[other] = layer[i] + offset
    return layer


def _sugiyama(
    n: int, edges: list[tuple[int, int]], layers: np.ndarray
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Run igraph on the connected nodes; return ``(pos, control points per edge)``."""
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
    return pos, controls


def layout_graph(graph: AutogradGraph, previous: Layout | None = None) -> Layout:
    """Lay ``graph`` out; reuse ``previous`` exactly when the shape is unchanged."""
    key = graph.shape_key()
    if previous is not None and previous.shape_key == key:
        return Layout(
            list(previous.ids),
            previous.pos.copy(),
            [r.copy() for r in previous.routes],
            previous.layers.copy(),
            key,
        )
    ids = [node.id for node in graph.nodes]
    layers = assign_layers(graph)
    connected = np.flatnonzero(layers >= 0)
    sub = {int(i): k for k, i in enumerate(connected)}
    index = {node_id: i for i, node_id in enumerate(ids)}
    sub_edges = [(sub[index[e.src]], sub[index[e.dst]]) for e in graph.edges]
    sub_pos, controls = _sugiyama(len(connected), sub_edges, layers[connected])
    pos = np.zeros((len(ids), 2), dtype=float)
    pos[connected] = sub_pos
    _place_isolated(pos, np.flatnonzero(layers < 0), sub_pos)
    routes = []
    for e, (s, d) in enumerate(sub_edges):
        points = np.vstack([sub_pos[s], controls[e], sub_pos[d]])
        routes.append(points * (X_SPACING, Y_SPACING))
    pos *= (X_SPACING, Y_SPACING)
    layout = Layout(ids, pos, routes, layers, key)
    if previous is not None:
        _align_to(layout, previous)
    return layout


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
