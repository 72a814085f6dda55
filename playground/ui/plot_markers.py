"""Event markers of the accumulation plot: zero-grad and ``optimizer.step()`` lines.

A :class:`MarkerLayer` draws one vertical line per event inside a plot's ViewBox and its
labels in a :class:`MarkerStrip` above the ViewBox (outside the data: a label never
hides a point). Markers closer together than a label is wide share one label, like
``zero ×50`` (:func:`cluster_labels`); the grouping is redone on every zoom and resize.
:func:`connections` tells which consecutive runs a curve joins: never across a zero.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSimpleTextItem

#: Pixels kept free between two labels (and between a label and the strip's ends).
LABEL_GAP = 8.0
#: The strip's height beyond one line of label text.
STRIP_PADDING = 4.0
#: Markers closer than this (pixels) are drawn faint: a dense row of lines hides the data.
DENSE_SPACING = 25.0
#: Markers closer than this (pixels) are not drawn at all (they would paint a solid
#: band); their label's bracket still spans them.
SOLID_SPACING = 2.0
#: Pixels between a label and its bracket's line, and the bracket's end-tick height.
BRACKET_GAP = 4.0
BRACKET_TICK = 4.0


@dataclass(frozen=True)
class LabelSpot:
    """One label of a group of markers: its text and where it goes (pixels)."""

    text: str
    left: float
    width: float
    #: Index range (inclusive) of the markers it stands for.
    first: int
    last: int
    #: Pixel x of its first and last marker.
    start: float = 0.0
    end: float = 0.0

    @property
    def right(self) -> float:
        """The label's right edge."""
        return self.left + self.width


def label_text(words: Sequence[str], mixed: str) -> str:
    """``"zero"`` for one marker, ``"zero ×50"`` for fifty; ``mixed`` names a group
    whose markers have different words."""
    word = words[0] if len(set(words)) == 1 else mixed
    return word if len(words) == 1 else f"{word} ×{len(words)}"


def cluster_labels(
    pixels: Sequence[float],
    words: Sequence[str],
    width_of: Callable[[str], float],
    *,
    span: float,
    mixed: str,
    gap: float = LABEL_GAP,
) -> list[LabelSpot]:
    """Labels for markers at ``pixels`` (sorted, within ``0..span``) that never overlap.

    Markers closer than the widest one-marker label (plus ``gap``) start in one group;
    each group's label is centred on it and kept inside ``0..span``; two labels that
    would still come closer than ``gap`` merge their groups, until none do.
    """
    px = np.asarray(pixels, dtype=np.float64)
    if px.size == 0:
        return []
    threshold = max(width_of(w) for w in set(words)) + gap
    starts = [0, *(np.flatnonzero(np.diff(px) >= threshold) + 1).tolist()]
    groups = [(s, e - 1) for s, e in zip(starts, [*starts[1:], px.size], strict=True)]
    while True:
        spots = [_spot(px, words, g, width_of, span, mixed) for g in groups]
        clash = next(
            (i for i in range(len(spots) - 1) if spots[i].right + gap > spots[i + 1].left),
            None,
        )
        if clash is None:
            return spots
        groups[clash : clash + 2] = [(groups[clash][0], groups[clash + 1][1])]


def _spot(
    px: np.ndarray,
    words: Sequence[str],
    group: tuple[int, int],
    width_of: Callable[[str], float],
    span: float,
    mixed: str,
) -> LabelSpot:
    first, last = group
    text = label_text(words[first : last + 1], mixed)
    width = width_of(text)
    centre = (px[first] + px[last]) / 2
    left = min(max(centre - width / 2, 0.0), max(span - width, 0.0))
    return LabelSpot(
        text, float(left), float(width), first, last, float(px[first]), float(px[last])
    )


def connections(
    finite: np.ndarray, breaks_after: Sequence[int], *, keep_isolated: bool
) -> np.ndarray:
    """Which points a curve joins: entry ``i`` joins run ``i + 1`` to run ``i + 2``.

    Never across a non-finite value, nor across a zero that happened after run ``k``
    (``breaks_after``) — the values after a zero start again, they do not continue.
    With ``keep_isolated`` false (a curve drawn without point symbols) a zero that would
    leave a run with no line on either side does not break the line: the run would
    vanish.
    """
    n = finite.size
    joined = np.zeros(n, dtype=bool)
    if n < 2:
        return joined
    joined[:-1] = finite[:-1] & finite[1:]
    breaks = np.asarray(breaks_after, dtype=np.int64)
    if breaks.size > 1 and not (np.diff(breaks) > 0).all():
        breaks = np.unique(breaks)
    breaks = breaks[(breaks >= 1) & (breaks < n)]
    if not keep_isolated and breaks.size:
        ends = np.zeros(n + 1, dtype=bool)
        ends[[0, n]] = True
        ends[breaks] = True
        breaks = breaks[~ends[breaks - 1] & ~ends[breaks + 1]]
    joined[breaks - 1] = False
    return joined


