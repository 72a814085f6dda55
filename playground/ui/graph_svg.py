"""The graph scene as a compact SVG: one stylesheet, one class per look, no empty groups.

``QSvgGenerator`` repeats a dozen style attributes on a ``<g>`` around every primitive
and opens a group on every pen change, so a 10,000-node graph came out at 36 MB and
took seconds of Python ``paint()`` calls. This writer reads the scene's items (their
geometry, text and state, exactly what ``paint()`` draws at full zoom) and writes each
as one element with a class. An item of a kind it does not know says so with
:class:`UnknownItem`, and the caller falls back to ``QSvgGenerator``.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication, QPainterPath

from playground.ui import graph_view as gv

#: Background of the exported picture.
BACKGROUND = "#fbfbfb"


class UnknownItem(Exception):
    """The scene holds an item this writer cannot draw."""


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def path_data(path: QPainterPath) -> str:
    """SVG path data (``M``, ``L``, ``C``) of a ``QPainterPath``, to 0.1 px."""
    parts: list[str] = []
    count = path.elementCount()
    i = 0
    while i < count:
        e = path.elementAt(i)
        if e.isMoveTo():
            parts.append(f"M{_num(e.x)} {_num(e.y)}")
            i += 1
        elif e.isLineTo():
            parts.append(f"L{_num(e.x)} {_num(e.y)}")
            i += 1
        else:  # a curve: this element and the next two (control, control, end)
            c1, c2 = path.elementAt(i + 1), path.elementAt(i + 2)
            parts.append(
                f"C{_num(e.x)} {_num(e.y)} {_num(c1.x)} {_num(c1.y)} {_num(c2.x)} {_num(c2.y)}"
            )
            i += 3
    return "".join(parts)


def _dash(style: str) -> str:
    return {"dash": "stroke-dasharray:5.6 2.8;", "dot": "stroke-dasharray:1.3 2.6;"}.get(style, "")


def _dpi() -> float:
    """The logical DPI the scene's text was measured at (points to pixels)."""
    screen = QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInchY() if screen is not None else 96.0


def stylesheet(font: QFont) -> str:
    """The one ``<style>``: node kinds, edge kinds, labels, text and the step states."""
    family = font.family().replace('"', "")
    size = font.pixelSize() if font.pointSizeF() <= 0 else font.pointSizeF() * _dpi() / 72
    rules = [
        f'text{{font-family:"{family}",sans-serif;font-size:{_num(size)}px;'
        "text-anchor:middle;fill:#1a1a1a}",
        f"text.g{{fill:{gv.GRAD_TEXT.name()}}}",
        "text.k{text-anchor:start}",
        "path,rect,polygon{stroke-width:1.4}",
    ]
    for kind, style in gv.STYLES.items():
        dash = "stroke-dasharray:5.6 2.8;" if style.dashed else ""
        rules.append(f".n-{kind}{{fill:{style.fill};stroke:{style.border};{dash}}}")
    for kind, color in gv.EDGE_COLORS.items():
        pen = "dot" if kind in ("grad_fn", "saved") else "dash" if kind == "variable" else ""
        rules.append(f".e-{kind}{{fill:none;stroke:{color};stroke-width:1.3;{_dash(pen)}}}")
    rules += [
        f".hl{{fill:none;stroke:{gv.HIGHLIGHT.name()};stroke-width:3}}",
        f".cur{{stroke:{gv.HIGHLIGHT.name()};stroke-width:3.5;stroke-dasharray:none}}",
        f".sel{{stroke:{gv.SELECTED.name()};stroke-width:3;stroke-dasharray:none}}",
        f".fl{{fill:{gv.FLASH.name()}}}",
        ".done{filter:brightness(0.93)}",
        f".l{{fill:#ffffff;fill-opacity:0.88;stroke:{gv.GRAD_TEXT.name()};stroke-width:0.8}}",
        f"text.lt{{fill:{gv.GRAD_TEXT.name()}}}",
    ]
    return "\n".join(rules)


def _baseline(font: QFont, middle: float) -> float:
    """The baseline that centres a line of ``font`` on ``middle`` (as Qt's AlignVCenter
    does; ``dominant-baseline`` is not read by every SVG renderer)."""
    metrics = QFontMetricsF(font)
    return middle + (metrics.ascent() - metrics.descent()) / 2


def _shape(item: gv.NodeItem, classes: str) -> str:
    r = item.sceneBoundingRect().adjusted(4, 4, -4, -4)  # the box (bounding rect has +4)
    x, y, w, h = _num(r.x()), _num(r.y()), _num(r.width()), _num(r.height())
    shape = item.style.shape
    if shape == "hexagon":
        d = r.height() / 2
        points = [
            (r.left() + d, r.top()),
            (r.right() - d, r.top()),
            (r.right(), r.center().y()),
            (r.right() - d, r.bottom()),
            (r.left() + d, r.bottom()),
            (r.left(), r.center().y()),
        ]
        text = " ".join(f"{_num(px)},{_num(py)}" for px, py in points)
        return f'<polygon class="{classes}" points="{text}"/>'
    radius = {"pill": r.height() / 2, "box": 0.0}.get(shape, 7.0)
    corner = f' rx="{_num(radius)}"' if radius else ""
    return f'<rect class="{classes}" x="{x}" y="{y}" width="{w}" height="{h}"{corner}/>'


