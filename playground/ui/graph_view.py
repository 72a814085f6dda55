"""The autograd graph as a ``QGraphicsView``: node and edge items, legend, zoom, LOD.

One item per node (painted by hand: shape by kind, text only when zoomed in enough)
and one path item per edge (gradient label after a backward). Tooltips are made
lazily on hover so thousands of items cost nothing until looked at.

Everything drawn is plain data: the graph's tensors (values, ``.grad``, the gradients of
a trace) are :class:`playground.protocol.views.TensorView` objects, whose ``summary``
(compact) and ``text`` (PyTorch's own repr) the kernel made.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from playground.core.graph_model import (
    WHY_DETACHED,
    WHY_NEVER,
    WHY_NO_GRAD,
    AutogradGraph,
    GraphEdge,
    GraphNode,
    gc_paused,
)
from playground.core.layout import LR_GAP, Layout
from playground.core.trace_model import BackwardTrace, TraceStep
from playground.ui.graph_groups import GroupItem, GroupLayer

# Enum members looked up once: PySide6 enum attribute access is slow in hot loops.
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_CENTER = Qt.AlignmentFlag.AlignCenter
_DASH = Qt.PenStyle.DashLine
_DOT = Qt.PenStyle.DotLine
_VCENTER = Qt.AlignmentFlag.AlignVCenter

#: Text whose line would be drawn shorter than this many screen pixels is left out
#: (nodes keep their coloured shapes, edges lose their labels): it is illegible anyway,
#: and big graphs stay smooth when zoomed out.
MIN_TEXT_PX = 5.5
#: ``fit()`` never zooms out further than this line height on screen (it scrolls
#: instead), except for a graph of at most :data:`FIT_WHOLE_NODES` nodes.
READABLE_TEXT_PX = 8.3
#: ``fit()`` always shows the whole of a graph this small, however small its text.
FIT_WHOLE_NODES = 30


#: English plurals that are not ``word + "s"``.
IRREGULAR_PLURALS = {"leaf": "leaves"}
_PLURAL_WORD = re.compile(r"(\w+)\(s\)")


def plural(text: str, n: int) -> str:
    """English plurals in a Qt ``%n`` count text no translator has translated.

    ``tr("%n node(s)", "", n)`` gives ``"1 node(s)"`` in English (Qt fills in ``%n``,
    and only a translation has plural forms); here ``word(s)`` becomes ``word`` for 1
    and ``words`` (``leaves``) otherwise. A translated text has no ``(s)``: unchanged."""
    if "(s)" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        word = match.group(1)
        return word if n == 1 else IRREGULAR_PLURALS.get(word, word + "s")

    return _PLURAL_WORD.sub(one, text)


def summary_of(view: Any) -> str:
    """The compact text of a tensor view (``"None"`` for none)."""
    return "None" if view is None else view.summary


def text_of(view: Any) -> str:
    """PyTorch's text of a tensor view (``"None"`` for none)."""
    return "None" if view is None else view.text


def legend_text(style: KindStyle) -> str:
    """The legend text of *style* in the interface language (English without a translator)."""
    return QCoreApplication.translate("GraphLegend", style.legend)


@dataclass(frozen=True)
class KindStyle:
    """How one node kind looks, and what the legend calls it."""

    fill: str
    border: str
    shape: str  # "round", "pill", "hexagon", "box"
    legend: str
    dashed: bool = False


STYLES: dict[str, KindStyle] = {
    "leaf": KindStyle(
        "#d7f2d3", "#2e7d32", "round", QT_TRANSLATE_NOOP("GraphLegend", "leaf (requires grad)")
    ),
    "nonleaf": KindStyle(
        "#d9e7ff", "#1f5fbf", "round", QT_TRANSLATE_NOOP("GraphLegend", "non-leaf tensor")
    ),
    "nograd": KindStyle(
        "#ededed",
        "#7a7a7a",
        "round",
        QT_TRANSLATE_NOOP("GraphLegend", "no grad (disconnected)"),
        True,
    ),
    "backward": KindStyle(
        "#ffe2bf", "#c25700", "pill", QT_TRANSLATE_NOOP("GraphLegend", "backward node")
    ),
    "accumulate": KindStyle("#eadcff", "#6a3fb5", "hexagon", "AccumulateGrad"),
    "saved": KindStyle(
        "#fff4bd", "#9a7d00", "box", QT_TRANSLATE_NOOP("GraphLegend", "saved tensor"), True
    ),
}
EDGE_COLORS = {"next": "#555555", "grad_fn": "#1f5fbf", "variable": "#6a3fb5", "saved": "#9a7d00"}
HIGHLIGHT = QColor("#e0245e")
SELECTED = QColor("#0a84ff")
FLASH = QColor("#ffd400")
#: The outline of the nodes where a gradient's path is cut ("why is this gradient None?").
CUT = QColor("#d62728")
GRAD_TEXT = QColor("#b3003c")

NODE_WIDTH = 168.0
LINE_HEIGHT = 15.0
#: Left-to-right layouts size each box to its text: at least this wide, and a leaf that
#: requires grad at least LEAF_WIDTH (room for a 4-value ``.grad`` after a backward).
MIN_NODE_WIDTH = 84.0
MAX_NODE_WIDTH = 200.0
LEAF_WIDTH = 150.0


def text_lod(font: QFont, min_px: float = MIN_TEXT_PX) -> float:
    """The zoom below which a line of ``font`` would be less than ``min_px`` tall."""
    return min_px / QFontMetricsF(font).height()


_FONT_INFO: dict[int, tuple[QFont, QFontMetricsF, float]] = {}


def _font_info(font: QFont) -> tuple[QFontMetricsF, float]:
    """Metrics and text LOD of ``font``, made once per font object (thousands of items
    share the scene's font; the font is kept in the cache so its id stays unique)."""
    info = _FONT_INFO.get(id(font))
    if info is None or info[0] is not font:
        info = (font, QFontMetricsF(font), text_lod(font))
        _FONT_INFO[id(font)] = info
    return info[1], info[2]


