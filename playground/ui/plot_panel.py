"""The accumulation plot: ``.grad`` per backward run, the loss below, and Run ×N controls.

The panel draws a :class:`~playground.core.history_data.HistoryData` (plain arrays; the
window gets a fresh one from the kernel after every action and hands it to
:meth:`PlotPanel.set_history`); it is torch-free. x is the backward run number (1, 2,
3 … since the script last ran); each tracked tensor is drawn one curve per element
(≤ 16 elements) or as its norm/mean/max, picked per tensor. Zero-grad events are
vertical dashed markers between two runs, and a curve's line breaks there (the values
start again); ``optimizer.step()`` markers are dotted, on the loss plot. Marker labels
and the legend sit in a row above the data (:mod:`playground.ui.plot_header`), never
over it; markers closer than a label is wide share one label (``zero ×50``,
:mod:`playground.ui.plot_markers`). The point symbol tells where a run came from
(● script, ■ Backward button, none for Run ×N, a short bar for a Run ×N run no line
reaches); the previous script run's history is drawn faded and dashed when it tracked
the same names (an edit of the script, :func:`previous_matches`). An empty plot goes
back to a 0..1 view. Redraws are throttled to 30 Hz; long histories are clipped to the
view and downsampled.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers pg.exporters)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from playground.core.history_data import MODES, HistoryData, Mode
from playground.ui.flow_layout import FlowLayout
from playground.ui.plot_header import PlotHeader
from playground.ui.plot_legend import OutsideLegend
from playground.ui.plot_markers import MarkerLayer, MarkerStrip, connections, isolated

#: Minimum time between two redraws requested through :meth:`PlotPanel.refresh`.
MIN_REDRAW_INTERVAL_S = 1 / 30
#: Point symbols are drawn only up to this many runs (beyond, lines only).
SYMBOL_LIMIT = 300
GRID_ALPHA = 0.2
#: Curves of more runs than this are drawn with 1-pixel pens (much faster to paint).
THIN_PEN_ABOVE = 2000
#: Zero markers are individual infinite lines up to this many events.
MARKER_LINE_LIMIT = 200
HOVER_HINT = QT_TRANSLATE_NOOP(
    "PlotPanel",
    "● script run   ■ Backward click   — Run ×N   ┆ zero grad   ╌ previous run   "
    "(hover the plot for exact values)",
)
PREVIOUS_PEN = pg.mkPen(110, 110, 110, 150, width=1.5, style=Qt.PenStyle.DashLine)
#: Largest N for Run ×N.
MAX_REPEAT = 1_000_000

PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
)
SOURCE_SYMBOLS = ("o", "s", None)  # script, button, repeat
REPEAT_CODE = SOURCE_SYMBOLS.index(None)
DOT_PEN = pg.mkPen("w", width=1)


def _dash_symbol() -> QPainterPath:
    """A short horizontal bar: a Run ×N point that no line reaches (zeroed on both sides)."""
    path = QPainterPath()
    path.addRect(QRectF(-0.5, -0.14, 1.0, 0.28))
    return path


#: The symbol of a Run ×N run joined to neither neighbour (Run ×N runs have no symbol).
ISOLATED_SYMBOL = _dash_symbol()
#: The legend entry of the faded previous-run curves.
PREVIOUS_NAME = QT_TRANSLATE_NOOP("PlotPanel", "previous run")
#: The mode picker's words for :data:`MODES` (the codes stay the modes' names).
MODE_WORDS = {
    "elements": QT_TRANSLATE_NOOP("PlotPanel", "elements"),
    "norm": QT_TRANSLATE_NOOP("PlotPanel", "norm"),
    "mean": QT_TRANSLATE_NOOP("PlotPanel", "mean"),
    "max": QT_TRANSLATE_NOOP("PlotPanel", "max"),
}
#: Where a run came from (:meth:`HistoryData.sources`), as the crosshair names it.
RUN_SOURCES = {
    "script": QT_TRANSLATE_NOOP("PlotPanel", "script"),
    "button": QT_TRANSLATE_NOOP("PlotPanel", "button"),
    "repeat": QT_TRANSLATE_NOOP("PlotPanel", "repeat"),
}
#: The view of an empty plot (no runs): x and y from 0 to 1, auto-range on.
EMPTY_RANGE = (0.0, 1.0)
ZERO_COLOR = "#e6550d"
ZERO_PEN = pg.mkPen(ZERO_COLOR, width=1.5, style=Qt.PenStyle.DashLine)
#: ``optimizer.step()`` markers, on the loss plot.
STEP_COLOR = "#31a354"
STEP_PEN = pg.mkPen(STEP_COLOR, width=1.2, style=Qt.PenStyle.DotLine)
LOSS_COLOR = "#444444"


def _color(i: int, alpha: int = 255):
    c = pg.mkColor(PALETTE[i % len(PALETTE)])
    c.setAlpha(alpha)
    return c


def _curve_pen(i: int, width: float):
    """Pen of the i-th curve: palette colours, dotted once the palette has been used."""
    style = Qt.PenStyle.SolidLine if i < len(PALETTE) else Qt.PenStyle.DotLine
    return pg.mkPen(_color(i), width=width, style=style)


#: The loss plot's smallest height (it grows to fit its axis label).
LOSS_MIN_HEIGHT = 60
#: The loss plot's data area never gets shorter than this (pixels).
LOSS_MIN_VIEW = 40
#: At most this many unit ticks when pyqtgraph offers no whole-number spacing.
MAX_UNIT_TICKS = 50


class RunAxis(pg.AxisItem):
    """A bottom axis with ticks only at whole run numbers (none while there are no runs)."""

    empty = False

    def set_empty(self, empty: bool) -> None:
        """No ticks at all while the plot has no runs (no run numbers left from before)."""
        if empty != self.empty:
            self.empty = empty
            self.picture = None
            self.update()

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 (pyqtgraph's name)
        """pyqtgraph's ticks, keeping only integer positions.

        For a short history (runs 1-3, the accumulation lesson) pyqtgraph only offers
        spacings below 1; then every whole run number in view gets a tick.
        """
        if self.empty:
            return []
        levels = []
        for spacing, values in super().tickValues(minVal, maxVal, size):
            if spacing >= 1:
                levels.append((spacing, [v for v in values if float(v).is_integer()]))
        if not any(values for _, values in levels):
            first, last = math.ceil(minVal), math.floor(maxVal)
            if first <= last and last - first <= MAX_UNIT_TICKS:
                levels = [(1.0, [float(run) for run in range(first, last + 1)])]
        return levels


class _PlotWidget(pg.PlotWidget):
    """A PlotWidget that measures its paints (the redraw throttle uses the cost)."""

    paint_cost = 0.0

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Paint, timing it."""
        start = time.monotonic()
        super().paintEvent(event)
        #: Seconds the last paint took.
        self.paint_cost = time.monotonic() - start


