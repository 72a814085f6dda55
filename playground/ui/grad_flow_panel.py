"""Gradient flow: the forums' ``plot_grad_flow`` idiom, live, beside the plot.

For every parameter (every leaf that requires grad, named as the Tensors panel names it:
``model.0.weight``) the kernel records the mean and max of ``|grad|`` after each
backward (:meth:`playground.core.history_data.HistoryData.flow_values`). This dock
draws them two ways, both on a log y axis:

* bars for the last backward, in layer order (max behind, mean in front);
* lines over the backward runs (mean solid, max dotted), one colour per parameter.

A parameter whose mean ``|grad|`` is at least :data:`OUTLIER_FACTOR` times smaller or
larger than the median over all parameters is marked "vanishing" / "exploding" (its bar
in colour with a label), and a sentence above the plots lists them.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from playground.core.history_data import HistoryData
from playground.ui.plot_panel import style_plot

#: How many times smaller or larger than the median a layer's gradient is to be marked.
OUTLIER_FACTOR = 100.0
MEAN_COLOR = "#1f77b4"
MAX_COLOR = (120, 190, 230, 140)
MARK_COLORS = {"vanishing": "#d62728", "exploding": "#ff7f0e"}
PALETTE = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")


def outliers(means: dict[str, float], factor: float = OUTLIER_FACTOR) -> dict[str, str]:
    """``name -> "vanishing" | "exploding"`` for the means at least ``factor`` times
    below or above the median of the positive finite means (a zero mean is vanishing)."""
    finite = [v for v in means.values() if math.isfinite(v) and v > 0]
    if len(finite) < 2:
        return {}
    median = float(np.median(finite))
    marked: dict[str, str] = {}
    for name, value in means.items():
        if not math.isfinite(value):
            continue
        if value * factor <= median:
            marked[name] = "vanishing"
        elif value >= median * factor:
            marked[name] = "exploding"
    return marked


def short_names(names: list[str]) -> list[str]:
    """The names without the dotted prefix they all share (``model.0.weight`` ->
    ``0.weight``), so the bars' labels fit under them."""
    if len(names) < 2:
        return list(names)
    parts = [n.split(".") for n in names]
    common = 0
    while all(len(p) > common + 1 and p[common] == parts[0][common] for p in parts):
        common += 1
    return [".".join(p[common:]) for p in parts]


def _log10(values: np.ndarray) -> np.ndarray:
    """log10 of the positive values, NaN elsewhere (a log axis cannot show 0 or None)."""
    out = np.full(values.shape, np.nan)
    positive = np.isfinite(values) & (values > 0)
    out[positive] = np.log10(values[positive])
    return out


def _plot(parent: QWidget, name: str, left: str, bottom: str) -> pg.PlotWidget:
    widget = pg.PlotWidget(parent)
    item = style_plot(widget, name)
    for axis_name in ("left", "bottom"):
        item.getAxis(axis_name).enableAutoSIPrefix(False)
    item.setLabel("left", left)
    item.setLabel("bottom", bottom)
    item.setLogMode(x=False, y=True)
    item.showGrid(x=False, y=True, alpha=0.25)
    return widget


