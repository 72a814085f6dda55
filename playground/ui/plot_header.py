"""The row above a plot's data area: the legend and the marker labels live there.

pyqtgraph draws a plot's legend inside the ViewBox, over the data. A
:class:`PlotHeader` takes the plot's (unused) title row instead, right above the
ViewBox and exactly as wide, and stacks its parts top to bottom; the row is as tall as
they need (0 when they are empty), so the ViewBox keeps the rest and nothing in the
header ever covers a point.
"""

from __future__ import annotations

from typing import Protocol

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Signal

#: The plot's layout row the header takes (pyqtgraph's title row).
HEADER_ROW = 0


class HeaderPart(Protocol):
    """What a header stacks: a graphics widget that knows its height for a width."""

    sigHeightChanged: Signal

    def height_for(self, width: float) -> float:
        """The height it needs when it is ``width`` pixels wide."""

    def setGeometry(self, rect: QRectF) -> None:  # noqa: N802 (Qt's name)
        """Qt's geometry setter."""


class PlotHeader(pg.GraphicsWidget):
    """Parts stacked in the row above a :class:`pyqtgraph.PlotItem`'s ViewBox."""

    def __init__(self, plot: pg.PlotItem) -> None:
        super().__init__(plot)
        self._plot = plot
        self._parts: list[HeaderPart] = []
        self._row_height = -1.0
        layout = plot.layout
        layout.removeItem(plot.titleLabel)
        plot.titleLabel.hide()
        layout.addItem(self, HEADER_ROW, 1)
        self.geometryChanged.connect(self.fit)
        self.fit()

    def add(self, part: HeaderPart) -> None:
        """Stack ``part`` below the parts added before."""
        part.setParentItem(self)
        self._parts.append(part)
        part.sigHeightChanged.connect(self.fit)
        self.fit()

    def fit(self, *_args) -> None:
        """Lay the parts out for the current width and size the row to them."""
        width = self.width()
        top = 0.0
        for part in self._parts:
            height = part.height_for(width)
            part.setGeometry(QRectF(0, top, width, height))
            top += height
        if top != self._row_height:
            self._row_height = top
            self._plot.layout.setRowFixedHeight(HEADER_ROW, top)
            # Now, not at the next event: what is drawn or exported next sees it.
            self._plot.layout.activate()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        """The header's rectangle (it paints nothing itself)."""
        return QRectF(0, 0, self.width(), self.height())