def isolated(joined: np.ndarray) -> np.ndarray:
    """Points joined to neither neighbour (see :func:`connections`)."""
    left = np.concatenate(([False], joined[:-1]))
    return ~(left | joined)


class MarkerStrip(pg.GraphicsWidget):
    """A one-line strip above a ViewBox holding the marker labels (see the module docstring).

    It lives in a :class:`~playground.ui.plot_header.PlotHeader`, the row above the
    ViewBox, so it spans the ViewBox's width exactly.
    """

    #: Its :meth:`height_for` changed (markers appeared or all went).
    sigHeightChanged = Signal()
    #: The labels were placed again; the argument is the smallest gap between two
    #: markers in view, in pixels (infinite for fewer than two).
    sigLaidOut = Signal(float)

    def __init__(self, view: pg.ViewBox, color: str, mixed: str) -> None:
        super().__init__()
        self._view = view
        self._color = QColor(color)
        self._mixed = mixed
        self._font = QFont()
        self._font.setPointSizeF(8.5)
        self._metrics = QFontMetricsF(self._font)
        self._positions = np.zeros(0)
        self._words: list[str] = []
        self._items: list[QGraphicsSimpleTextItem] = []
        self._brackets: list[QGraphicsPathItem] = []
        self._spots: list[LabelSpot] = []
        self._spacing = math.inf
        view.sigXRangeChanged.connect(self.relayout)
        view.sigResized.connect(self.relayout)
        self.geometryChanged.connect(self.relayout)

    def height_for(self, _width: float) -> float:
        """Its height in the header: :meth:`full_height` while there are markers, else 0."""
        return self.full_height() if self._positions.size else 0.0

    def full_height(self) -> float:
        """Its height when it shows labels: one line of label text."""
        return self._metrics.height() + STRIP_PADDING

    def set_markers(self, positions: Sequence[float], words: Sequence[str]) -> None:
        """Label markers at x ``positions`` (sorted), one word each (``"zero"``, ``"step"``)."""
        had = bool(self._positions.size)
        self._positions = np.asarray(positions, dtype=np.float64)
        self._words = list(words)
        if had != bool(self._positions.size):
            self.sigHeightChanged.emit()
        self.relayout()

    def spots(self) -> list[LabelSpot]:
        """The labels now shown, left to right (pixels from the strip's left edge)."""
        return list(self._spots)

    def labels(self) -> list[QGraphicsSimpleTextItem]:
        """The visible label items, left to right."""
        return [item for item in self._items if item.isVisible()]

    def relayout(self, *_args) -> None:
        """Group and place the labels for the current view range and width; a group of
        markers gets a bracket from its first to its last marker under its label."""
        self._spots = self._compute_spots()
        while len(self._items) < len(self._spots):
            item = QGraphicsSimpleTextItem(self)
            item.setFont(self._font)
            item.setBrush(self._color)
            self._items.append(item)
            bracket = QGraphicsPathItem(self)
            bracket.setPen(QPen(self._color, 1.0))
            self._brackets.append(bracket)
        for item, bracket, spot in zip(self._items, self._brackets, self._spots, strict=False):
            item.setText(spot.text)
            item.setPos(spot.left, STRIP_PADDING / 2)
            item.show()
            bracket.setPath(self._bracket_path(spot))
            bracket.setVisible(spot.last > spot.first)
        for item, bracket in zip(
            self._items[len(self._spots) :], self._brackets[len(self._spots) :], strict=True
        ):
            item.hide()
            bracket.hide()
        self.sigLaidOut.emit(self._spacing)

    def _bracket_path(self, spot: LabelSpot) -> QPainterPath:
        """``├── zero ×50 ──┤``: a line from a group's first to its last marker, through
        the middle of its label (the label interrupts it), with an end tick at each end."""
        middle = STRIP_PADDING / 2 + self._metrics.height() / 2
        path = QPainterPath()
        if spot.start < spot.left - BRACKET_GAP:  # (never through the text)
            path.moveTo(spot.start, middle - BRACKET_TICK)
            path.lineTo(spot.start, middle + BRACKET_TICK)
            path.moveTo(spot.start, middle)
            path.lineTo(spot.left - BRACKET_GAP, middle)
        if spot.end > spot.right + BRACKET_GAP:
            path.moveTo(spot.end, middle - BRACKET_TICK)
            path.lineTo(spot.end, middle + BRACKET_TICK)
            path.moveTo(spot.right + BRACKET_GAP, middle)
            path.lineTo(spot.end, middle)
        return path

    def _compute_spots(self) -> list[LabelSpot]:
        width = self._view.width()
        self._spacing = math.inf
        if not self._positions.size or width <= 0:
            return []
        (x0, x1), _ = self._view.viewRange()
        if x1 <= x0:
            return []
        low, high = np.searchsorted(self._positions, [x0, x1], side="left")
        shown = self._positions[low:high]
        offset = self._view.sceneBoundingRect().left() - self.sceneBoundingRect().left()
        pixels = offset + (shown - x0) / (x1 - x0) * width
        distinct = np.unique(pixels)
        self._spacing = float(np.diff(distinct).min()) if distinct.size > 1 else math.inf
        return cluster_labels(
            pixels, self._words[low:high], self._text_width, span=width, mixed=self._mixed
        )

    def _text_width(self, text: str) -> float:
        return self._metrics.horizontalAdvance(text)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        """The strip's rectangle (it paints nothing itself)."""
        return QRectF(0, 0, self.width(), self.height())