def style_plot(widget: pg.PlotWidget, name: str) -> pg.PlotItem:
    """The panels' plot look: white, grey axes, dark tick text; returns its plot item."""
    widget.setObjectName(name)
    widget.setBackground("w")
    item = widget.getPlotItem()
    for axis_name in ("left", "bottom"):
        axis = item.getAxis(axis_name)
        axis.setPen(pg.mkPen("#888888"))
        axis.setTextPen(pg.mkPen("#222222"))
    return item


def _make_plot(parent: QWidget, name: str, left: str) -> pg.PlotWidget:
    widget = _PlotWidget(parent, axisItems={"bottom": RunAxis("bottom")})
    item = style_plot(widget, name)
    item.getAxis("left").setWidth(64)
    item.setLabel("left", left)
    item.showGrid(x=True, y=True, alpha=GRID_ALPHA)
    item.setClipToView(True)
    item.setDownsampling(auto=True, mode="peak")
    return widget


class PlotPanel(QWidget):
    """The gradient-accumulation plot with its pickers, exports and Run ×N controls."""

    repeatRequested = Signal(int)
    cancelRequested = Signal()
    #: "Clear previous" was clicked (the window may tell whoever keeps the faded series).
    previousCleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plotPanel")
        self._history: HistoryData | None = None
        #: The faded series the user cleared (and its fingerprint): later histories
        #: that carry it again (each action brings a fresh history, with the same
        #: previous object or a fresh copy of it) show it no more.
        self._cleared_previous: tuple[HistoryData, tuple] | None = None
        self._modes: dict[str, Mode] = {}
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._dots: dict[str, pg.ScatterPlotItem] = {}
        self._prev_curves: list[pg.PlotDataItem] = []
        self._last_draw = -math.inf
        #: Seconds the last redraw took, painting included (estimated).
        self._draw_cost = 0.0
        self._repeat_running = False
        self._grid_on = True
        self._repeat_base = 0
        self._repeat_x_total: int | None = None
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.timeout.connect(self.redraw)
        self._build()

    # -- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._build_toolbar())
        self.crosshairLabel = QLabel(self.tr(HOVER_HINT), self)
        self.crosshairLabel.setObjectName("crosshairLabel")
        self.crosshairLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.crosshairLabel.setStyleSheet("color: #444;")
        # Long hover texts must not widen the dock: they are cut, the tooltip has it all.
        self.crosshairLabel.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.crosshairLabel)
        self.gradPlot = _make_plot(self, "gradPlot", self.tr("gradient"))
        self._build_grad_header()
        self.lossPlot = _make_plot(self, "lossPlot", self.tr("loss"))
        self._build_loss_header()
        self.lossPlot.setXLink(self.gradPlot)
        # x follows the gradient plot; auto-ranging it too would bounce ranges back
        # and forth through the link (and paint the gradient plot twice a frame).
        self.lossPlot.getPlotItem().enableAutoRange(x=False)
        self.lossPlot.getPlotItem().setLabel("bottom", self.tr("backward run"))
        self.lossCurve = self.lossPlot.plot(pen=pg.mkPen(LOSS_COLOR, width=2), connect="finite")
        self.prevLossCurve = self.lossPlot.plot(pen=PREVIOUS_PEN, connect="finite")
        self.lossPlot.setMinimumHeight(LOSS_MIN_HEIGHT)
        self.gradPlot.setMinimumHeight(100)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("plotSplitter")
        splitter.addWidget(self.gradPlot)
        splitter.addWidget(self.lossPlot)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(True)
        splitter.setSizes([3000, 1000])  # the gradients get 3/4 of any height (scaled)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._build_repeat_row())
        self._build_crosshair()

    def _build_grad_header(self) -> None:
        """The legend and the zero labels, in a row above the gradient plot's data."""
        item = self.gradPlot.getPlotItem()
        header = PlotHeader(item)
        self.legend = OutsideLegend(labelTextColor="#222222")
        self.legend.pin(self.tr(PREVIOUS_NAME))
        header.add(self.legend)
        item.legend = self.legend  # curves plotted with a name get an entry
        strip = MarkerStrip(item.getViewBox(), ZERO_COLOR, mixed=self.tr("zero"))
        header.add(strip)
        self.zeroMarkers = MarkerLayer(item, strip, ZERO_PEN, line_limit=MARKER_LINE_LIMIT)

    def _build_loss_header(self) -> None:
        """The step labels, in a row above the loss plot's data."""
        item = self.lossPlot.getPlotItem()
        header = PlotHeader(item)
        strip = MarkerStrip(item.getViewBox(), STEP_COLOR, mixed=self.tr("step"))
        header.add(strip)
        self.stepMarkers = MarkerLayer(item, strip, STEP_PEN, line_limit=MARKER_LINE_LIMIT)

    def _build_toolbar(self) -> FlowLayout:
        row = FlowLayout()  # wraps onto a second row in a narrow dock
        row.addWidget(QLabel(self.tr("Tensor:"), self))
        self.tensorPicker = QComboBox(self)
        self.tensorPicker.setObjectName("tensorPicker")
        self.tensorPicker.setToolTip(
            self.tr("Tracked tensor whose curves the picker on the right sets")
        )
        self.tensorPicker.currentTextChanged.connect(self._on_tensor_picked)
        row.addWidget(self.tensorPicker)
        self.modePicker = QComboBox(self)
        self.modePicker.setObjectName("modePicker")
        for mode in MODES:  # shown in the interface's language, the mode code as data
            self.modePicker.addItem(self.tr(MODE_WORDS[mode]), mode)
        self.modePicker.setToolTip(
            self.tr("Draw every element, or the L2 norm, mean or max of .grad")
        )
        self.modePicker.currentIndexChanged.connect(
            lambda i: self._on_mode_picked(self.modePicker.itemData(i))
        )
        row.addWidget(self.modePicker)
        self.showPreviousCheck = QCheckBox(self.tr("Previous run"), self)
        self.showPreviousCheck.setObjectName("showPreviousCheck")
        self.showPreviousCheck.setChecked(True)
        self.showPreviousCheck.setToolTip(self.tr("Show the last script run's history, faded"))
        self.showPreviousCheck.toggled.connect(lambda _on: self.redraw())
        row.addWidget(self.showPreviousCheck)
        self.clearPreviousButton = self._button(self.tr("Clear previous"), "clearPreviousButton")
        self.clearPreviousButton.clicked.connect(self.clear_previous)
        row.addWidget(self.clearPreviousButton)
        for text, name, slot, tip in (
            ("CSV…", "exportCsvButton", self._on_export_csv, self.tr("Export the history as CSV")),
            ("PNG…", "exportPngButton", self._on_export_png, self.tr("Export the plot as PNG")),
            ("SVG…", "exportSvgButton", self._on_export_svg, self.tr("Export the plot as SVG")),
        ):
            button = self._button(text, name)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
            setattr(self, name, button)
        return row

    def _build_repeat_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.repeatSpin = QSpinBox(self)
        self.repeatSpin.setObjectName("repeatSpin")
        self.repeatSpin.setRange(1, MAX_REPEAT)
        self.repeatSpin.setValue(100)
        self.repeatSpin.setPrefix("× ")
        self.repeatSpin.setGroupSeparatorShown(True)
        self.repeatSpin.setToolTip(self.tr("How many backward runs Run ×N does"))
        row.addWidget(self.repeatSpin)
        self.repeatButton = self._button(self.tr("Run ×N"), "repeatButton")
        self.repeatButton.setToolTip(self.tr("Backward N times with the current settings"))
        self.repeatButton.clicked.connect(self._on_repeat_clicked)
        row.addWidget(self.repeatButton)
        self.cancelRepeatButton = self._button(self.tr("Cancel"), "cancelRepeatButton")
        self.cancelRepeatButton.setEnabled(False)
        self.cancelRepeatButton.clicked.connect(self.cancelRequested)
        row.addWidget(self.cancelRepeatButton)
        self.repeatProgress = QProgressBar(self)
        self.repeatProgress.setObjectName("repeatProgress")
        self.repeatProgress.setRange(0, 1)
        self.repeatProgress.setValue(0)
        self.repeatProgress.setFormat("%v / %m")
        self.repeatProgress.setTextVisible(False)
        row.addWidget(self.repeatProgress, 1)
        return row

    def _build_crosshair(self) -> None:
        pen = pg.mkPen(100, 100, 100, 120, width=1)
        self._vline = pg.InfiniteLine(angle=90, movable=False, pen=pen)
        self._hline = pg.InfiniteLine(angle=0, movable=False, pen=pen)
        item = self.gradPlot.getPlotItem()
        item.addItem(self._vline, ignoreBounds=True)
        item.addItem(self._hline, ignoreBounds=True)
        self._vline.hide()
        self._hline.hide()
        self._mouse_proxy = pg.SignalProxy(
            self.gradPlot.scene().sigMouseMoved, rateLimit=60, slot=self._on_mouse_moved
        )

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        return button

    # -- public API ------------------------------------------------------------------------
    def set_history(self, history: HistoryData | None, *, throttle: bool = False) -> None:
        """Show ``history`` (and its ``previous``, faded); redraws at once, or with
        ``throttle`` as :meth:`refresh` does (for updates streamed during Run ×N).

        Each action brings a fresh object: the user's tensor and mode picks and the
        zoom stay while the tracked names do, and a cleared previous series stays
        cleared. The previous series is dropped when it tracked other names (another
        script was pasted over, see :func:`previous_matches`).
        """
        cleared = self._cleared_previous
        if history is not None and history.previous is not None and cleared is not None:
            prev = history.previous
            if prev is cleared[0] or _fingerprint(prev) == cleared[1]:
                history.clear_previous()
            else:
                self._cleared_previous = None
        if history is not None and previous_matches(history) is False:
            history.clear_previous()
        self._history = history
        if throttle:
            self.refresh()
        else:
            self.redraw()

    @property
    def history(self) -> HistoryData | None:
        """The history on screen."""
        return self._history

    def refresh(self) -> None:
        """Redraw from the history, at most every :data:`MIN_REDRAW_INTERVAL_S` (≤ 30 Hz).

        When redrawing takes long (huge histories) the interval grows so that redraws
        use at most a quarter of the GUI thread's time.
        """
        if self._redraw_timer.isActive():
            return
        interval = max(MIN_REDRAW_INTERVAL_S, 4 * self._draw_cost)
        wait = self._last_draw + interval - time.monotonic()
        if wait <= 0:
            self.redraw()
        else:
            self._redraw_timer.start(max(1, int(wait * 1000)))

    def set_repeat_running(self, running: bool) -> None:
        """Switch the Run ×N controls between idle and running."""
        self.repeatButton.setEnabled(not running)
        self.repeatSpin.setEnabled(not running)
        self.cancelRepeatButton.setEnabled(running)
        self._repeat_running = running
        self._repeat_x_total = None
        if running:
            self._repeat_base = self._history.count if self._history is not None else 0
            self.repeatProgress.setRange(0, self.repeatSpin.value())
            self.repeatProgress.setValue(0)
            self.repeatProgress.setTextVisible(True)
        else:
            self.gradPlot.getPlotItem().enableAutoRange(x=True, y=True)
            self.lossPlot.getPlotItem().enableAutoRange(y=True)
            self.refresh()

    def set_progress(self, done: int, total: int) -> None:
        """Show ``done`` of ``total`` runs in the progress bar and refresh the plot (throttled).

        While Run ×N runs, the x axis is fixed to where the run will end (no re-ranging,
        hence fewer repaints, and the curves fill the plot from left to right).
        """
        if self._repeat_running and total and total != self._repeat_x_total:
            self._repeat_x_total = total
            end = self._repeat_base + total
            self.gradPlot.getPlotItem().setXRange(0.5, end + 0.5, padding=0.01)
        self.repeatProgress.setRange(0, max(1, total))
        self.repeatProgress.setValue(done)
        self.repeatProgress.setTextVisible(True)
        self.refresh()

    def set_mode(self, name: str, mode: Mode) -> None:
        """Draw tensor ``name`` as ``"elements"``, ``"norm"``, ``"mean"`` or ``"max"``."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self._modes[name] = mode
        if self.tensorPicker.currentText() == name:
            self.modePicker.blockSignals(True)
            self.modePicker.setCurrentIndex(self.modePicker.findData(mode))
            self.modePicker.blockSignals(False)
        self.redraw()

    def mode(self, name: str) -> Mode:
        """How tensor ``name`` is drawn (the user's pick, else the history's default)."""
        if name in self._modes:
            return self._modes[name]
        if self._history is not None and name in self._history.tracked_names():
            return self._history.default_mode(name)
        return "elements"

    def curves(self) -> dict[str, pg.PlotDataItem]:
        """The current (non-faded) gradient curves by label."""
        return dict(self._curves)

    def previous_curves(self) -> list[pg.PlotDataItem]:
        """The faded curves of the previous run."""
        return list(self._prev_curves)

    def zero_marker_positions(self) -> list[float]:
        """x of every zero-grad event (between two runs: ``run + 0.5``).

        The plot draws the last :data:`MARKER_LINE_LIMIT` of them as dashed lines (one
        per position: zeroing twice between two runs is one marker).
        """
        h = self._history
        return [e.after_run + 0.5 for e in h.zero_events] if h is not None else []

    def step_marker_positions(self) -> list[float]:
        """x of every ``optimizer.step()`` (between two runs: ``run + 0.5``), drawn as
        dotted lines on the loss plot (the last :data:`MARKER_LINE_LIMIT` of them)."""
        h = self._history
        return [after + 0.5 for after in h.step_events] if h is not None else []

    def clear_previous(self) -> None:
        """Drop the faded previous series (also from later histories that carry it);
        emits :attr:`previousCleared`."""
        if self._history is not None and self._history.previous is not None:
            prev = self._history.previous
            self._cleared_previous = (prev, _fingerprint(prev))
            self._history.clear_previous()
        self.redraw()
        self.previousCleared.emit()

    def export_csv(self, path: str) -> None:
        """Write the history as CSV (see :meth:`HistoryData.to_csv`)."""
        if self._history is None:
            HistoryData().to_csv(path)
        else:
            self._history.to_csv(path)

    def export_png(self, path: str, width: int = 1200) -> None:
        """Render the gradient plot to a PNG file."""
        self.redraw()
        exporter = pg.exporters.ImageExporter(self.gradPlot.getPlotItem())
        exporter.parameters()["width"] = width
        exporter.export(path)

    def export_svg(self, path: str) -> None:
        """Write the gradient plot as SVG (pyqtgraph's exporter, else Qt's SVG generator)."""
        self.redraw()
        try:
            pg.exporters.SVGExporter(self.gradPlot.getPlotItem()).export(path)
        except ValueError:
            # pyqtgraph 0.14 cannot parse the path data newer Qt writes
            # (pyqtgraph/pyqtgraph#3485): paint the scene through QSvgGenerator instead.
            self._render_svg(path)

    def _render_svg(self, path: str) -> None:
        item = self.gradPlot.getPlotItem()
        source = item.sceneBoundingRect()
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(source.size().toSize())
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        generator.setTitle("Gradient Playground: .grad per backward run")
        painter = QPainter(generator)
        try:
            painter.fillRect(QRectF(0, 0, source.width(), source.height()), Qt.GlobalColor.white)
            item.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
        finally:
            painter.end()

    def crosshair_text(self, run: int) -> str:
        """The exact values of run ``run`` (1-based), as shown above the plot on hover."""
        h = self._history
        if h is None or not 1 <= run <= h.count:
            return ""
        source = h.sources()[run - 1]
        parts = [
            self.tr("run {run} ({source})").format(
                run=run, source=self.tr(RUN_SOURCES.get(source, source))
            )
        ]
        for label, curve in self._curves.items():
            _x, y = curve.getOriginalDataset()
            if y is not None and run - 1 < len(y):
                parts.append(f"{label} = {_fmt(y[run - 1])}")
        root = h.root_values()
        if run - 1 < len(root) and not math.isnan(root[run - 1]):
            names = h.root_names()
            parts.append(f"{names[0] if names else 'loss'} = {_fmt(root[run - 1])}")
        return "   ".join(parts)

    # -- drawing ---------------------------------------------------------------------------
    def redraw(self) -> None:
        """Redraw everything now from the history (unthrottled)."""
        self._redraw_timer.stop()
        start = time.monotonic()
        self._redraw()
        self._last_draw = time.monotonic()
        self._draw_cost = self._last_draw - start + self._paint_cost()

    def _paint_cost(self) -> float:
        return self.gradPlot.paint_cost + self.lossPlot.paint_cost

    def _redraw(self) -> None:
        h = self._history
        self._sync_tensor_picker()
        if h is None or h.count == 0:
            self._set_curves({}, np.zeros(0), None, np.zeros(0, dtype=np.int64))
            self._draw_previous()
            self._draw_zero_markers()
            self._draw_step_markers()
            self.lossCurve.setData([], [])
            self.prevLossCurve.setData([], [])
            self._set_loss_label(self.tr("loss"))
            self._show_empty(True)
            return
        self._show_empty(False)
        # Another thread may be adding runs: cut every array at one count.
        n = h.count
        x = np.arange(1, n + 1, dtype=np.float64)
        wanted: dict[str, np.ndarray] = {}
        for name in h.tracked_names():
            for label, y in h.series(name, self.mode(name)).items():
                wanted[label] = y[:n]
        breaks = np.unique([e.after_run for e in h.zero_events]).astype(np.int64)
        self._set_curves(wanted, x, h.source_codes()[:n], breaks)
        self._draw_previous()
        self._draw_zero_markers()
        self._draw_step_markers()
        self._show_grid(n <= THIN_PEN_ABOVE and not self._repeat_running)
        loss = h.root_values()[:n]
        self.lossCurve.setData(x, loss)
        roots = h.root_names()
        named = roots and roots[0] != "loss"  # not "loss (loss)"
        label = self.tr("loss ({root})").format(root=roots[0]) if named else self.tr("loss")
        self._set_loss_label(label)
        if self._repeat_running:
            self._set_y_range(self.gradPlot, list(wanted.values()))
            self._set_y_range(self.lossPlot, [loss])
        # Apply the new ranges now: pyqtgraph otherwise applies them while painting, which
        # moves every item and so paints the plot a second time.
        for widget in (self.gradPlot, self.lossPlot):
            widget.getPlotItem().getViewBox().prepareForPaint()

    def _show_empty(self, empty: bool) -> None:
        """An empty plot goes back to the default view (0..1, auto-range on) and shows
        no run numbers; the first runs then fit the view again."""
        for widget in (self.gradPlot, self.lossPlot):
            item = widget.getPlotItem()
            axis = item.getAxis("bottom")
            if isinstance(axis, RunAxis):
                axis.set_empty(empty)
        if not empty:
            return
        grad = self.gradPlot.getPlotItem()
        grad.setRange(xRange=EMPTY_RANGE, yRange=EMPTY_RANGE, padding=0)
        grad.enableAutoRange(x=True, y=True)
        loss = self.lossPlot.getPlotItem()
        loss.setYRange(*EMPTY_RANGE, padding=0)
        loss.enableAutoRange(y=True)

    def _set_loss_label(self, text: str) -> None:
        """Label the loss axis and keep the loss plot tall enough to show it uncut."""
        item = self.lossPlot.getPlotItem()
        axis = item.getAxis("left")
        if axis.labelText != text:
            item.setLabel("left", text)
        bottom = item.getAxis("bottom").height() or 45
        bottom += self.stepMarkers.strip.full_height()  # the step labels' row, if any
        view = max(axis.label.boundingRect().width(), LOSS_MIN_VIEW)  # room for a curve too
        needed = math.ceil(view + bottom + 16)
        self.lossPlot.setMinimumHeight(max(LOSS_MIN_HEIGHT, needed))

    def _show_grid(self, on: bool) -> None:
        """Grid lines only for short histories: pyqtgraph's grid costs 15-20 ms a paint."""
        if on == self._grid_on:
            return
        self._grid_on = on
        for widget in (self.gradPlot, self.lossPlot):
            widget.getPlotItem().showGrid(x=on, y=on, alpha=GRID_ALPHA)

    @staticmethod
    def _set_y_range(widget: pg.PlotWidget, arrays: list[np.ndarray]) -> None:
        """Set the y range from the data now (during Run ×N), instead of auto-ranging
        at paint time, which paints every frame twice."""
        finite = [a[np.isfinite(a)] for a in arrays]
        finite = [a for a in finite if a.size]
        if not finite:
            return
        low = min(float(a.min()) for a in finite)
        high = max(float(a.max()) for a in finite)
        if low == high:
            low, high = low - 0.5, high + 0.5
        widget.getPlotItem().setYRange(low, high, padding=0.05)

    def _set_curves(self, wanted: dict[str, np.ndarray], x: np.ndarray, codes, breaks) -> None:
        """Draw one curve per label; lines break at every zero (``breaks``: the runs after
        which one happened) and a point no line reaches keeps a symbol."""
        plot = self.gradPlot.getPlotItem()
        if list(wanted) != list(self._curves):
            for curve, dots in zip(self._curves.values(), self._dots.values(), strict=True):
                plot.removeItem(curve)
                plot.removeItem(dots)
            self._curves = {}
            self._dots = {}
            for i, label in enumerate(wanted):
                pen = _curve_pen(i, 2)
                self._curves[label] = plot.plot(name=label, pen=pen, connect="finite")
                # Point symbols live in their own item: a legend sample cannot draw a
                # per-point symbol list (pyqtgraph crashes painting it).
                dots = pg.ScatterPlotItem(brush=_color(i), pen=DOT_PEN)
                plot.addItem(dots)
                self._dots[label] = dots
        show_dots = codes is not None and 0 < len(x) <= SYMBOL_LIMIT
        # Wide pens are slow to rasterize: thin lines for long histories.
        width = 2 if len(x) <= THIN_PEN_ABOVE else 1
        for i, (label, y) in enumerate(wanted.items()):
            curve = self._curves[label]
            if curve.opts["pen"].width() != width:
                curve.setPen(_curve_pen(i, width))
            finite = np.isfinite(y)
            joined = connections(finite, breaks, keep_isolated=show_dots)
            curve.setData(x, y, connect=joined, autoDownsampleFactor=1.0)
            dots = self._dots[label]
            if show_dots:
                alone = isolated(joined) & finite
                shown, symbols = _point_symbols(codes, alone)
                shown &= finite
                bars = alone & (codes == REPEAT_CODE)
                # The bar is thin: outlined in its own colour, not white like ● and ■.
                pens = (
                    [_bar_pen(i) if b else DOT_PEN for b in bars[shown]] if bars.any() else DOT_PEN
                )
                dots.setData(
                    x=x[shown], y=y[shown], symbol=symbols[shown].tolist(), pen=pens, size=7
                )
            else:
                dots.setData(x=[], y=[])

    def _draw_previous(self) -> None:
        plot = self.gradPlot.getPlotItem()
        for curve in self._prev_curves:
            plot.removeItem(curve)
            self.legend.removeItem(curve)
        self._prev_curves = []
        h = self._history
        prev = h.previous if h is not None else None
        self.clearPreviousButton.setEnabled(prev is not None)
        shown = self.showPreviousCheck.isChecked() and previous_matches(h) is True
        if prev is None or prev.count == 0 or not shown:
            self.prevLossCurve.setData([], [])
            return
        x = prev.runs()
        breaks = [e.after_run for e in prev.zero_events]
        for name in prev.tracked_names():
            for y in prev.series(name, self.mode(name)).values():
                legend_name = self.tr(PREVIOUS_NAME) if not self._prev_curves else None
                joined = connections(np.isfinite(y), breaks, keep_isolated=False)
                curve = plot.plot(x, y, pen=PREVIOUS_PEN, name=legend_name, connect=joined)
                curve.setZValue(-1)
                self._prev_curves.append(curve)
        self.prevLossCurve.setData(x, prev.root_values())

    def _draw_zero_markers(self) -> None:
        h = self._history
        events = h.zero_events if h is not None else []
        # One marker between two runs, however often they were zeroed there (the last
        # zeroing tells what .grad was: zeros or None).
        last = {e.after_run: e.set_to_none for e in events}
        words = [".grad = None" if none else self.tr("zero") for none in last.values()]
        self.zeroMarkers.set_markers([run + 0.5 for run in last], words)

    def _draw_step_markers(self) -> None:
        positions = self.step_marker_positions()
        self.stepMarkers.set_markers(positions, [self.tr("step")] * len(positions))

    def marker_labels(self) -> dict[str, list[str]]:
        """The texts of the marker labels shown: ``{"zero": [...], "step": [...]}``."""
        return {
            "zero": [item.text() for item in self.zeroMarkers.strip.labels()],
            "step": [item.text() for item in self.stepMarkers.strip.labels()],
        }

    def _sync_tensor_picker(self) -> None:
        names = self._history.tracked_names() if self._history is not None else []
        current = [self.tensorPicker.itemText(i) for i in range(self.tensorPicker.count())]
        if names == current:
            return
        keep = self.tensorPicker.currentText()
        self.tensorPicker.blockSignals(True)
        self.tensorPicker.clear()
        self.tensorPicker.addItems(names)
        if keep in names:
            self.tensorPicker.setCurrentText(keep)
        self.tensorPicker.blockSignals(False)
        self._on_tensor_picked(self.tensorPicker.currentText())

    # -- handlers --------------------------------------------------------------------------
    def _on_tensor_picked(self, name: str) -> None:
        self.modePicker.blockSignals(True)
        self.modePicker.setCurrentIndex(
            self.modePicker.findData(self.mode(name) if name else "elements")
        )
        self.modePicker.blockSignals(False)
        self.modePicker.setEnabled(bool(name))

    def _on_mode_picked(self, mode: str) -> None:
        name = self.tensorPicker.currentText()
        if name:
            self.set_mode(name, mode)  # type: ignore[arg-type]

    def _on_repeat_clicked(self) -> None:
        self.repeatRequested.emit(self.repeatSpin.value())

    def _on_mouse_moved(self, event) -> None:
        pos = event[0] if isinstance(event, tuple | list) else event
        plot = self.gradPlot.getPlotItem()
        if not plot.sceneBoundingRect().contains(pos):
            return
        point: QPointF = plot.getViewBox().mapSceneToView(pos)
        run = int(round(point.x()))
        text = self.crosshair_text(run)
        if not text:
            self._vline.hide()
            self._hline.hide()
            self.crosshairLabel.setText(self.tr(HOVER_HINT))
            self.crosshairLabel.setToolTip("")
            return
        self._vline.setPos(run)
        self._hline.setPos(point.y())
        self._vline.show()
        self._hline.show()
        self.crosshairLabel.setText(text)
        self.crosshairLabel.setToolTip(text.replace("   ", "\n"))

    def _save_path(self, title: str, default: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, default, filters)
        return path

    def _on_export_csv(self) -> None:
        path = self._save_path(self.tr("Export history as CSV"), "grad-history.csv", "CSV (*.csv)")
        if path:
            self.export_csv(path)

    def _on_export_png(self) -> None:
        path = self._save_path(
            self.tr("Export plot as PNG"), "grad-plot.png", self.tr("PNG image (*.png)")
        )
        if path:
            self.export_png(path)

    def _on_export_svg(self) -> None:
        path = self._save_path(
            self.tr("Export plot as SVG"), "grad-plot.svg", self.tr("SVG image (*.svg)")
        )
        if path:
            self.export_svg(path)