class GradFlowPanel(QWidget):
    """The gradient-flow view (see the module docstring); :meth:`set_history` feeds it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradFlowPanel")
        self._history: HistoryData | None = None
        self._bars: dict[str, tuple[float, float]] = {}
        self._lines: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._marked: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.sentenceLabel = QLabel(self)
        self.sentenceLabel.setObjectName("gradFlowSentence")
        self.sentenceLabel.setWordWrap(True)
        self.sentenceLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.sentenceLabel)
        mean_max = self.tr("|grad| (mean, max)")
        self.barsPlot = _plot(self, "gradFlowBars", mean_max, self.tr("parameter (layer order)"))
        self.linesPlot = _plot(
            self, "gradFlowLines", self.tr("mean |grad|"), self.tr("backward run")
        )
        self.linesPlot.getPlotItem().addLegend(
            offset=(-4, 4),
            labelTextSize="8pt",
            labelTextColor="#222222",
            brush=(255, 255, 255, 210),
        )
        layout.addWidget(self.barsPlot, 1)
        layout.addWidget(self.linesPlot, 1)
        self._show_sentence()

    # -- public API ------------------------------------------------------------------------
    def set_history(self, history: HistoryData | None) -> None:
        """Draw the gradient flow of ``history`` (``None``: nothing recorded)."""
        self._history = history
        self._read(history)
        self._draw_bars()
        self._draw_lines()
        self._show_sentence()

    def bar_values(self) -> dict[str, tuple[float, float]]:
        """The bars: ``name -> (mean |grad|, max |grad|)`` of the last backward, in layer
        order (NaN for a parameter whose ``.grad`` is None: no bar)."""
        return dict(self._bars)

    def line_values(self) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """The lines: ``name -> (runs, mean |grad| per run, max |grad| per run)``."""
        return {n: (x.copy(), m.copy(), mx.copy()) for n, (x, m, mx) in self._lines.items()}

    def marked(self) -> dict[str, str]:
        """The marked parameters of the last backward: ``name -> "vanishing" | "exploding"``."""
        return dict(self._marked)

    def sentence(self) -> str:
        """The sentence above the plots."""
        return self.sentenceLabel.text()

    # -- reading ---------------------------------------------------------------------------
    def _read(self, history: HistoryData | None) -> None:
        names = history.flow_names() if history is not None else []
        if history is None or not history.count or not names:
            self._bars, self._lines, self._marked = {}, {}, {}
            return
        self._bars = history.flow_last()
        runs = history.runs()
        first = history.flow_first
        self._lines = {}
        for name in names:
            values = history.flow_values(name)
            self._lines[name] = (runs[first:], values[first:, 0], values[first:, 1])
        self._marked = outliers({n: mean for n, (mean, _max) in self._bars.items()})

    # -- drawing ---------------------------------------------------------------------------
    def _draw_bars(self) -> None:
        item = self.barsPlot.getPlotItem()
        item.clear()
        names = list(self._bars)
        if not names:
            return
        means = _log10(np.array([self._bars[n][0] for n in names]))
        maxes = _log10(np.array([self._bars[n][1] for n in names]))
        both = np.concatenate([means, maxes])
        both = both[np.isfinite(both)]
        if not both.size:
            return
        floor = math.floor(float(both.min())) - 0.5
        x = np.arange(len(names), dtype=float)
        shown = np.isfinite(maxes)
        item.addItem(
            pg.BarGraphItem(
                x=x[shown],
                y0=floor,
                height=maxes[shown] - floor,
                width=0.8,
                brush=pg.mkBrush(MAX_COLOR),
                pen=pg.mkPen(None),
            )
        )
        shown = np.isfinite(means)
        brushes = [pg.mkBrush(MARK_COLORS.get(self._marked.get(n, ""), MEAN_COLOR)) for n in names]
        item.addItem(
            pg.BarGraphItem(
                x=x[shown],
                y0=floor,
                height=means[shown] - floor,
                width=0.45,
                brushes=[b for b, s in zip(brushes, shown, strict=True) if s],
                pen=pg.mkPen(None),
            )
        )
        for i, name in enumerate(names):
            kind = self._marked.get(name)
            if kind is None or not math.isfinite(means[i]):
                continue
            label = pg.TextItem(self._kind_text(kind), color=MARK_COLORS[kind], anchor=(0.5, 1))
            label.setPos(float(i), float(np.nanmax([means[i], maxes[i]])))
            item.addItem(label)
        labels = short_names(names)
        item.getAxis("bottom").setTicks([[(float(i), t) for i, t in enumerate(labels)]])
        item.setXRange(-0.6, len(names) - 0.4, padding=0)
        top = float(both.max()) + 0.6
        item.setYRange(floor, top, padding=0)

    def _draw_lines(self) -> None:
        item = self.linesPlot.getPlotItem()
        item.clear()
        for i, (name, (runs, mean, maxes)) in enumerate(self._lines.items()):
            kind = self._marked.get(name)
            color = MARK_COLORS[kind] if kind else PALETTE[i % len(PALETTE)]
            width = 2.5 if kind else 1.5
            item.plot(
                runs,
                _positive(mean),
                pen=pg.mkPen(color, width=width),
                name=name,
                connect="finite",
            )
            dotted = pg.mkPen(color, width=1, style=Qt.PenStyle.DotLine)
            item.plot(runs, _positive(maxes), pen=dotted, connect="finite")

    def _kind_text(self, kind: str) -> str:
        return self.tr("vanishing") if kind == "vanishing" else self.tr("exploding")

    def _show_sentence(self) -> None:
        self.sentenceLabel.setText(self._sentence())

    def _sentence(self) -> str:
        if not self._bars:
            return self.tr(
                "No backward recorded yet: after one, each parameter's mean and max |grad| "
                "appear here."
            )
        means = {n: m for n, (m, _x) in self._bars.items()}
        positive = [v for v in means.values() if math.isfinite(v) and v > 0]
        median = float(np.median(positive)) if positive else math.nan
        parts = []
        for kind in ("vanishing", "exploding"):
            names = [n for n, k in self._marked.items() if k == kind]
            if not names:
                continue
            listed = ", ".join(f"{n} ({means[n]:.2g})" for n in names)
            if kind == "vanishing":
                text = self.tr("Vanishing (≥ 100× below the median {median}): {names}.")
            else:
                text = self.tr("Exploding (≥ 100× above the median {median}): {names}.")
            parts.append(text.format(median=f"{median:.2g}", names=listed))
        if not parts:
            parts.append(
                self.tr(
                    "No layer's mean |grad| is 100× below or above the median ({median})."
                ).format(median=f"{median:.2g}")
            )
        missing = [n for n, v in means.items() if not math.isfinite(v)]
        if missing:
            parts.append(self.tr("No gradient (None): {names}.").format(names=", ".join(missing)))
        return " ".join(parts)


def _positive(values: np.ndarray) -> np.ndarray:
    out = np.asarray(values, dtype=float).copy()
    out[~(np.isfinite(out) & (out > 0))] = np.nan
    return out


def install(window: Any) -> GradFlowPanel:
    """Add the "Gradient flow" dock beside the plot; it follows the session's state and
    Run ×N's progress."""
    panel = GradFlowPanel(window)
    title = QCoreApplication.translate("GradFlowPanel", "Gradient flow")
    window.add_feature_dock(title, "gradFlowDock", panel, "graph_tab")
    session = window.session

    def on_state(state: Any) -> None:
        panel.set_history(getattr(state, "history", None))

    def on_progress(_done: int, _requested: int, history: Any) -> None:
        if history is not None:
            panel.set_history(history)

    session.stateChanged.connect(on_state)
    session.repeatProgress.connect(on_progress)
    if session.state is not None:
        on_state(session.state)
    return panel