def node_width(node: GraphNode, metrics: QFontMetricsF) -> float:
    """Box width for ``node`` in a left-to-right layout, from its value-free text (its
    name, shape, kind), so that editing values never changes the layout."""
    lines = [ln for ln in node_lines(node) if not ln.startswith("grad ")]
    width = max((metrics.horizontalAdvance(ln) for ln in lines), default=0.0) + 18
    if node.kind == "leaf":
        width = max(width, LEAF_WIDTH, _grad_room(node, metrics))
    return float(min(max(width, MIN_NODE_WIDTH), MAX_NODE_WIDTH))


def _grad_room(node: GraphNode, metrics: QFontMetricsF) -> float:
    """Room for the ``.grad`` line a backward will add, from the leaf's shape only: one
    typical 5-character value per element it lists (``grad [2.718, 7.389, 20.09]``)."""
    count = 1
    for size in node.shape or ():
        count *= size
    if count > 4:  # summarized as "2×2 ‖·‖=…", not listed
        return 0.0
    listed = ", ".join(["-0.000"] * max(count, 1))
    return metrics.horizontalAdvance(f"grad [{listed}]") + 18


#: The kernel's words in node labels, translated in the window (context ``GraphView``).
_KERNEL_WORDS = {
    "scalar": QT_TRANSLATE_NOOP("GraphView", "scalar"),
    "(unnamed)": QT_TRANSLATE_NOOP("GraphView", "(unnamed)"),
    WHY_NO_GRAD: QT_TRANSLATE_NOOP("GraphView", "made under no_grad"),
    WHY_DETACHED: QT_TRANSLATE_NOOP("GraphView", "detached"),
    WHY_NEVER: QT_TRANSLATE_NOOP("GraphView", "never required grad"),
    # playground.core.graph's text for a saved value the backward freed:
    "freed by backward (use retain_graph=True to keep it)": QT_TRANSLATE_NOOP(
        "GraphView", "freed by backward (use retain_graph=True to keep it)"
    ),
}


def kernel_words(text: str) -> str:
    """*text* (a label line or reason the kernel sent) in the interface's language, when
    it is one of the kernel's fixed words; else unchanged (names, shapes)."""
    source = _KERNEL_WORDS.get(text)
    return QCoreApplication.translate("GraphView", source) if source else text


def node_lines(node: GraphNode) -> list[str]:
    """The text lines drawn inside a node."""
    lines = [kernel_words(line) for line in node.label.split("\n")]
    if node.kind in ("leaf", "nonleaf", "nograd"):
        lines[-1] = f"{lines[-1]} {node.dtype}" if node.dtype != "float32" else lines[-1]
        if node.grad is not None:
            lines.append(f"grad {summary_of(node.grad)}")
        if node.why:
            lines.append(kernel_words(node.why))
        if node.hooks:
            text = QCoreApplication.translate("GraphView", "%n hook(s)", "", node.hooks)
            lines.append(plural(text, node.hooks))
    elif node.kind == "backward":
        where = [part for part in (node.module, _line_text(node.line)) if part]
        if where:
            lines.append(" · ".join(where))
        if node.custom:
            lines.append(QCoreApplication.translate("GraphView", "custom backward"))
    return lines


def _line_text(line: int | None) -> str:
    if line is None:
        return ""
    return QCoreApplication.translate("GraphView", "line {line}").format(line=line)


def node_tooltip(node: GraphNode) -> str:
    """Full text for hovering a node (values in PyTorch's own format)."""
    translate = QCoreApplication.translate
    parts = ["  ".join(kernel_words(line) for line in node.label.split("\n"))]
    if node.kind in ("leaf", "nonleaf", "nograd", "saved"):
        parts.append(f"dtype {node.dtype}, requires_grad={node.requires_grad}")
        parts.append(text_of(node.value))
    if node.grad is not None:
        parts.append(f".grad = {text_of(node.grad)}")
    if node.why:
        why = kernel_words(node.why)
        parts.append(translate("GraphView", "not in the graph: {why}").format(why=why))
    if node.line is not None:
        parts.append(translate("GraphView", "created at line {line}").format(line=node.line))
    if node.module:
        module = translate("GraphView", "inside the module {module}")
        parts.append(module.format(module=node.module))
    if node.custom:
        parts.append(
            translate("GraphView", "a custom autograd.Function: its backward is your Python code")
        )
    if node.hooks:
        hooks = translate(
            "GraphView",
            "%n hook(s) registered with register_hook: they run on its gradient",
            "",
            node.hooks,
        )
        parts.append(plural(hooks, node.hooks))
    return "\n".join(parts)