def node_svg(item: gv.NodeItem) -> list[str]:
    """The node's shape and its text lines (as ``paint()`` draws them at full zoom)."""
    classes = [f"n-{item.node.kind}"]
    if item.flashing:
        classes.append("fl")
    if item.done and not item.current:
        classes.append("done")
    if item.current:
        classes.append("cur")
    elif item.isSelected():
        classes.append("sel")
    out = [_shape(item, " ".join(classes))]
    origin = item.scenePos()
    for k, (line, shown) in enumerate(zip(item.lines, item.shown_lines(), strict=True)):
        rect = item.text_rect(k).translated(origin)
        cls = ' class="g"' if line.startswith("grad ") else ""
        out.append(
            f'<text{cls} x="{_num(rect.center().x())}" '
            f'y="{_num(_baseline(item._font, rect.center().y()))}">'
            f"{escape(shown)}</text>"
        )
    return out


def edge_svg(item: gv.EdgeItem) -> list[str]:
    """The edge's curve and arrow head."""
    cls = "hl" if item.highlighted else f"e-{item.edge.kind}"
    path = item.sceneTransform().map(item.path())
    return [f'<path class="{cls}" d="{path_data(path)}"/>']


def label_svg(item: gv.EdgeLabel) -> list[str]:
    """The gradient label: its white box and its text."""
    r = item.sceneBoundingRect()
    return [
        f'<rect class="l" x="{_num(r.x())}" y="{_num(r.y())}" width="{_num(r.width())}" '
        f'height="{_num(r.height())}" rx="4"/>',
        f'<text class="lt" x="{_num(r.center().x())}" '
        f'y="{_num(_baseline(item._font, r.center().y()))}">'
        f"{escape(item.shown)}</text>",
    ]


def item_svg(item) -> list[str]:
    """One scene item as SVG elements (``UnknownItem`` for a kind not known here).

    An item type of its own may draw itself: a ``svg_elements()`` method returning
    the elements in scene coordinates, using the classes of :func:`stylesheet`.
    """
    if not item.isVisible():
        return []
    if isinstance(item, gv.NodeItem):
        return node_svg(item)
    if isinstance(item, gv.EdgeLabel):
        return label_svg(item)
    if isinstance(item, gv.EdgeItem):
        return edge_svg(item)
    own = getattr(item, "svg_elements", None)
    if callable(own):
        return list(own())
    raise UnknownItem(type(item).__name__)


def legend_svg(font: QFont, origin: QPointF) -> list[str]:
    """The kind legend, laid out as :func:`graph_view.paint_legend` lays it out."""
    out = []
    for (kind, style), (dx, dy) in zip(gv.STYLES.items(), gv.legend_layout(font, 1e9), strict=True):
        x, y = origin.x() + dx, origin.y() + dy
        if style.shape == "hexagon":
            pts = [(5, 2), (17, 2), (22, 8), (17, 14), (5, 14), (0, 8)]
            text = " ".join(f"{_num(x + px)},{_num(y + py)}" for px, py in pts)
            out.append(f'<polygon class="n-{kind}" points="{text}"/>')
        else:
            radius = {"pill": 6, "round": 3}.get(style.shape, 0)
            out.append(
                f'<rect class="n-{kind}" x="{_num(x)}" y="{_num(y + 2)}" width="22" '
                f'height="12" rx="{radius}"/>'
            )
        words = gv.legend_text(style)
        baseline = _num(_baseline(font, y + 8))
        out.append(f'<text class="k" x="{_num(x + 26)}" y="{baseline}">{escape(words)}</text>')
    return out


def scene_svg(scene, legend_height: float, min_width: float) -> str:
    """The whole picture: background, legend, then every item in paint order."""
    source: QRectF = scene.sceneRect()
    width = max(source.width(), min_width)
    height = source.height() + legend_height
    body: list[str] = []
    items: Iterable = scene.items(Qt.SortOrder.AscendingOrder)
    for item in items:
        body.extend(item_svg(item))
    dx, dy = -source.left(), legend_height - source.top()
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width)}" '
        f'height="{_num(height)}" viewBox="0 0 {_num(width)} {_num(height)}">\n'
        "<title>Autograd graph</title>\n<desc>Made with Gradient Playground</desc>\n"
        f"<style>\n{stylesheet(scene.font)}\n</style>\n"
        f'<rect width="{_num(width)}" height="{_num(height)}" fill="{BACKGROUND}" '
        'stroke="none"/>\n'
    )
    legend = "\n".join(legend_svg(scene.font, QPointF(8, 6)))
    return (
        f"{head}{legend}\n"
        f'<g transform="translate({_num(dx)},{_num(dy)})">\n' + "\n".join(body) + "\n</g>\n</svg>\n"
    )
