"""A plot legend that sits above the data (in a :class:`~playground.ui.plot_header.PlotHeader`).

Entries flow left to right in as many columns as the plot's width allows, in at most
:data:`MAX_ROWS` rows; entries beyond that are summed up as ``+12 more`` (hovering the
plot still lists every value). Pinned entries (the faded "previous run") always show.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem

#: At most this many rows of entries.
MAX_ROWS = 3
#: Pixels between two columns of entries.
COLUMN_GAP = 14.0
#: Width of an entry's line sample (pyqtgraph's ItemSample is 20 × 20).
SAMPLE_WIDTH = 20.0
LABEL_SPACING = 4.0
#: Pixels above and below the entries.
MARGIN = 2.0


def fit_columns(widths: list[float], available: float) -> int:
    """The most columns (≥ 1) in which entries of ``widths``, laid out row by row, fit
    ``available`` pixels."""
    for columns in range(len(widths), 1, -1):
        total = sum(max(widths[c::columns]) for c in range(columns))
        if total <= available:
            return columns
    return 1


class OutsideLegend(pg.LegendItem):
    """pyqtgraph's legend, laid out by its header row instead of floating over the data."""

    #: Its :meth:`height_for` may have changed (entries came or went).
    sigHeightChanged = Signal()

    def __init__(self, **kwargs) -> None:
        super().__init__(offset=None, frame=False, horSpacing=LABEL_SPACING, **kwargs)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, False)
        self.layout.setContentsMargins(0, MARGIN, 0, MARGIN)
        self.layout.setHorizontalSpacing(LABEL_SPACING)
        self._pinned: set[str] = set()
        self._width = 0.0
        self._natural = (0.0, 0.0)
        self._shown: list[tuple[pg.GraphicsWidget, pg.LabelItem]] = []
        self._more = pg.LabelItem(
            "", color=self.opts["labelTextColor"], size=self.opts["labelTextSize"], justify="left"
        )
        self._more.setParentItem(self)
        self._more.hide()

    # -- pyqtgraph hooks ---------------------------------------------------------------------
    def _addItemToLayout(self, sample, label) -> None:  # noqa: N802 (pyqtgraph's name)
        """Entries are placed by :meth:`height_for`, not one by one."""

    def _removeItemFromLayout(self, *items) -> None:  # noqa: N802 (pyqtgraph's name)
        """Take the items out of the grid (if there) and the scene."""
        for item in items:
            for i in range(self.layout.count()):
                if self.layout.itemAt(i) is item:
                    self.layout.removeAt(i)
                    break
            item.close()
            scene = item.scene()
            if scene:
                scene.removeItem(item)

    def updateSize(self) -> None:  # noqa: N802 (pyqtgraph's name)
        """Entries changed: the header lays the legend out again."""
        self.sigHeightChanged.emit()

    def mouseDragEvent(self, ev) -> None:  # noqa: N802 (Qt override)
        """Not movable: the legend stays in its row above the data."""
        ev.ignore()

    def hoverEvent(self, ev) -> None:  # noqa: N802 (pyqtgraph's name)
        """No drag hover (see :meth:`mouseDragEvent`)."""

    # -- layout ------------------------------------------------------------------------------
    def pin(self, name: str) -> None:
        """Always show the entry named ``name`` (even when others are summed up)."""
        self._pinned.add(name)

    def entry_names(self) -> list[str]:
        """The texts of the entries shown, in order."""
        return [label.text for _sample, label in self._shown]

    def more_text(self) -> str:
        """``"+12 more"`` when entries did not fit, else ``""``."""
        return self._more.text if self._more.isVisible() else ""

    def height_for(self, width: float) -> float:
        """Lay the entries out ``width`` pixels wide; the height that takes."""
        self._width = width
        items = self._ordered()
        self.setVisible(bool(items))
        if not items:
            self._place([], 0, 1)
            return 0.0
        widths = [
            SAMPLE_WIDTH + LABEL_SPACING + label.minimumWidth() + COLUMN_GAP for _s, label in items
        ]
        columns = fit_columns(widths, width)
        room = columns * MAX_ROWS
        hidden = 0
        if len(items) > room:
            keep = room - 1
            pinned = [e for e in items if e[1].text in self._pinned][:keep]
            rest = [e for e in items if e[1].text not in self._pinned][: keep - len(pinned)]
            hidden = len(items) - len(rest) - len(pinned)
            items = rest + pinned
        self._place(items, hidden, columns)
        rows = -(-(len(items) + (1 if hidden else 0)) // columns)
        row_height = max(max(label.minimumHeight() for _s, label in items), SAMPLE_WIDTH)
        return rows * row_height + 2 * MARGIN

    def _ordered(self) -> list[tuple[pg.GraphicsWidget, pg.LabelItem]]:
        """Entries with the pinned ones last."""
        plain = [e for e in self.items if e[1].text not in self._pinned]
        return plain + [e for e in self.items if e[1].text in self._pinned]

    def _place(self, items, hidden: int, columns: int) -> None:
        while self.layout.count():
            self.layout.removeAt(self.layout.count() - 1)
        shown = {id(e[0]) for e in items}
        for sample, label in self.items:
            visible = id(sample) in shown
            sample.setVisible(visible)
            label.setVisible(visible)
        for i, (sample, label) in enumerate(items):
            row, col = divmod(i, columns)
            self.layout.addItem(sample, row, 2 * col)
            self.layout.addItem(label, row, 2 * col + 1)
        self._more.setVisible(bool(hidden))
        if hidden:
            text = QCoreApplication.translate("PlotPanel", "+{count} more").format(count=hidden)
            self._more.setText(text)
            row, col = divmod(len(items), columns)
            self.layout.addItem(self._more, row, 2 * col, 1, 2)
        self._shown = list(items)
        for c in range(2 * columns):
            self.layout.setColumnSpacing(c, COLUMN_GAP if c % 2 else LABEL_SPACING)

    def setGeometry(self, rect: QRectF) -> None:  # noqa: N802 (Qt override)
        """Take only the width the entries need (left-aligned in the header)."""
        hint = self.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize)
        width = min(rect.width(), hint.width())
        super().setGeometry(QRectF(rect.x(), rect.y(), width, rect.height()))
