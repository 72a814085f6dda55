"""Module groups in the graph scene: labelled boxes that expand and collapse.

Each :class:`~playground.core.graph_model.ModuleGroup` is a :class:`GroupItem`.
Expanded, it is a frame behind its nodes with the label in its header; collapsed, a
compact opaque box with the label and its parameters' ``‖grad‖`` lines, its inner
nodes and edges hidden and the edges that cross its border drawn from the box.
Opening or closing one re-places the items by :meth:`Layout.arrange
<playground.core.layout.Layout.arrange>` (no new layout): only what lies after the
group along the layers moves, and only along them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from playground.core.graph_model import AutogradGraph, ModuleGroup
from playground.core.layout import GROUP_HEADER, LR_GAP, Layout
from playground.core.module_groups import params_lines

if TYPE_CHECKING:
    from playground.ui.graph_view import EdgeItem, GraphScene

#: A graph with more nodes than this starts with every module group collapsed.
COLLAPSE_ABOVE_NODES = 150
_FRAME = QColor("#5b6b8c")
_FRAME_FILL = QColor(91, 107, 140, 14)
_BOX_FILL = QColor("#e6ebf5")
_HIGHLIGHT = QColor("#e0245e")
_GRAD_TEXT = QColor("#b3003c")
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ELIDE = Qt.TextElideMode.ElideRight
#: A collapsed box's width bounds (pixels) and the ``‖grad‖`` its width is made for
#: (so new values never resize it).
COMPACT_WIDTH = (110.0, 260.0)
_WIDEST_NORM = 0.0001234
_ROW = 16.0


class GroupItem(QGraphicsItem):
    """One module group's box: a frame when expanded, a filled box when collapsed."""

    def __init__(self, group: ModuleGroup, rect: QRectF, depth: int, font: QFont) -> None:
        super().__init__()
        self.group = group
        self._rect = rect
        self.depth = depth
        self._font = QFont(font)
        self._font.setBold(True)
        self._small = font
        self.collapsed = False
        #: The current backward step runs inside this collapsed group.
        self.current = False
        self.setZValue(-1 + depth * 0.01)

    @property
    def path(self) -> str:
        """The group's path (``encoder.0``)."""
        return self.group.path

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        """The reserved box, with room for the outline."""
        return self._rect.adjusted(-3, -3, 3, 3)

    def box(self) -> QRectF:
        """The group's box in scene coordinates."""
        return QRectF(self._rect)

    def set_rect(self, rect: QRectF) -> None:
        """Move or resize the box (the groups around it opened or closed)."""
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)

    def compact_size(self) -> tuple[float, float]:
        """``(width, height)`` of the box collapsed: its label, its ``‖grad‖`` lines
        (sized for any value) and a margin."""
        group = self.group
        lines = params_lines(
            group.params, (_WIDEST_NORM,) * len(group.params), group.path.split("@")[0]
        )
        bold, small = QFontMetricsF(self._font), QFontMetricsF(self._small)
        width = max(
            [bold.horizontalAdvance("▸ " + group.label)]
            + [small.horizontalAdvance(line) for line in lines]
        )
        width = min(max(width + 20, COMPACT_WIDTH[0]), COMPACT_WIDTH[1])
        return width, max(3 + _ROW * (1 + len(lines)) + 9, 34.0)

    def header(self) -> QRectF:
        """The clickable strip with the label (the whole box when collapsed)."""
        if self.collapsed:
            return QRectF(self._rect)
        return QRectF(self._rect.left(), self._rect.top(), self._rect.width(), GROUP_HEADER)

    def set_collapsed(self, on: bool) -> None:
        """Draw as one opaque box (over its hidden content) or as a frame."""
        if on != self.collapsed:
            self.collapsed = on
            self.setZValue(0.9 if on else -1 + self.depth * 0.01)
            self.update()

    def params_lines(self) -> list[str]:
        """``weight ‖grad‖=0.53``, ``bias ‖grad‖=0.1`` (see :func:`params_lines`)."""
        group = self.group
        return params_lines(group.params, group.grad_norms, group.path.split("@")[0])

    def lines(self) -> list[str]:
        """The text drawn: the label (with ▸ collapsed, ▾ expanded), then, collapsed,
        the parameters' gradient norms."""
        lines = [("▸ " if self.collapsed else "▾ ") + self.group.label]
        if self.collapsed:
            lines += self.params_lines()
        return lines

    def tooltip(self) -> str:
        """Label, how to toggle, and each parameter's ``‖grad‖``."""
        action = "expand" if self.collapsed else "collapse"
        rows = [self.group.label, f"click the header to {action}"]
        for name, norm in zip(self.group.params, self.group.grad_norms, strict=True):
            rows.append(f"{name}: ‖grad‖ = {'None' if norm is None else f'{norm:.6g}'}")
        return "\n".join(rows)

    def svg_elements(self) -> list[str]:
        """The box and its text for :mod:`playground.ui.graph_svg` (scene coordinates)."""
        r = self._rect
        fill = _BOX_FILL.name() if self.collapsed else _FRAME_FILL.name()
        opacity = "1" if self.collapsed else f"{_FRAME_FILL.alphaF():.3f}"
        dash = "" if self.collapsed else "stroke-dasharray:5 3;"
        stroke = (_HIGHLIGHT.name(), 3.0) if self.current else (_FRAME.name(), 1.2)
        out = [
            f'<rect x="{r.x():.1f}" y="{r.y():.1f}" width="{r.width():.1f}" '
            f'height="{r.height():.1f}" rx="8" style="fill:{fill};fill-opacity:{opacity};'
            f'stroke:{stroke[0]};stroke-width:{stroke[1]};{dash}"/>'
        ]
        metrics = QFontMetricsF(self._font)
        for k, line in enumerate(self.lines()):
            weight = "font-weight:bold;" if k == 0 else f"fill:{_GRAD_TEXT.name()};"
            y = r.top() + 3 + k * _ROW + 9 + (metrics.ascent() - metrics.descent()) / 2
            out.append(
                f'<text class="k" x="{r.left() + 8:.1f}" y="{y:.1f}" style="{weight}">'
                f"{escape(line)}</text>"
            )
        return out

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        """The frame or box, then the text when the zoom makes it readable."""
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        pen = QPen(_HIGHLIGHT if self.current else _FRAME, 3.0 if self.current else 1.2)
        if not self.collapsed:
            pen.setStyle(Qt.PenStyle.DashLine)
        if lod < 0.2:
            pen.setCosmetic(True)
            pen.setWidthF(1.0)
        painter.setPen(pen)
        painter.setBrush(QBrush(_BOX_FILL if self.collapsed else _FRAME_FILL))
        painter.drawRoundedRect(self._rect, 8, 8)
        if lod * 14 < 5.5:  # header text under 5.5 px: illegible
            return
        r = self._rect
        for k, line in enumerate(self.lines()):
            painter.setFont(self._font if k == 0 else self._small)
            painter.setPen(QColor("#1a1a1a") if k == 0 else _GRAD_TEXT)
            row = QRectF(r.left() + 8, r.top() + 3 + k * _ROW, r.width() - 16, 18)
            text = painter.fontMetrics().elidedText(line, _ELIDE, int(row.width()))
            painter.drawText(row, _LEFT, text)


