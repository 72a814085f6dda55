"""Layout of a graph with module groups, and of any choice of collapsed groups.

Each group's content is laid out on its own (innermost first) with the flat layout's
steps, and stands in its parent's layout as one item as big as its box. That part
(igraph's layer order, every position across the layers) is done once, in
:func:`grouped`. :func:`arrange` then turns it into pixels for a set of collapsed
groups: a collapsed group is a compact box, and only the layering axis (y top-down,
x left to right) changes with it. Each layer of a block is as thick as its thickest
item and its items sit at the layer's start, so a group that opens pushes along only
what lies below it (right of it, left to right); everything before it keeps its
place and nothing moves across.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np

from playground.core.graph_model import AutogradGraph, GraphEdge, GraphNode
from playground.core.layout import (
    ACROSS_GAP,
    GROUP_HEADER,
    GROUP_PAD,
    HALF,
    LR_GAP,
    LR_ROW,
    NODE_HEIGHTS,
    PRIORITY,
    TB_GAP,
    TB_NODE_WIDTH,
    X_SPACING,
    Y_SPACING,
    Layout,
    _place_isolated,
    _saved_slots,
    _sugiyama,
    assign_layers,
)

#: Size ``(width, height)`` of a collapsed group's box when the caller gives none.
COLLAPSED_SIZE = (TB_NODE_WIDTH, 64.0)
#: Id prefix of the stand-in node of a nested group inside its parent's layout.
_GROUP_ITEM = "\x00group:"
Rect = tuple[float, float, float, float]


@dataclass
class _Block:
    """One group's content (or the whole graph's top level), in layout units."""

    #: The items: a node index, or the path of a group nested directly inside.
    items: list[int | str]
    #: ``(n, 2)``: position across the layers (units) and layer of each item.
    units: np.ndarray
    #: Control points (units) of each of the block's edges, by edge key.
    controls: dict[tuple, np.ndarray]
    layers: np.ndarray


@dataclass
class _Measured:
    """A block in pixels for one set of collapsed groups (its own coordinates)."""

    pos: np.ndarray
    controls: dict[tuple, np.ndarray]
    low: np.ndarray
    #: The box around the content: padding and header included.
    size: np.ndarray


@dataclass
class Grouping:
    """What :func:`arrange` needs: every block, and which group holds what."""

    blocks: dict[str | None, _Block]
    #: ``{block: [(edge index, item at src, item at dst)]}``.
    block_edges: dict[str | None, list[tuple[int, int | str, int | str]]]
    #: ``{group: (outermost, …, group)}``, outer groups first.
    chains: dict[str, tuple[str, ...]]
    node_chain: list[tuple[str, ...]]
    #: ``(n, 2)`` node sizes in pixels.
    sizes: np.ndarray
    edges: list[tuple[int, int, str]]
    direction: str


def grouped(graph: AutogradGraph, key: tuple, direction: str, widths, heights) -> Layout:
    """Lay a graph with module groups out, every group expanded (see :func:`arrange`)."""
    if widths is None:
        widths = [TB_NODE_WIDTH * (0.8 if nd.kind == "saved" else 1.0) for nd in graph.nodes]
    if heights is None:
        heights = [NODE_HEIGHTS[nd.kind] for nd in graph.nodes]
    sizes = np.column_stack([np.asarray(widths, float), np.asarray(heights, float)])
    chains = _group_chains({g.path: g.parent for g in graph.groups})
    node_chain = [chains.get(nd.group, ()) if nd.group else () for nd in graph.nodes]
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
        depth = _common(ca, cb)
        item_a = ca[depth] if len(ca) > depth else a
        item_b = cb[depth] if len(cb) > depth else b
        block_edges.setdefault(ca[depth - 1] if depth else None, []).append((e, item_a, item_b))
    grouping = Grouping({}, block_edges, chains, node_chain, sizes, [], direction)
    grouping.edges = [(index[e.src], index[e.dst], e.kind) for e in graph.edges]
    expanded: dict[str, np.ndarray] = {}
    for path in [*sorted(chains, key=lambda p: -len(chains[p])), None]:
        block = _lay_block(graph, members[path], block_edges.get(path, []), grouping, expanded)
        grouping.blocks[path] = block
        if path is not None:
            expanded[path] = _measure(grouping, block, {}, expanded).size
    ids = [nd.id for nd in graph.nodes]
    layers = np.full(len(ids), -1, dtype=np.int64)
    for block in grouping.blocks.values():
        for k, item in enumerate(block.items):
            if not isinstance(item, str):
                layers[item] = block.layers[k]
    layout = Layout(ids, np.zeros((len(ids), 2)), [], layers, key, direction)
    layout.grouping = grouping
    pos, routes, rects = arrange(grouping, (), {}, np.zeros(2))
    layout.pos, layout.routes, layout.groups = pos, routes, rects
    return layout


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    depth = 0
    while depth < min(len(a), len(b)) and a[depth] == b[depth]:
        depth += 1
    return depth


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


def _item_kind(kind: str, a: int | str, b: int | str) -> str:
    """The kind of an edge between two items of a block (a group item is backward-like:
    a tensor sits above it by ``grad_fn``, anything else hangs below it by ``next``)."""
    if kind == "grad_fn" and not isinstance(a, str):
        return kind
    if kind in ("variable", "saved") and not isinstance(a, str) and not isinstance(b, str):
        return kind
    return "next" if (isinstance(a, str) or isinstance(b, str)) else kind


def _lay_block(
    graph: AutogradGraph,
    items: list[int | str],
    edges: list[tuple[int, int | str, int | str]],
    grouping: Grouping,
    expanded: dict[str, np.ndarray],
) -> _Block:
    """Order one block's items with the flat machinery (a nested group stands in as
    one backward-like node as big as its expanded box)."""
    sub = AutogradGraph()
    item_size = np.zeros((len(items), 2))
    slot: dict[int | str, int] = {}
    for k, item in enumerate(items):
        slot[item] = k
        if isinstance(item, str):
            sub.add(GraphNode(id=_GROUP_ITEM + item, kind="backward", label=item))
            item_size[k] = expanded[item]
        else:
            sub.add(graph.nodes[item])
            item_size[k] = grouping.sizes[item]
    keys: dict[tuple, int] = {}
    for e, a, b in edges:
        edge_key = (slot[a], slot[b], _item_kind(graph.edges[e].kind, a, b))
        if edge_key not in keys:
            keys[edge_key] = len(sub.edges)
            sub.edges.append(GraphEdge(sub.nodes[slot[a]].id, sub.nodes[slot[b]].id, edge_key[2]))  # type: ignore[arg-type]
    units, controls, layers = _order(sub, grouping.direction, item_size)
    by_key = {edge_key: controls[k] for edge_key, k in keys.items()}
    return _Block(items, units, by_key, layers)


def _order(
    graph: AutogradGraph, direction: str, size: np.ndarray
) -> tuple[np.ndarray, list[np.ndarray], np.ndarray]:
    """The flat layout's steps in layout units, for nodes of any size (``size``: ``(n,
    2)`` pixels; each takes its own room across its layer): ``(units, control points
    per edge, layers)``."""
    n = len(graph.nodes)
    if n == 0:
        return np.zeros((0, 2)), [], np.zeros(0, dtype=np.int64)
    across = direction == "LR"
    unit = LR_ROW if across else X_SPACING
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
    sub_pos, sub_controls = _sugiyama(
        len(connected), sub_edges, layers[connected], priority[connected], extents[connected]
    )
    pos = np.zeros((n, 2), dtype=float)
    pos[connected] = sub_pos
    for child, (owner, offset) in beside.items():
        pos[child] = pos[owner] + (offset, 0.0)
    _place_isolated(pos, np.flatnonzero(layers < 0), pos[np.flatnonzero(layers >= 0)])
    controls = [np.zeros((0, 2))] * len(graph.edges)
    for k, e in enumerate(layered):
        controls[e] = np.asarray(sub_controls[k], dtype=float).reshape(-1, 2)
    return pos, controls, layers


def _axes(direction: str) -> tuple[int, int]:
    """Pixel axes ``(along the layers, across them)``."""
    return (0, 1) if direction == "LR" else (1, 0)


def _measure(
    grouping: Grouping,
    block: _Block,
    along_of: Mapping[str, float],
    expanded: Mapping[str, np.ndarray],
) -> _Measured:
    """``block`` in pixels: each layer as thick as its thickest item (a nested group as
    ``along_of[path]`` along the layers, else its expanded size), items at its start."""
    ax, cx = _axes(grouping.direction)
    across = grouping.direction == "LR"
    n = len(block.items)
    size = np.zeros((n, 2))
    for k, item in enumerate(block.items):
        if isinstance(item, str):
            size[k] = expanded[item]
            size[k, ax] = along_of.get(item, size[k, ax])
        else:
            size[k] = grouping.sizes[item]
    if n == 0:
        return _Measured(np.zeros((0, 2)), {}, np.zeros(2), np.zeros(2))
    unit_layer = np.rint(block.units[:, 1]).astype(np.int64)
    top = int(unit_layer.max()) + 1
    gap = LR_GAP if across else TB_GAP
    band = np.full(top + 1, LR_GAP if across else Y_SPACING - TB_GAP)
    np.maximum.at(band, np.clip(unit_layer, 0, top), size[:, ax])
    start = np.concatenate([[0.0], np.cumsum(band[:-1] + gap)])
    middle = start + band / 2
    unit = LR_ROW if across else X_SPACING
    pos = np.zeros((n, 2))
    pos[:, ax] = start[np.clip(unit_layer, 0, top)] + size[:, ax] / 2
    pos[:, cx] = block.units[:, 0] * unit
    low = (pos - size / 2).min(axis=0)
    high = (pos + size / 2).max(axis=0)
    controls: dict[tuple, np.ndarray] = {}
    for edge_key, points in block.controls.items():
        px = np.zeros((len(points), 2))
        if len(points):
            px[:, ax] = np.interp(np.clip(points[:, 1], 0, top), np.arange(top + 1), middle)
            px[:, cx] = points[:, 0] * unit
            low, high = np.minimum(low, px.min(axis=0)), np.maximum(high, px.max(axis=0))
        controls[edge_key] = px
    box = high - low + np.array([2 * GROUP_PAD, 2 * GROUP_PAD + GROUP_HEADER])
    return _Measured(pos, controls, low, box)


def arrange(
    grouping: Grouping,
    collapsed: Collection[str],
    compact: Mapping[str, tuple[float, float]],
    origin: np.ndarray,
) -> tuple[np.ndarray, list[np.ndarray], dict[str, Rect]]:
    """Pixels for the groups ``collapsed`` drawn as compact boxes (``compact[path]`` =
    ``(width, height)``, default :data:`COLLAPSED_SIZE`): ``(node centres, edge
    polylines, each group's box)``. A node inside a collapsed group sits at its box's
    centre; an edge is drawn from a collapsed box's border, and crosses the border of
    each open group it leaves or enters (see :func:`_route`)."""
    ax, cx = _axes(grouping.direction)
    chains = grouping.chains
    shut = set(collapsed) & set(chains)
    hidden = {p for p, chain in chains.items() if any(q in shut for q in chain[:-1])}
    expanded: dict[str, np.ndarray] = {}
    measured: dict[str | None, _Measured] = {}
    along_of: dict[str, float] = {}
    for path in [*sorted(chains, key=lambda p: -len(chains[p])), None]:
        block = grouping.blocks[path]
        m = _measure(grouping, block, along_of, expanded)
        measured[path] = m
        if path is not None:
            expanded[path] = m.size  # across the layers: the same collapsed or not
            along = float(m.size[ax])
            if path in shut:
                along = min(_compact(compact, path)[ax], along)
            along_of[path] = along
    n = len(grouping.sizes)
    pos = np.zeros((n, 2))
    slots: dict[str, np.ndarray] = {}
    shift: dict[str | None, np.ndarray] = {None: np.asarray(origin, float)}
    for path in [None, *chains]:  # outer blocks first
        block, m, offset = grouping.blocks[path], measured[path], shift.get(path)
        if offset is None:
            continue
        for k, item in enumerate(block.items):
            centre = m.pos[k] + offset
            if isinstance(item, str):
                size = expanded[item].copy()
                size[ax] = along_of[item]
                slots[item] = np.concatenate([centre - size / 2, centre + size / 2])
                corner = slots[item][:2] + (GROUP_PAD, GROUP_PAD + GROUP_HEADER)
                shift[item] = corner - measured[item].low
            else:
                pos[item] = centre
    rects = _drawn(grouping, measured, shift, slots, pos, shut, hidden, compact)
    for i, chain in enumerate(grouping.node_chain):
        owner = next((p for p in chain if p in shut), None)
        if owner is not None:
            r = rects[owner]
            pos[i] = ((r[0] + r[2]) / 2, (r[1] + r[3]) / 2)
    routes: list[np.ndarray] = [np.zeros((0, 2))] * len(grouping.edges)
    for path, edges in grouping.block_edges.items():
        block, m = grouping.blocks[path], measured[path]
        slot = {item: k for k, item in enumerate(block.items)}
        for e, a, b in edges:
            src, dst, kind = grouping.edges[e]
            middle = m.controls[(slot[a], slot[b], _item_kind(kind, a, b))] + shift.get(
                path, np.zeros(2)
            )
            routes[e] = _route(grouping, src, dst, middle, pos, rects, shut, (ax, cx))
    return pos, routes, {p: tuple(float(v) for v in r) for p, r in rects.items()}  # type: ignore[misc]


def _compact(compact: Mapping[str, tuple[float, float]], path: str) -> np.ndarray:
    return np.asarray(compact.get(path, COLLAPSED_SIZE), dtype=float)


def _drawn(
    grouping: Grouping,
    measured: dict[str | None, _Measured],
    shift: dict[str | None, np.ndarray],
    slots: dict[str, np.ndarray],
    pos: np.ndarray,
    shut: set[str],
    hidden: set[str],
    compact: Mapping[str, tuple[float, float]],
) -> dict[str, np.ndarray]:
    """Each group's box: its slot along the layers; across them a collapsed group as
    wide as its compact box, an open one as its shown content (never past its slot,
    so nothing overlaps)."""
    ax, cx = _axes(grouping.direction)
    rects: dict[str, np.ndarray] = {}
    for path in sorted(grouping.chains, key=lambda p: -len(grouping.chains[p])):
        slot = slots.get(path)
        if slot is None:
            continue
        rect = slot.copy()
        lo_slot, hi_slot = slot[cx], slot[2 + cx]
        need = min(_compact(compact, path)[cx], hi_slot - lo_slot)
        if path in shut:
            mid = (lo_slot + hi_slot) / 2
            lo, hi = mid - need / 2, mid + need / 2
        elif path in hidden:
            lo, hi = lo_slot, hi_slot
        else:
            lo, hi = _content_across(grouping, measured[path], shift[path], path, pos, rects)
            header = GROUP_HEADER if cx == 1 else 0.0
            lo, hi = lo - GROUP_PAD - header, hi + GROUP_PAD
            if hi - lo < need:
                lo, hi = lo - (need - hi + lo) / 2, hi + (need - hi + lo) / 2
            lo, hi = max(lo, lo_slot), min(hi, hi_slot)
        rect[cx], rect[2 + cx] = lo, hi
        rects[path] = rect
    return rects


def _content_across(
    grouping: Grouping,
    m: _Measured,
    offset: np.ndarray,
    path: str,
    pos: np.ndarray,
    rects: dict[str, np.ndarray],
) -> tuple[float, float]:
    """The span across the layers of an open group's items and routes."""
    ax, cx = _axes(grouping.direction)
    block = grouping.blocks[path]
    lows, highs = [], []
    for item in block.items:
        if isinstance(item, str):
            lows.append(rects[item][cx])
            highs.append(rects[item][2 + cx])
        else:
            half = grouping.sizes[item][cx] / 2
            lows.append(pos[item][cx] - half)
            highs.append(pos[item][cx] + half)
    for points in m.controls.values():
        if len(points):
            lows.append(float(points[:, cx].min() + offset[cx]))
            highs.append(float(points[:, cx].max() + offset[cx]))
    return min(lows), max(highs)


def _border(rect: np.ndarray, toward: np.ndarray, axes: tuple[int, int]) -> np.ndarray:
    """Where an edge crosses a box's border: the side facing ``toward`` along the layers,
    at ``toward``'s place across them (clamped to the side, below the header)."""
    ax, cx = axes
    point = np.zeros(2)
    point[ax] = rect[2 + ax] if toward[ax] > (rect[ax] + rect[2 + ax]) / 2 else rect[ax]
    first = rect[cx] + (GROUP_HEADER if cx == 1 else 12.0)
    last = rect[2 + cx] - (8.0 if cx == 1 else 12.0)
    point[cx] = min(max(toward[cx], first), last) if first <= last else (first + last) / 2
    return point


def _route(
    grouping: Grouping,
    src: int,
    dst: int,
    middle: np.ndarray,
    pos: np.ndarray,
    rects: dict[str, np.ndarray],
    shut: set[str],
    axes: tuple[int, int],
) -> np.ndarray:
    """An edge's polyline: from its source (or the border of the collapsed box hiding
    it), out through the border of each open group around the source that the edge
    leaves, along the block's route, in through the open groups around the target."""
    ax, cx = axes
    cs, cd = grouping.node_chain[src], grouping.node_chain[dst]
    depth = _common(cs, cd)
    if any(p in shut for p in cs[:depth]):
        return np.array([pos[src], pos[dst]])
    side_s, side_d = cs[depth:], cd[depth:]
    shut_s = next((k for k, p in enumerate(side_s) if p in shut), len(side_s))
    shut_d = next((k for k, p in enumerate(side_d) if p in shut), len(side_d))
    toward_d = middle[0] if len(middle) else pos[dst]
    toward_s = middle[-1] if len(middle) else pos[src]
    start = pos[src] if shut_s == len(side_s) else _border(rects[side_s[shut_s]], toward_d, axes)
    end = pos[dst] if shut_d == len(side_d) else _border(rects[side_d[shut_d]], toward_s, axes)
    points = [start]
    for path in reversed(side_s[:shut_s]):
        aim = np.array(toward_d, float)
        aim[cx] = start[cx]
        points.append(_border(rects[path], aim, axes))
    points.extend(middle)
    entries = []
    for path in side_d[:shut_d]:
        aim = np.array(toward_s, float)
        aim[cx] = end[cx]
        entries.append(_border(rects[path], aim, axes))
    points.extend(entries)
    points.append(end)
    return np.array(points, dtype=float)