class NodeItem(QGraphicsItem):
    """One graph node: shape by kind, text when zoomed in, highlight states."""

    def __init__(
        self, node: GraphNode, center: QPointF, font: QFont, width: float | None = None
    ) -> None:
        super().__init__()
        self._font = font
        self._metrics, self._lod = _font_info(font)
        self._width = width
        self._rect = QRectF()
        self._shown: list[str] | None = None  # elided lines, made on first paint
        self.set_node(node)
        self.setPos(center)
        self.setFlag(_SELECTABLE, True)
        self.current = False
        self.flashing = False
        self.done = False
        #: Part of a highlighted cut, with the sentence its tooltip adds.
        self.cut = False
        self.cut_tip = ""
        self.setZValue(1)

    def set_node(self, node: GraphNode) -> bool:
        """Show ``node`` (same id, new values); return whether the box's height changed."""
        self.node = node
        self.lines = node_lines(node)
        self.style = STYLES[node.kind]
        height = LINE_HEIGHT * len(self.lines) + 10
        width = self._width or (NODE_WIDTH if node.kind != "saved" else NODE_WIDTH * 0.8)
        changed = height != self._rect.height()
        if changed or width != self._rect.width():
            self.prepareGeometryChange()
            self._rect = QRectF(-width / 2, -height / 2, width, height)
        self._shown = None
        self.update()
        return changed

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        """The node's box plus room for the highlight outline."""
        return self._rect.adjusted(-4, -4, 4, 4)

    def node_half_height(self) -> float:
        """Half the node's height (edges end at its top and bottom)."""
        return self._rect.height() / 2

    def node_half_width(self) -> float:
        """Half the node's width (left-to-right edges end at its sides)."""
        return self._rect.width() / 2

    def text_rect(self, line: int = 0) -> QRectF:
        """Where text line ``line`` is drawn, in item coordinates."""
        r = self._rect.adjusted(8, 5, -8, -5)
        return QRectF(r.left(), r.top() + line * LINE_HEIGHT, r.width(), LINE_HEIGHT)

    def shown_lines(self) -> list[str]:
        """The text lines as drawn (elided to the box's width)."""
        if self._shown is None:
            room = self._rect.width() - 16
            self._shown = [self._metrics.elidedText(ln, _ELIDE_RIGHT, room) for ln in self.lines]
        return self._shown

    def shape_path(self) -> QPainterPath:
        """Outline of the node's shape."""
        path = QPainterPath()
        r = self._rect
        if self.style.shape == "pill":
            path.addRoundedRect(r, r.height() / 2, r.height() / 2)
        elif self.style.shape == "hexagon":
            d = r.height() / 2
            path.addPolygon(
                QPolygonF(
                    [
                        QPointF(r.left() + d, r.top()),
                        QPointF(r.right() - d, r.top()),
                        QPointF(r.right(), r.center().y()),
                        QPointF(r.right() - d, r.bottom()),
                        QPointF(r.left() + d, r.bottom()),
                        QPointF(r.left(), r.center().y()),
                    ]
                )
            )
            path.closeSubpath()
        elif self.style.shape == "box":
            path.addRect(r)
        else:
            path.addRoundedRect(r, 7, 7)
        return path

    def shape(self) -> QPainterPath:  # Qt override
        """Hit area = the drawn shape."""
        return self.shape_path()

    def tooltip(self) -> str:
        """Made on hover only."""
        if self.cut and self.cut_tip:
            return f"{self.cut_tip}\n\n{node_tooltip(self.node)}"
        return node_tooltip(self.node)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        """Draw the shape, then the text when the zoom allows it."""
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        fill = QColor(FLASH) if self.flashing else QColor(self.style.fill)
        if self.done and not self.current:
            fill = fill.darker(108)
        if self.current:
            pen = QPen(HIGHLIGHT, 3.5)
        elif self.cut:
            pen = QPen(CUT, 3.0, Qt.PenStyle.DashLine)
        elif self.isSelected():
            pen = QPen(SELECTED, 3.0)
        else:
            pen = QPen(QColor(self.style.border), 1.4)
            if self.style.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
        painter.setBrush(QBrush(fill))
        if lod < self._lod:
            pen.setCosmetic(True)  # stays visible however far out we zoom
            pen.setWidthF(2.0 if (self.current or self.isSelected()) else 1.0)
            painter.setPen(pen)
            if lod < 0.12:
                painter.drawRect(self._rect)
            else:
                painter.drawPath(self.shape_path())
            return
        painter.setPen(pen)
        painter.drawPath(self.shape_path())
        painter.setFont(self._font)
        for k, (line, text) in enumerate(zip(self.lines, self.shown_lines(), strict=True)):
            painter.setPen(_GRAD_PEN if line.startswith("grad ") else _TEXT_PEN)
            painter.drawText(self.text_rect(k), _CENTER, text)


def _smooth_path(points: list[list[float]], across: bool = False) -> QPainterPath:
    """A curve through the polyline with vertical tangents at every point (horizontal
    ones when ``across``, for left-to-right layouts)."""
    x0, y0 = points[0]
    path = QPainterPath()
    path.moveTo(x0, y0)
    if len(points) == 2 and points[1][1 if across else 0] == (y0 if across else x0):
        path.lineTo(points[1][0], points[1][1])
        return path
    for x1, y1 in points[1:]:
        if across:
            dx = (x1 - x0) / 2
            path.cubicTo(x0 + dx, y0, x1 - dx, y1, x1, y1)
        else:
            dy = (y1 - y0) / 2
            path.cubicTo(x0, y0 + dy, x1, y1 - dy, x1, y1)
        x0, y0 = x1, y1
    return path


class EdgeLabel(QGraphicsItem):
    """The gradient value on an edge: a small white box, hidden when zoomed out.

    ``anchor`` is the box's left end, vertically centred (``above``: its bottom-left
    corner); text wider than ``max_width`` is elided (hover shows it in full)."""

    def __init__(
        self,
        text: str,
        anchor: QPointF,
        font: QFont,
        max_width: float = 1e9,
        above: bool = False,
    ) -> None:
        super().__init__()
        self.text = text
        self._font = font
        metrics, self._lod = _font_info(font)
        width = min(metrics.horizontalAdvance(text) + 8, max_width)
        self.shown = metrics.elidedText(text, _ELIDE_RIGHT, width - 6)
        top = anchor.y() - 16 if above else anchor.y() - 8
        self._rect = QRectF(anchor.x() + 4, top, width, 16)
        self.setZValue(2)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        """The label box."""
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        """Box and text, only when the zoom makes it readable."""
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < self._lod:
            return
        painter.setBrush(_LABEL_FILL)
        painter.setPen(QPen(GRAD_TEXT, 0.8))
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setFont(self._font)
        painter.drawText(self._rect, _CENTER, self.shown)

    def tooltip(self) -> str:
        """The edge's tooltip (full value)."""
        parent = self.parentItem()
        return parent.tooltip() if isinstance(parent, EdgeItem) else self.text