def _chains(groups: Iterable[ModuleGroup]) -> dict[str, tuple[str, ...]]:
    """``{path: (outermost, …, path)}`` (groups come outer first)."""
    chains: dict[str, tuple[str, ...]] = {}
    for group in groups:
        base = chains.get(group.parent, ()) if group.parent is not None else ()
        chains[group.path] = (*base, group.path)
    return chains


class GroupLayer:
    """The scene's module groups: their items, which are collapsed, and where that puts
    every node, edge and box (:attr:`current`)."""

    def __init__(self, scene: GraphScene) -> None:
        self.scene = scene
        self.items: dict[str, GroupItem] = {}
        self.collapsed: set[str] = set()
        self._chains: dict[str, tuple[str, ...]] = {}
        self._node_chain: dict[str, tuple[str, ...]] = {}
        self._base: Layout | None = None
        self._compact: dict[str, tuple[float, float]] = {}
        #: The layout as drawn: :attr:`collapsed` applied to the scene's layout.
        self.current: Layout | None = None

    def build(self, graph: AutogradGraph, layout: Layout) -> None:
        """Make one item per group of ``graph`` (the scene was just cleared). The same
        groups as before (a re-run, an edit) stay as they were; otherwise all start
        collapsed when the graph has more than :data:`COLLAPSE_ABOVE_NODES` nodes, all
        expanded when fewer."""
        previous = set(self.items), set(self.collapsed)
        self.items.clear()
        self._base = self.current = layout
        self._chains = _chains(graph.groups)
        self._node_chain = {
            n.id: self._chains[n.group] for n in graph.nodes if n.group in self._chains
        }
        for group in graph.groups:
            rect = layout.groups.get(group.path)
            if rect is None:
                continue
            x0, y0, x1, y1 = rect
            depth = len(self._chains[group.path])
            item = GroupItem(group, QRectF(x0, y0, x1 - x0, y1 - y0), depth, self.scene.font)
            self.scene.addItem(item)
            self.items[group.path] = item
        self._compact = {path: item.compact_size() for path, item in self.items.items()}
        if previous[0] and previous[0] == set(self.items):
            self.collapsed = previous[1]
        elif len(graph.nodes) > COLLAPSE_ABOVE_NODES:
            self.collapsed = set(self.items)
        else:
            self.collapsed = set()
        self.apply()

    def update(self, graph: AutogradGraph) -> None:
        """New values for the same groups (e.g. the ‖grad‖ after a backward)."""
        for group in graph.groups:
            item = self.items.get(group.path)
            if item is not None:
                item.group = group
                item.update()
        self.apply()

    def rects(self) -> list[QRectF]:
        """Every shown group's box (for the scene's bounds)."""
        return [item.box() for item in self.items.values() if item.isVisible()]

    def owner(self, node_id: str) -> str | None:
        """The outermost collapsed group hiding ``node_id``, or ``None`` if it is shown."""
        for path in self._node_chain.get(node_id, ()):
            if path in self.collapsed:
                return path
        return None

    def set_expanded(self, path: str, expanded: bool) -> bool:
        """Open or close group ``path``; ``False`` if there is no such group."""
        if path not in self.items:
            return False
        if expanded:
            self.collapsed.discard(path)
        else:
            self.collapsed.add(path)
        self.apply()
        return True

    def set_all(self, collapsed: bool) -> None:
        """Collapse (or expand) every group."""
        self.collapsed = set(self.items) if collapsed else set()
        self.apply()

    def apply(self) -> None:
        """Place and show what the collapsed set leaves visible: boxes, nodes, edges."""
        if self._base is None or not self.items:
            return
        layout = self._base.arrange(self.collapsed, self._compact)
        self.current = layout
        hidden_groups = {
            path
            for path, chain in self._chains.items()
            if any(p in self.collapsed for p in chain[:-1])
        }
        for path, item in self.items.items():
            x0, y0, x1, y1 = layout.groups[path]
            item.set_rect(QRectF(x0, y0, x1 - x0, y1 - y0))
            item.setVisible(path not in hidden_groups)
            item.set_collapsed(path in self.collapsed)
        for (node_id, node), (x, y) in zip(self.scene.nodes.items(), layout.pos, strict=True):
            node.setVisible(self.owner(node_id) is None)
            if node.pos().x() != x or node.pos().y() != y:  # hidden: at its box's centre
                node.setPos(float(x), float(y))
        across = self.scene.direction == "LR"
        rows: dict[str, int] = {}
        for edge, route in zip(self.scene.edges, layout.routes, strict=True):
            self._show_edge(edge, route, across, rows)
        self.scene.refresh_bounds()

    def drawn_target(self, node_id: str) -> str:
        """What an edge into ``node_id`` is drawn to: the node, or the collapsed box
        hiding it (its path)."""
        owner = self.owner(node_id)
        return node_id if owner is None else owner

    def _show_edge(
        self, edge: EdgeItem, route: np.ndarray, across: bool, rows: dict[str, int]
    ) -> None:
        src, dst = self.owner(edge.edge.src), self.owner(edge.edge.dst)
        if src is not None and src == dst:
            edge.setVisible(False)
            return
        edge.setVisible(True)
        box = self.items[dst].box() if dst is not None else None
        if edge.beside is not None and src is None and dst is None:
            points = self.scene.edge_points(edge, route, across)
        else:
            points = self._clipped(edge, route, src is None, dst is None, across)
        changed = points != edge.current_points or (box, edge.target_box).count(None) == 1
        changed = changed or (box is not None and box != edge.target_box)
        edge.target_box = box
        if across and edge.target is not None:
            width = box.width() if box is not None else 2 * edge.target.node_half_width()
            edge.label_room = LR_GAP - 8 + width
        if changed:
            edge.set_points(points)
        if across and edge.gradient is not None:
            target = dst or edge.edge.dst
            row = rows.get(target, 0)
            rows[target] = row + 1
            changed = changed or row != edge.label_row
            edge.set_label_row(row)
        if changed:
            edge.set_gradient(edge.gradient)  # the label follows the edge

    def _clipped(
        self, edge: EdgeItem, route: np.ndarray, src_shown: bool, dst_shown: bool, across: bool
    ) -> list[list[float]]:
        """``route`` with each shown end clipped to its node's box (a collapsed box's
        end is already on its border)."""
        points = route.tolist()
        side = 1 if across else 0
        nodes = self.scene.nodes
        if src_shown:
            item = nodes[edge.edge.src]
            half = item.node_half_width() if across else item.node_half_height()
            points[0][1 - side] += half
            points[0][side] += edge.offset
        if dst_shown:
            item = nodes[edge.edge.dst]
            half = item.node_half_width() if across else item.node_half_height()
            points[-1][1 - side] -= half
            points[-1][side] += edge.offset
        return points

    def expanded(self) -> list[str]:
        """Paths of the groups shown open (not collapsed, no collapsed group around them)."""
        return [p for p, item in self.items.items() if item.isVisible() and not item.collapsed]

    def mark_current(self, node_id: str | None) -> None:
        """Outline the collapsed group that hides ``node_id`` (the step running in it)."""
        owner = self.owner(node_id) if node_id is not None else None
        for path, item in self.items.items():
            on = path == owner
            if on != item.current:
                item.current = on
                item.update()