def previous_matches(history: HistoryData | None) -> bool | None:
    """Whether ``history``'s previous series is a run of the same script (an edit of it):
    the same set of tracked names. ``None`` while that is unknown (no previous, or no
    run since the script ran: a script's tracked names are known from its first run)."""
    if history is None or history.previous is None:
        return None
    names = set(history.tracked_names())
    if not names:
        return None
    return names == set(history.previous.tracked_names())


def _point_symbols(codes: np.ndarray, alone: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which runs get a point symbol, and which: ● script, ■ button; a Run ×N run only
    when no line reaches it (``alone``), as a short bar."""
    symbols = np.array(list(SOURCE_SYMBOLS), dtype=object)[codes]
    shown = np.array([s is not None for s in SOURCE_SYMBOLS])[codes] | alone
    symbols[alone & (codes == REPEAT_CODE)] = ISOLATED_SYMBOL
    return shown, symbols


def _bar_pen(i: int):
    return pg.mkPen(_color(i), width=1)


def _fingerprint(history: HistoryData) -> tuple:
    """What tells one recorded history from another (copies of one compare equal)."""
    return (
        history.count,
        tuple(history.tracked_names()),
        tuple(history.root_names()),
        history.root_values().tobytes(),
        history.source_codes().tobytes(),
        tuple(history.zero_events),
    )


def _fmt(value: float) -> str:
    return "nan" if math.isnan(value) else repr(float(value))