class EdgeItem(QGraphicsPathItem):
    """One edge (curve + arrow head, drawn by Qt itself) and, after a backward, a
    label with the gradient that flowed along it."""

    def __init__(
        self,
        edge: GraphEdge,
        points: list[list[float]],
        font: QFont,
        label_row: int = 0,
        label_dx: float = 0.0,
        across: bool = False,
        defer: bool = False,
    ) -> None:
        super().__init__()
        self.edge = edge
        self.gradient = None
        self.label: EdgeLabel | None = None
        self._font = font
        self._across = across
        # Top-down: labels beside the edge's middle, parallel ones stacked downwards.
        # Left-to-right: above the target's top-left corner (a free band between rows),
        # several into one target stacked upwards.
        self._label_offset = QPointF(label_dx, -17 * label_row if across else 17 * label_row)
        self._label_row = label_row
        self.label_room = 1e9
        self.target: NodeItem | None = None  # the arrow's node (labels sit above it)
        self.highlighted = False
        self.offset = 0.0  # sideways shift of a parallel edge (``a * a``)
        #: A saved tensor beside its node: ``(node item, saved items between them)``;
        #: drawn as a short straight polyline (see :func:`beside_points`).
        self.beside: tuple[NodeItem, list[NodeItem]] | None = None
        #: The points drawn, and the collapsed group's box the edge ends on (if any).
        self.current_points: list[list[float]] = []
        self.target_box: QRectF | None = None
        if not defer:
            self.set_points(points)
        self.setPen(_EDGE_PENS[edge.kind])

    def set_points(self, points: list[list[float]]) -> None:
        """Route the curve through ``points`` (first = source, last = target)."""
        self.current_points = points
        if self.beside is not None:
            self.setPath(_polyline_path(points))
            self._mid = QPointF(*points[-1])
            return
        path = _smooth_path(points, self._across)
        x, y = points[-1]
        if self._across:
            lift = self.target.node_half_height() + 1 if self.target is not None else 8
            if self.target_box is not None:  # above the collapsed box it enters
                lift = y - self.target_box.top() + 1
            # above the target's box, whatever the parallel shift of this edge
            self._mid = QPointF(x - LR_GAP, y - self.offset - lift) + self._label_offset
            path.moveTo(x - 8, y - 4.5)
            path.lineTo(x, y)
            path.lineTo(x - 8, y + 4.5)
        else:
            # Label anchor at mid-path; parallel edges (``a * a``) stack their labels.
            self._mid = path.pointAtPercent(0.5) + self._label_offset
            path.moveTo(x - 4.5, y - 8)
            path.lineTo(x, y)
            path.lineTo(x + 4.5, y - 8)
        self.setPath(path)

    def set_label_row(self, row: int) -> None:
        """Left to right: stack this edge's label ``row`` rows above its target (takes
        effect with the next :meth:`set_gradient`)."""
        if self._across and row != self._label_row:
            shift = QPointF(0, -17 * (row - self._label_row))
            self._label_offset += shift
            self._mid += shift
            self._label_row = row

    @property
    def label_row(self) -> int:
        """Left to right: how many labels sit below this one above its target."""
        return self._label_row

    @property
    def label_text(self) -> str:
        """The gradient label shown on the edge (``""`` when none)."""
        return self.label.text if self.label is not None else ""

    def set_gradient(self, gradient) -> None:
        """Show ``gradient`` (a tensor view, or ``None`` to clear) as this edge's label."""
        self.gradient = gradient
        if self.label is not None:
            self.label.setParentItem(None)
            if self.scene() is not None:
                self.scene().removeItem(self.label)
            self.label = None
        if gradient is not None:
            self.label = EdgeLabel(
                summary_of(gradient),
                self._mid,
                self._font,
                max_width=self.label_room,
                above=self._across,
            )
            self.label.setParentItem(self)

    def set_highlight(self, on: bool) -> None:
        """Draw the edge thick and red (the current step's in/out edges)."""
        if on == self.highlighted:
            return
        self.highlighted = on
        self.setPen(_HIGHLIGHT_PEN if on else _EDGE_PENS[self.edge.kind])
        self.setZValue(0.5 if on else 0)

    def tooltip(self) -> str:
        """Made on hover only."""
        head = f"{self.edge.src} → {self.edge.dst} ({self.edge.kind})"
        if self.gradient is None:
            return head
        flowed = QCoreApplication.translate("GraphView", "gradient that flowed here:")
        return f"{head}\n{flowed}\n{text_of(self.gradient)}"


def _edge_pen(kind: str) -> QPen:
    pen = QPen(QColor(EDGE_COLORS[kind]), 1.3)
    if kind in ("grad_fn", "saved"):
        pen.setStyle(_DOT)
    elif kind == "variable":
        pen.setStyle(_DASH)
    return pen


_EDGE_PENS = {kind: _edge_pen(kind) for kind in EDGE_COLORS}
_HIGHLIGHT_PEN = QPen(HIGHLIGHT, 3.0)
_LABEL_FILL = QColor(255, 255, 255, 225)
_TEXT_PEN = QColor("#1a1a1a")
_GRAD_PEN = GRAD_TEXT


def _polyline_path(points: list[list[float]]) -> QPainterPath:
    """Straight segments through ``points``, with an arrow head along the last one."""
    path = QPainterPath()
    path.moveTo(*points[0])
    for x, y in points[1:]:
        path.lineTo(x, y)
    (x0, y0), (x1, y1) = points[-2], points[-1]
    length = max(float(np.hypot(x1 - x0, y1 - y0)), 1e-9)
    dx, dy = (x1 - x0) / length, (y1 - y0) / length
    path.moveTo(x1 - 8 * dx - 4.5 * dy, y1 - 8 * dy + 4.5 * dx)
    path.lineTo(x1, y1)
    path.lineTo(x1 - 8 * dx + 4.5 * dy, y1 - 8 * dy - 4.5 * dx)
    return path


def beside_points(
    node: NodeItem, box: NodeItem, nearer: list[NodeItem], across: bool
) -> list[list[float]]:
    """The edge from backward node ``node`` to a saved tensor ``box`` placed beside it
    (``nearer``: its other saved tensors between them, on the same side).

    Left to right the boxes hang below the node in its column: the nearest by a
    vertical line, the others by a branch down the column's left side. Top-down they
    sit in the node's row: the nearest on each side by a horizontal line, the others
    by a line passing under the nearer boxes."""
    o, b = node.pos(), box.pos()
    if across:
        bottom = o.y() + node.node_half_height()
        if not nearer:
            return [[o.x(), bottom], [o.x(), b.y() - box.node_half_height()]]
        first = nearer[0]
        mid = (bottom + first.pos().y() - first.node_half_height()) / 2
        bus = min(i.pos().x() - i.node_half_width() for i in [*nearer, box]) - 8
        return [
            [o.x(), bottom],
            [o.x(), mid],
            [bus, mid],
            [bus, b.y()],
            [b.x() - box.node_half_width(), b.y()],
        ]
    side = 1.0 if b.x() > o.x() else -1.0
    if not nearer:
        return [
            [o.x() + side * node.node_half_width(), o.y()],
            [b.x() - side * box.node_half_width(), b.y()],
        ]
    below = max(i.pos().y() + i.node_half_height() for i in [node, *nearer, box]) + 10
    start = o.x() + side * max(node.node_half_width() - node.node_half_height(), 0.0)
    return [
        [start, o.y() + node.node_half_height()],
        [start, below],
        [b.x(), below],
        [b.x(), b.y() + box.node_half_height()],
    ]