class MarkerLayer:
    """Event lines in a plot's ViewBox plus their labels in a :class:`MarkerStrip`."""

    def __init__(
        self, plot: pg.PlotItem, strip: MarkerStrip, pen, *, line_limit: int, z: float = 0
    ) -> None:
        self._plot = plot
        self.strip = strip
        self._pen = pen
        self._line_limit = line_limit
        self._z = z
        self._faint_pen = _faint(pen)
        self._spacing = math.inf
        self._lines: list[pg.InfiniteLine] = []
        self._key: tuple | None = None
        strip.sigLaidOut.connect(self._on_laid_out)

    def set_markers(self, positions: Sequence[float], words: Sequence[str]) -> None:
        """Show markers at ``positions`` (lines for the last ``line_limit``; labels for all)."""
        limit = self._line_limit
        key = (len(positions), tuple(positions[-limit:]), tuple(words[-limit:]))
        if key == self._key:
            return
        self._key = key
        for line in self._lines:
            self._plot.removeItem(line)
        self._lines = []
        for pos in positions[-self._line_limit :]:
            line = pg.InfiniteLine(pos=pos, angle=90, pen=self._pen, movable=False)
            line.setZValue(self._z)
            self._plot.addItem(line, ignoreBounds=True)
            self._lines.append(line)
        self._style_lines()
        self.strip.set_markers(positions, words)

    def lines(self) -> list[pg.InfiniteLine]:
        """The marker lines drawn."""
        return list(self._lines)

    def dense(self) -> bool:
        """Whether the lines are drawn faint (markers in view closer than
        :data:`DENSE_SPACING` pixels) or not at all (closer than :data:`SOLID_SPACING`)."""
        return self._spacing < DENSE_SPACING

    def lines_shown(self) -> bool:
        """Whether the marker lines are drawn (see :meth:`dense`)."""
        return self._spacing >= SOLID_SPACING

    def _on_laid_out(self, spacing: float) -> None:
        before = (self.dense(), self.lines_shown())
        self._spacing = spacing
        if (self.dense(), self.lines_shown()) != before:
            self._style_lines()

    def _style_lines(self) -> None:
        pen = self._faint_pen if self.dense() else self._pen
        shown = self.lines_shown()
        for line in self._lines:
            line.setPen(pen)
            line.setVisible(shown)


def _faint(pen) -> QPen:
    """``pen`` thin and mostly transparent: for rows of markers a few pixels apart."""
    faint = QPen(pen)
    color = QColor(faint.color())
    color.setAlpha(90)
    faint.setColor(color)
    faint.setWidthF(1.0)
    return faint