def _beside_groups(
    graph: AutogradGraph, layout: Layout, items: dict[str, NodeItem]
) -> dict[int, tuple[NodeItem, list[NodeItem]]]:
    """For each saved edge whose box the layout put beside its node (same column left
    to right, same row top-down): ``{edge index: (node item, nearer boxes)}``."""
    along = 0 if layout.direction == "LR" else 1
    sides: dict[tuple[str, float], list[tuple[float, int, NodeItem]]] = {}
    for e, (edge, route) in enumerate(zip(graph.edges, layout.routes, strict=True)):
        if edge.kind != "saved" or len(route) != 2 or route[0][along] != route[1][along]:
            continue
        delta = float(route[1][1 - along] - route[0][1 - along])
        if delta == 0:
            continue
        sides.setdefault((edge.src, np.sign(delta)), []).append((abs(delta), e, items[edge.dst]))
    out = {}
    for (src, _side), boxes in sides.items():
        boxes.sort(key=lambda t: t[0])
        for k, (_d, e, _box) in enumerate(boxes):
            out[e] = (items[src], [b for _, _, b in boxes[:k]])
    return out


def _edge_points(
    edge: GraphEdge,
    route: np.ndarray,
    items: dict[str, NodeItem],
    offset: float,
    across: bool = False,
) -> list[list[float]]:
    """Route clipped to the bottom of the source and the top of the target (to the
    right side of the source and the left side of the target when ``across``)."""
    points = route.tolist()
    side = 1 if across else 0
    if across:
        points[0][0] += items[edge.src].node_half_width()
        points[-1][0] -= items[edge.dst].node_half_width()
    else:
        points[0][1] += items[edge.src].node_half_height()
        points[-1][1] -= items[edge.dst].node_half_height()
    points[0][side] += offset
    points[-1][side] += offset
    return points


def layout_bounds(layout: Layout, lines: np.ndarray, widths: np.ndarray | None = None) -> QRectF:
    """The scene rectangle of ``layout``: node boxes (``lines`` text lines tall, ``widths``
    wide, or :data:`NODE_WIDTH` top-down), edge routes, and room for edge labels."""
    if not len(layout.pos):
        return QRectF(0, 0, 1, 1)
    half_h = (np.asarray(lines) * LINE_HEIGHT + 10) / 2
    half_w = np.asarray(widths) / 2 if widths is not None else NODE_WIDTH / 2
    lo = np.column_stack([layout.pos[:, 0] - half_w, layout.pos[:, 1] - half_h]).min(axis=0)
    hi = np.column_stack([layout.pos[:, 0] + half_w, layout.pos[:, 1] + half_h]).max(axis=0)
    for route in layout.routes:
        if len(route) > 2:
            lo = np.minimum(lo, route.min(axis=0))
            hi = np.maximum(hi, route.max(axis=0))
    margin = 16.0
    # labels: beside top-down edges (to the right), above left-to-right targets
    extra_right, extra_top = (0.0, 34.0) if layout.direction == "LR" else (70.0, 0.0)
    return QRectF(
        lo[0] - margin,
        lo[1] - margin - extra_top,
        hi[0] - lo[0] + 2 * margin + extra_right,
        hi[1] - lo[1] + 2 * margin + extra_top,
    )


def fit_scale(bounds: QRectF, width: float, height: float) -> float:
    """The zoom that fits ``bounds`` in a ``width`` × ``height`` view (at most 1:1)."""
    if bounds.isEmpty():
        return 1.0
    return min(width / bounds.width(), height / bounds.height(), 1.0)


class GraphScene(QGraphicsScene):
    """Items for one graph + layout, with lookups by node id."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setBackgroundBrush(QColor("#fbfbfb"))
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self.font = QFont()
        self.font.setPointSizeF(8.5)
        self.graph: AutogradGraph | None = None
        self._layout: Layout | None = None
        #: Centre of the outputs' row (top-down) or column (left-to-right): where a
        #: graph too big for the view is first shown.
        self.start = QPointF()
        self.direction = "TB"
        #: The module groups' boxes and which are collapsed.
        self.group_layer = GroupLayer(self)

    def node_widths(self, graph: AutogradGraph) -> np.ndarray:
        """Box width of every node of ``graph`` in a left-to-right layout (pass it to
        :func:`~playground.core.layout.layout_graph` as ``widths``)."""
        metrics = QFontMetricsF(self.font)
        return np.array([node_width(node, metrics) for node in graph.nodes], dtype=float)

    def build(self, graph: AutogradGraph, layout: Layout) -> None:
        """Show ``graph`` placed by ``layout``: new items, or, when only values changed
        (same shape, same positions), the existing items updated in place."""
        if (
            self.graph is not None
            and self._layout is not None
            and self.graph.shape_key() == graph.shape_key()
            and np.array_equal(self._layout.pos, layout.pos)
        ):
            self._update(graph, layout)
            return
        self._layout = layout
        with gc_paused():
            # Without an index, clearing and adding 20,000 items skips the BSP tree
            # updates; the tree is rebuilt once, lazily, when first queried.
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
            self._build(graph, layout)
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)

    def _update(self, graph: AutogradGraph, layout: Layout) -> None:
        self.show_step(None, None)
        self.graph = graph
        resized = {node.id for node in graph.nodes if self.nodes[node.id].set_node(node)}
        across = layout.direction == "LR"
        for item, edge, route in zip(self.edges, graph.edges, layout.routes, strict=True):
            item.edge = edge
            if item.label is not None:
                item.set_gradient(None)
            if edge.src in resized or edge.dst in resized or item.beside is not None:
                item.set_points(self.edge_points(item, route, across))
        self.group_layer.update(graph)
        if resized:
            self.refresh_bounds()

    def _build(self, graph: AutogradGraph, layout: Layout) -> None:
        self.clear()
        self.nodes.clear()
        self.edges.clear()
        self.graph = graph
        self.direction = layout.direction
        across = layout.direction == "LR"
        widths = self.node_widths(graph) if across else [None] * len(graph.nodes)
        for node, (x, y), width in zip(graph.nodes, layout.pos, widths, strict=True):
            item = NodeItem(node, QPointF(x, y), self.font, width)
            self.addItem(item)
            self.nodes[node.id] = item
        pairs = Counter((e.src, e.dst) for e in graph.edges)
        seen: dict[tuple[str, str], int] = {}
        into: dict[str, int] = {}  # labelled edges so far into each target (left-to-right)
        beside = _beside_groups(graph, layout, self.nodes)
        for e, (edge, route) in enumerate(zip(graph.edges, layout.routes, strict=True)):
            k = seen.get((edge.src, edge.dst), 0)
            seen[(edge.src, edge.dst)] = k + 1
            # parallel edges (``a * a``) side by side, their labels stacked to the right
            offset = 0.0 if k == 0 else (14.0 if k % 2 else -14.0) * ((k + 1) // 2)
            points = _edge_points(edge, route, self.nodes, offset, across)
            target = self.nodes[edge.dst]
            if across:
                # Only "next" edges share a target; a grad_fn edge is labelled only
                # into a root, which no "next" edge enters.
                row = into.get(edge.dst, 0) if edge.kind == "next" else 0
                if edge.kind == "next":
                    into[edge.dst] = row + 1
                item = EdgeItem(edge, [], self.font, label_row=row, across=True, defer=True)
                item.label_room = LR_GAP - 8 + 2 * target.node_half_width()
            else:
                label_dx = 14.0 - offset if pairs[(edge.src, edge.dst)] > 1 else 0.0
                item = EdgeItem(edge, [], self.font, label_row=k, label_dx=label_dx, defer=True)
            item.target = target
            item.offset = offset
            item.beside = beside.get(e)
            item.set_points(self.edge_points(item, route, across) if item.beside else points)
            self.addItem(item)
            self.edges.append(item)
        self.group_layer.build(graph, layout)
        self.refresh_bounds()

    def refresh_bounds(self) -> None:
        """Scene rectangle and outputs' centre for what is drawn now (module groups
        collapsed or not)."""
        layout = self.group_layer.current or self._layout
        if layout is None:
            return
        self.start = self._start(layout)
        self.setSceneRect(self._bounds(layout))

    def edge_points(self, item: EdgeItem, route: np.ndarray, across: bool) -> list[list[float]]:
        """Where edge ``item`` (placed by ``route``) is drawn, clipped to its boxes."""
        if item.beside is not None:
            node, nearer = item.beside
            return beside_points(node, self.nodes[item.edge.dst], nearer, across)
        return _edge_points(item.edge, route, self.nodes, item.offset, across)

    def _shown(self) -> np.ndarray:
        """Which nodes (``layout.pos`` order) are drawn: not inside a collapsed group."""
        return np.array([item.isVisible() for item in self.nodes.values()], dtype=bool)

    def _start(self, layout: Layout) -> QPointF:
        if not len(layout.pos):
            return QPointF()
        along = 0 if layout.direction == "LR" else 1
        keep = layout.layers >= 0  # nodes with no edge sit apart, in a grid
        if len(self.nodes) == len(layout.pos):
            keep &= self._shown()
        pos = layout.pos[keep] if keep.any() else layout.pos
        first = pos[pos[:, along] == pos[:, along].min()]
        x, y = first.mean(axis=0)
        return QPointF(float(x), float(y))

    def _bounds(self, layout: Layout) -> QRectF:
        """The nodes' boxes and edge routes, with room for edge labels."""
        if not len(layout.pos):
            return QRectF(0, 0, 1, 1)
        # nodes are in ``layout.pos`` order; those in collapsed groups are not drawn
        shown = self._shown()
        if self.group_layer.items and len(shown) == len(layout.pos) and shown.any():
            drawn = zip(self.edges, layout.routes, strict=True)
            edges = [route for item, route in drawn if item.isVisible()]
            ids = [i for i, on in zip(layout.ids, shown, strict=True) if on]
            layers = layout.layers[shown]
            layout = Layout(ids, layout.pos[shown], edges, layers, (), layout.direction)
        items = [i for i in self.nodes.values() if i.isVisible()] or list(self.nodes.values())
        lines = np.array([len(i.lines) for i in items])
        widths = (
            np.array([2 * i.node_half_width() for i in items]) if layout.direction == "LR" else None
        )
        bounds = layout_bounds(layout, lines, widths)
        for rect in self.group_layer.rects():
            bounds = bounds.united(rect.adjusted(-16, -16, 16, 16))
        return bounds

    def show_trace(self, trace: BackwardTrace | None) -> None:
        """Label every edge with the gradient that flowed along it in ``trace``."""
        grads = trace.edge_gradients() if trace is not None else {}
        fed = {e.dst for e in self.graph.edges if e.kind == "next"} if self.graph else set()
        roots = {item.edge.dst for item in self.edges if item.edge.dst not in fed}
        incoming: dict[str, object] = {}
        if trace is not None:
            for step in trace.steps:
                if step.grad_outputs and len(step.grad_outputs) == 1:
                    incoming[step.node_key] = step.grad_outputs[0]
        rows: dict[str, int] = {}  # labels so far above each target (left to right)
        for item in self.edges:
            e = item.edge
            gradient = None
            if e.kind == "next":
                gradient = grads.get((e.src, e.index))
            elif e.kind == "grad_fn" and e.dst in roots:
                # Elsewhere the same gradient is already on the edge into the grad_fn.
                gradient = incoming.get(e.dst)
            if gradient is not None and self.direction == "LR":
                target = self.group_layer.drawn_target(e.dst)
                item.set_label_row(rows.get(target, 0))
                rows[target] = rows.get(target, 0) + 1
            item.set_gradient(gradient)

    def show_step(self, trace: BackwardTrace | None, index: int | None) -> TraceStep | None:
        """Highlight step ``index`` of ``trace`` (``None`` clears); return that step."""
        for item in self.nodes.values():
            if item.current or item.flashing or item.done:
                item.current = item.flashing = item.done = False
                item.update()
        for edge in self.edges:
            edge.set_highlight(False)
        self.group_layer.mark_current(None)
        if trace is None or index is None or not (0 <= index < len(trace.steps)):
            return None
        for step in trace.steps[:index]:
            done = self.nodes.get(step.node_key)
            if done is not None:
                done.done = True
                done.update()
        step = trace.steps[index]
        self.group_layer.mark_current(step.node_key)
        item = self.nodes.get(step.node_key)
        if item is not None:
            item.current = True
            item.update()
        for edge in self.edges:
            if step.node_key in (edge.edge.src, edge.edge.dst) and edge.edge.kind != "saved":
                edge.set_highlight(True)
        if step.is_accumulate and self.graph is not None:
            for e in self.graph.out_edges(step.node_key):
                leaf = self.nodes.get(e.dst)
                if leaf is not None and e.kind == "variable":
                    leaf.flashing = True
                    leaf.update()
        return step

    def highlight_nodes(self, ids: list[str], tooltip: str = "") -> list[str]:
        """Outline the nodes ``ids`` as a cut (dashed red, ``tooltip`` on hover), clearing
        any earlier cut; returns the ids that are in the scene."""
        self.clear_highlight()
        shown = []
        for node_id in ids:
            item = self.nodes.get(node_id)
            if item is not None:
                item.cut, item.cut_tip = True, tooltip
                item.update()
                shown.append(node_id)
        return shown

    def clear_highlight(self) -> None:
        """Remove the cut's outline."""
        for item in self.nodes.values():
            if item.cut:
                item.cut, item.cut_tip = False, ""
                item.update()

    def stop_flash(self) -> None:
        """End the AccumulateGrad flash."""
        for item in self.nodes.values():
            if item.flashing:
                item.flashing = False
                item.update()


class GraphView(QGraphicsView):
    """Zoom with the wheel, pan by dragging, ``F`` fits; emits ``nodeClicked(id)``."""

    nodeClicked = Signal(str)
    #: A module group was opened (``True``) or closed by a click on its header.
    groupToggled = Signal(str, bool)
    #: The viewport changed size (the panel may pick another layout direction).
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graphView")
        self.graph_scene = GraphScene(self)
        self.setScene(self.graph_scene)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        #: Whether the view follows the graph and its own size (re-fits on resize and
        #: on a new graph) until the user zooms, pans or scrolls; and which fit.
        self._auto_fit = True
        self._fit_whole = False
        self._dragging = False
        self._group_press: tuple[str, QPointF] | None = None
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.actionTriggered.connect(self._user_moved)  # scroll bar or arrow keys
            bar.valueChanged.connect(self._scrolled)

    def set_graph(self, graph: AutogradGraph, layout: Layout, *, keep_view: bool) -> None:
        """Show ``graph``. A view the user zoomed, panned or scrolled is kept (same zoom
        and centre) when ``keep_view`` (the graph is a re-run or an edit of the one
        shown); otherwise the new graph is fitted like the last fit (Fit or All)."""
        center = self.mapToScene(self.viewport().rect().center())
        self.graph_scene.build(graph, layout)
        if keep_view and not self._auto_fit:
            self.centerOn(center)
        else:
            self.fit(whole=self._fit_whole)

    def toggle_group(self, path: str) -> None:
        """Open a collapsed module group, or close an open one (emits ``groupToggled``)."""
        layer = self.graph_scene.group_layer
        expanded = path in layer.collapsed
        if layer.set_expanded(path, expanded):
            self.groupToggled.emit(path, expanded)

    def readable_scale(self) -> float:
        """The smallest zoom at which node text is :data:`READABLE_TEXT_PX` tall."""
        return min(text_lod(self.graph_scene.font, READABLE_TEXT_PX), 1.0)

    def text_px(self) -> float:
        """How tall a line of node text is on screen at the current zoom."""
        return QFontMetricsF(self.graph_scene.font).height() * self.transform().m11()

    def fit_scale(self, whole: bool = False) -> float:
        """The zoom :meth:`fit` picks: the largest that shows the whole graph without
        scroll bars (at most 1:1), but (unless ``whole``, or the graph has at most
        :data:`FIT_WHOLE_NODES` nodes) not below :meth:`readable_scale`."""
        size = self.maximumViewportSize()  # the viewport without scroll bars
        # one pixel to spare: a scene exactly as wide as the view may round to a scroll
        scale = fit_scale(self.graph_scene.sceneRect(), size.width() - 1, size.height() - 1)
        if not whole and len(self.graph_scene.nodes) > FIT_WHOLE_NODES:
            scale = max(scale, self.readable_scale())
        return scale

    def fit(self, whole: bool = False) -> None:
        """Fit the graph in the view at the largest zoom that shows all of it (never
        past 1:1). Unless ``whole``, a graph of more than :data:`FIT_WHOLE_NODES` nodes
        is never zoomed out past :meth:`readable_scale`: it is shown from its start
        (the outputs, where backward begins) and the rest is a scroll away.
        ``whole`` fits everything, however small (text is dropped when illegible).
        Until the user zooms or pans, the view keeps this fit when resized."""
        self._auto_fit, self._fit_whole = True, whole
        rect = self.graph_scene.sceneRect()
        if rect.isEmpty():
            return
        scale = self.fit_scale(whole)
        self.resetTransform()
        self.scale(scale, scale)
        # Centre the outputs' row (column) across; scroll to the outputs' end along.
        start = self.graph_scene.start
        across = self.graph_scene.direction == "LR"
        self.centerOn(
            rect.center().x() if across else start.x(), start.y() if across else rect.center().y()
        )
        along = self.horizontalScrollBar() if across else self.verticalScrollBar()
        along.setValue(along.minimum())

    def show_top(self) -> None:
        """First look at a new graph: the readable :meth:`fit`."""
        self.fit()

    def zoom(self, factor: float) -> None:
        """Scale the view by ``factor`` (bounded)."""
        scale = self.transform().m11() * factor
        if 0.005 <= scale <= 8:
            self._auto_fit = False
            self.scale(factor, factor)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Until the user zooms or pans, a resized view (the dock laid out, dragged)
        re-fits."""
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit(whole=self._fit_whole)
        self.resized.emit()

    def auto_fitting(self) -> bool:
        """Whether the view still follows its size and new graphs (no zoom, pan or
        scroll by the user since the last fit)."""
        return self._auto_fit

    def fit_whole(self) -> bool:
        """Whether the last fit showed the whole graph (``Shift+F``, All)."""
        return self._fit_whole

    def _user_moved(self, _action: int) -> None:
        self._auto_fit = False

    def _scrolled(self, _value: int) -> None:
        if self._dragging:  # a drag that really moved the picture (not a click)
            self._auto_fit = False

    def select_node(self, node_id: str, *, center: bool = True) -> bool:
        """Select ``node_id`` (and scroll to it); ``False`` if it is not shown."""
        item = self.graph_scene.nodes.get(node_id)
        self.graph_scene.clearSelection()
        if item is None:
            return False
        item.setSelected(True)
        if center:
            self.centerOn(item)
        return True

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Zoom around the mouse."""
        delta = event.angleDelta().y()
        if delta:
            self.zoom(1.0015**delta)
        event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """``F`` fits (readably), ``Shift+F`` fits the whole graph, ``+``/``-`` zoom."""
        if event.key() == Qt.Key.Key_F:
            self.fit(whole=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        elif event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif event.key() == Qt.Key.Key_Minus:
            self.zoom(0.8)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Clicking a node emits ``nodeClicked``; a drag that pans ends auto-fitting
        (a click, or a drag of a graph that fits, does not)."""
        super().mousePressEvent(event)
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, NodeItem):
            self.select_node(item.node.id, center=False)
            self.nodeClicked.emit(item.node.id)
        self._group_press = None
        if isinstance(item, GroupItem):
            if item.header().contains(self.mapToScene(event.position().toPoint())):
                self._group_press = (item.path, event.position())
        self._dragging = True  # after the click's own effects (e.g. scrolling to it)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        """The end of a click or drag; a click (not a drag) on a group's header opens
        or closes the group."""
        super().mouseReleaseEvent(event)
        press, self._group_press = self._group_press, None
        if press is not None and (event.position() - press[1]).manhattanLength() < 6:
            self.toggle_group(press[0])
        self._dragging = False

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt override
        """Lazy tooltips: text is made only for the hovered item."""
        if event.type() == QEvent.Type.ToolTip:
            item = self.itemAt(event.pos())
            if isinstance(item, NodeItem | EdgeItem | EdgeLabel | GroupItem):
                QToolTip.showText(event.globalPos(), item.tooltip(), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


LEGEND_ROW = 18.0


def legend_layout(font: QFont, max_width: float) -> list[tuple[float, float]]:
    """Top-left of each legend entry, wrapping onto new rows within ``max_width``."""
    metrics = QFontMetricsF(font)
    x = y = 0.0
    places = []
    for style in STYLES.values():
        width = 26 + metrics.horizontalAdvance(legend_text(style)) + 4
        if x > 0 and x + width > max_width:
            x, y = 0.0, y + LEGEND_ROW
        places.append((x, y))
        x += width + 12
    return places


def paint_legend(painter: QPainter, origin: QPointF, font: QFont, max_width: float = 1e9) -> QRectF:
    """Draw the kind legend at ``origin`` (wrapped to ``max_width``); return the rect used."""
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    places = legend_layout(font, max_width)
    for style, (dx, dy) in zip(STYLES.values(), places, strict=True):
        x, y = origin.x() + dx, origin.y() + dy
        pen = QPen(QColor(style.border), 1.4)
        if style.dashed:
            pen.setStyle(_DASH)
        painter.setPen(pen)
        painter.setBrush(QColor(style.fill))
        swatch = QRectF(x, y + 2, 22, 12)
        if style.shape == "pill":
            painter.drawRoundedRect(swatch, 6, 6)
        elif style.shape == "hexagon":
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(x + 5, y + 2),
                        QPointF(x + 17, y + 2),
                        QPointF(x + 22, y + 8),
                        QPointF(x + 17, y + 14),
                        QPointF(x + 5, y + 14),
                        QPointF(x, y + 8),
                    ]
                )
            )
        else:
            painter.drawRoundedRect(swatch, 3 if style.shape == "round" else 0, 3)
        painter.setPen(QColor("#1a1a1a"))
        width = metrics.horizontalAdvance(legend_text(style))
        painter.drawText(QRectF(x + 26, y, width + 4, 16), _VCENTER, legend_text(style))
    rows = 1 + int(max(dy for _, dy in places) / LEGEND_ROW)
    return QRectF(origin.x(), origin.y(), max_width, rows * LEGEND_ROW)


class GraphLegend(QWidget):
    """Swatches naming each node kind (above the view), wrapped to the dock's width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graphLegend")
        self._font = QFont()
        self._font.setPointSizeF(8.5)
        self.setMinimumWidth(200)
        self._fit_height()

    def legend_texts(self) -> list[str]:
        """The legend entries, in order."""
        return [legend_text(s) for s in STYLES.values()]

    def rows(self) -> int:
        """How many rows the legend needs at the current width."""
        places = legend_layout(self._font, max(self.width() - 8, 1))
        return 1 + int(max(dy for _, dy in places) / LEGEND_ROW)

    def _fit_height(self) -> None:
        self.setFixedHeight(int(self.rows() * LEGEND_ROW + 4))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Re-wrap to the new width."""
        super().resizeEvent(event)
        self._fit_height()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Paint the swatches."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paint_legend(painter, QPointF(4, 2), self._font, self.width() - 8)
        painter.end()
