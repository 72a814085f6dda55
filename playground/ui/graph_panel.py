"""The graph dock's content: legend, view, backward step-through, export, node details.

It draws plain data the kernel sent (:class:`~playground.core.graph_model.AutogradGraph`
and :class:`~playground.core.trace_model.BackwardTrace`, tensors as
:class:`~playground.protocol.views.TensorView`); it is torch-free. The graph
always comes with its saved-tensor nodes, hidden here unless "Saved tensors" is on.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSlider,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from playground.core.graph_model import TENSOR_KINDS, AutogradGraph, GraphNode, tensor_id
from playground.core.layout import Layout, layout_graph
from playground.core.local_derivatives import local_derivative
from playground.core.trace_model import BackwardTrace, TraceStep
from playground.ui.flow_layout import FlowLayout
from playground.ui.graph_export import export_scene
from playground.ui.graph_view import (
    GraphLegend,
    GraphView,
    fit_scale,
    kernel_words,
    layout_bounds,
    node_lines,
    plural,
    summary_of,
    text_of,
)

#: How long an AccumulateGrad step makes its leaf flash, in ms.
FLASH_MS = 700
#: The direction menu: (text, layout direction or "auto").
DIRECTION_CHOICES = (
    (QT_TRANSLATE_NOOP("GraphPanel", "Auto"), "auto"),
    (QT_TRANSLATE_NOOP("GraphPanel", "Top → down"), "TB"),
    (QT_TRANSLATE_NOOP("GraphPanel", "Left → right"), "LR"),
)
#: "Auto" lays a big graph out left to right when the view is at least this much wider
#: than tall (a docked panel is wide and short: columns then read at full size).
WIDE_RATIO = 1.4
#: "Auto" tries both directions on graphs up to this many nodes and keeps the one
#: that fits the view at the larger zoom (bigger graphs: by the view's shape alone).
AUTO_TRY_BOTH = 400


def auto_direction(width: int, height: int) -> str:
    """``"LR"`` for a wide, short view, else ``"TB"``."""
    return "LR" if width >= WIDE_RATIO * max(height, 1) else "TB"


#: Node kinds in the summary's order (the legend's).
KINDS = ("leaf", "nonleaf", "nograd", "backward", "accumulate", "saved")
#: Lines of text the details pane always has room for.
DETAIL_LINES = 5
#: Below this height the panel is compact (see ``GraphPanel.set_compact``).
COMPACT_HEIGHT = 460
COMPACT_DETAIL_LINES = 2
LEGEND_MENU_WIDTH = 380


#: Node kinds as the details name them (the kernel sends the codes).
KIND_WORDS = {
    "leaf": QT_TRANSLATE_NOOP("GraphPanel", "leaf"),
    "nonleaf": QT_TRANSLATE_NOOP("GraphPanel", "non-leaf"),
    "nograd": QT_TRANSLATE_NOOP("GraphPanel", "no grad"),
    "saved": QT_TRANSLATE_NOOP("GraphPanel", "saved tensor"),
}


def _grads_html(grads: tuple[Any, ...] | None) -> str:
    if grads is None:
        return "<i>" + QCoreApplication.translate("GraphPanel", "not recorded") + "</i>"
    if not grads:
        return "()"
    return "<br>".join(
        f"[{i}] {html.escape(summary_of(g))}" if g is not None else f"[{i}] None"
        for i, g in enumerate(grads)
    )


def without_saved(graph: AutogradGraph) -> AutogradGraph:
    """``graph`` without its saved-tensor nodes and their edges (same order otherwise)."""
    if not any(node.kind == "saved" for node in graph.nodes):
        return graph
    kept = AutogradGraph()
    for node in graph.nodes:
        if node.kind != "saved":
            kept.add(node)
    kept.edges = [e for e in graph.edges if e.kind != "saved" and e.dst in kept]
    kept.groups = [replace(g) for g in graph.groups]
    kept.regroup()
    return kept


def local_saved_values(graph: AutogradGraph, node_id: str) -> dict[str, str]:
    """What backward node ``node_id`` saved, as far as ``graph`` tells: its non-tensor
    ``saved_info`` and the text of its saved-tensor nodes, by attribute name."""
    node = graph.get(node_id)
    if node is None:
        return {}
    out = dict(node.saved_info)
    for edge in graph.out_edges(node_id):
        child = graph.get(edge.dst) if edge.kind == "saved" else None
        if child is not None:
            out[child.id.rpartition("#")[2]] = text_of(child.value)
    return dict(sorted(out.items()))


class GraphPanel(QWidget):
    """Autograd graph of the current run, with backward step-through and export."""

    tensorSelected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graphPanel")
        #: The graph drawn (without saved tensors unless "Saved tensors" is on).
        self.graph: AutogradGraph | None = None
        self.layout_: Layout | None = None
        self.trace: BackwardTrace | None = None
        #: Asks the kernel what a backward node saved, live: ``node_id -> {attr: text}``
        #: (set by the window). Without it, the details use what the graph carries.
        self.saved_provider: Callable[[str], dict[str, str]] | None = None
        #: The graph as received (with its saved-tensor nodes), and the whole graph's
        #: node count before the kernel cut it.
        self._received: AutogradGraph | None = None
        self._total: int | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._keep_direction = True
        #: The highlighted cut (node ids, tooltip), kept across redraws.
        self._cut: tuple[list[str], str] = ([], "")
        self._build()

    # ------------------------------------------------------------------ widgets
    def _build(self) -> None:
        self.view = GraphView(self)
        self.legend = GraphLegend(self)
        self.details = QTextBrowser(self)
        self.details.setObjectName("graphDetails")
        self.details.setOpenLinks(False)
        self.fit_button = self._button(
            self.tr("Fit"),
            "graphFitButton",
            self.fit,
            self.tr("Fit the graph, keeping text readable (F)"),
        )
        self.fit_all_button = self._button(
            self.tr("All"),
            "graphFitAllButton",
            lambda: self.view.fit(whole=True),
            self.tr("Fit the whole graph, however small (Shift+F)"),
        )
        self.direction_box = QComboBox(self)
        self.direction_box.setObjectName("graphDirection")
        self.direction_box.setToolTip(
            self.tr("Lay the graph out top-down or left to right (Auto: by the view's shape)")
        )
        for text, value in DIRECTION_CHOICES:
            self.direction_box.addItem(self.tr(text), value)
        self.saved_check = QCheckBox(self.tr("Saved tensors"), self)
        self.saved_check.setObjectName("graphSavedCheck")
        self.saved_check.setToolTip(self.tr("Also draw what each backward node saved for backward"))
        self.collapse_check = QCheckBox(self.tr("Collapse modules"), self)
        self.collapse_check.setObjectName("graphCollapseModules")
        self.collapse_check.setToolTip(
            self.tr("Draw each nn.Module as one box (click a box's header to open or close it)")
        )
        self.collapse_check.setEnabled(False)
        svg = self._button(
            "SVG…", "graphExportSvg", lambda: self._ask_export("svg"), self.tr("Export SVG")
        )
        png = self._button(
            "PNG…", "graphExportPng", lambda: self._ask_export("png"), self.tr("Export PNG")
        )
        self.back_button = self._button(
            self.tr("◀ Back"), "graphStepBack", self.step_back, self.tr("Previous step")
        )
        self.step_button = self._button(
            self.tr("Step ▶"), "graphStep", self.step, self.tr("Next backward step")
        )
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("graphStepSlider")
        self.step_label = QLabel(self.tr("no backward yet"), self)
        self.step_label.setObjectName("graphStepLabel")
        self.step_label.setWordWrap(True)
        self._step_text = self.step_label.text()
        self.compact = False
        # A short dock (the compact window) keeps the room for the graph: the legend
        # moves into this button's menu and the step text is cut to one line.
        self.legend_button = QToolButton(self)
        self.legend_button.setObjectName("graphLegendButton")
        self.legend_button.setText(self.tr("Legend"))
        self.legend_button.setToolTip(self.tr("What the node shapes and colours mean"))
        self.legend_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        legend_menu = QMenu(self.legend_button)
        self.menu_legend = GraphLegend()
        self.menu_legend.setFixedWidth(LEGEND_MENU_WIDTH)
        legend_action = QWidgetAction(legend_menu)
        legend_action.setDefaultWidget(self.menu_legend)
        legend_menu.addAction(legend_action)
        self.legend_button.setMenu(legend_menu)
        self.legend_button.setVisible(False)

        tools = FlowLayout()  # wraps onto a second row in a narrow dock
        for w in (
            self.fit_button,
            self.fit_all_button,
            self.direction_box,
            self.saved_check,
            self.collapse_check,
            svg,
            png,
            self.legend_button,
        ):
            tools.addWidget(w)
        steps = QHBoxLayout()
        for w in (self.back_button, self.slider, self.step_button):
            steps.addWidget(w)
        steps.setStretchFactor(self.slider, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(self.details)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([400, 90])
        self._fit_details(DETAIL_LINES)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(self.legend)
        box.addLayout(tools)
        box.addWidget(split, 1)
        box.addLayout(steps)
        box.addWidget(self.step_label)

        self.view.nodeClicked.connect(self._on_node_clicked)
        self.saved_check.toggled.connect(self._on_saved_toggled)
        self.collapse_check.clicked.connect(self.set_modules_collapsed)
        self.view.groupToggled.connect(self._sync_collapse_check)
        self.direction_box.currentIndexChanged.connect(self._on_direction_changed)
        self.slider.valueChanged.connect(self._on_step_changed)
        self._flash_timer.timeout.connect(self.view.graph_scene.stop_flash)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(60)
        self.view.resized.connect(self._resize_timer.start)
        self._resize_timer.timeout.connect(self._follow_view_shape)
        self._set_trace_controls()

    def _fit_details(self, lines: int) -> None:
        # Room for a whole step (node, grad_outputs in, two grad_inputs out) unscrolled.
        height = self.details.fontMetrics().lineSpacing() * lines
        self.details.setMinimumHeight(height + 2 * self.details.frameWidth() + 12)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        """Switch to the compact arrangement in a short dock, and back."""
        super().resizeEvent(event)
        self.set_compact(self.height() < COMPACT_HEIGHT)
        self._show_step_text()

    def set_compact(self, compact: bool) -> None:
        """Compact: the legend is in the Legend button's menu, the node details get two
        lines and the step text one, so the graph itself keeps the room."""
        if compact == self.compact:
            return
        self.compact = compact
        self.legend.setVisible(not compact)
        self.legend_button.setVisible(compact)
        self.step_label.setWordWrap(not compact)
        self._fit_details(COMPACT_DETAIL_LINES if compact else DETAIL_LINES)
        self._show_step_text()

    def _set_step_text(self, text: str) -> None:
        self._step_text = text
        self._show_step_text()

    def _show_step_text(self) -> None:
        text = self._step_text
        if self.compact:
            width = max(self.step_label.width(), 40)
            text = self.step_label.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, width
            )
        self.step_label.setText(text)

    def step_text(self) -> str:
        """The step-through's whole sentence (the label may show it cut, in a short dock)."""
        return self._step_text

    def _button(self, text: str, name: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------------ public API
    def show_graph(
        self,
        graph: AutogradGraph,
        trace: BackwardTrace | None,
        *,
        total: int | None = None,
    ) -> None:
        """Draw ``graph`` (extracted with its saved tensors, which are drawn only when
        "Saved tensors" is on); with ``trace`` label edges with the gradients that
        flowed and enable stepping. ``total`` is the whole graph's node count when the
        kernel sent only part of it (the summary then says so)."""
        self._received = graph
        self._total = total
        self.trace = trace
        self._redraw()

    def add_bar(self, widget: QWidget) -> None:
        """Put a feature's bar (e.g. the forward timeline) above the step-through row."""
        box = self.layout()
        box.insertWidget(box.indexOf(self.step_label) - 1, widget)

    def has_graph(self) -> bool:
        """Whether a graph with nodes has been given."""
        return self._received is not None and bool(self._received.nodes)

    def highlight_nodes(self, ids: list[str], tooltip: str = "") -> list[str]:
        """Outline nodes ``ids`` as where a gradient's path is cut (kept across redraws
        until :meth:`clear_highlight`); returns those in the graph drawn."""
        self._cut = (list(ids), tooltip)
        return self.view.graph_scene.highlight_nodes(list(ids), tooltip)

    def clear_highlight(self) -> None:
        """Remove the cut's outline."""
        self._cut = ([], "")
        self.view.graph_scene.clear_highlight()

    def highlighted(self) -> list[str]:
        """Ids of the nodes outlined as a cut."""
        return [i for i, item in self.view.graph_scene.nodes.items() if item.cut]

    def select_tensor(self, name: str) -> None:
        """Highlight variable ``name`` (selected elsewhere, e.g. in the tensor table)."""
        node_id = tensor_id(name)
        if self.view.select_node(node_id) and self.graph is not None:
            self._show_details(self.graph.node(node_id))

    def fit(self) -> None:
        """Fit the graph in the view (the Fit button): a graph of up to
        :data:`~playground.ui.graph_view.FIT_WHOLE_NODES` nodes whole, at the largest
        zoom that shows all of it; a bigger one never smaller than readable."""
        self.view.fit()

    def export(self, path: str) -> None:
        """Write the graph to ``path``: ``.svg`` or ``.png`` by suffix."""
        export_scene(self.view.graph_scene, path)

    def set_direction(self, direction: str) -> None:
        """Lay graphs out ``"TB"`` (top-down), ``"LR"`` (left to right) or ``"auto"``."""
        values = [value for _, value in DIRECTION_CHOICES]
        self.direction_box.setCurrentIndex(values.index(direction))

    def layout_direction(self, graph: AutogradGraph | None = None) -> str:
        """The direction a new layout of ``graph`` gets: the chosen one, or on "Auto"
        the one in which ``graph`` (up to :data:`AUTO_TRY_BOTH` nodes) fits the view
        at the larger zoom, else the one the view's shape suggests."""
        choice = self.direction_box.currentData()
        if choice != "auto":
            return choice
        size = self.view.maximumViewportSize()
        by_shape = auto_direction(size.width(), size.height())
        if graph is None or not 0 < len(graph.nodes) <= AUTO_TRY_BOTH:
            return by_shape
        lines = np.array([len(node_lines(node)) for node in graph.nodes])
        widths = self.view.graph_scene.node_widths(graph)
        scales = {}
        for direction in ("TB", "LR"):
            wide = widths if direction == "LR" else None
            layout = layout_graph(graph, direction=direction, widths=wide)
            bounds = layout_bounds(layout, lines, wide)
            scales[direction] = fit_scale(bounds, size.width(), size.height())
        other = "TB" if by_shape == "LR" else "LR"
        return other if scales[other] > 1.05 * scales[by_shape] else by_shape

    def set_group_expanded(self, path: str, expanded: bool) -> bool:
        """Open (or close) the module group ``path`` (``encoder.0``); ``False`` if the
        graph drawn has no such group."""
        done = self.view.graph_scene.group_layer.set_expanded(path, expanded)
        self._sync_collapse_check()
        return done

    def expanded_groups(self) -> list[str]:
        """Paths of the module groups drawn open (a group inside a collapsed one is not)."""
        return self.view.graph_scene.group_layer.expanded()

    def collapsed_groups(self) -> list[str]:
        """Paths of the module groups drawn collapsed, as one box."""
        layer = self.view.graph_scene.group_layer
        return [p for p in layer.items if p in layer.collapsed]

    def set_modules_collapsed(self, collapsed: bool) -> None:
        """Collapse every module group (the "Collapse modules" toggle), or open them all;
        a view that follows its fit is fitted again (the picture changed size)."""
        self.view.graph_scene.group_layer.set_all(collapsed)
        self._sync_collapse_check()
        if self.view.auto_fitting():
            self.view.fit(whole=self.view.fit_whole())

    def _sync_collapse_check(self, *_args: object) -> None:
        layer = self.view.graph_scene.group_layer
        self.collapse_check.setEnabled(bool(layer.items))
        self.collapse_check.setChecked(bool(layer.items) and layer.collapsed >= set(layer.items))

    def set_saved_tensors(self, on: bool) -> None:
        """Show (or hide) the saved tensors of backward nodes."""
        self.saved_check.setChecked(on)

    def step(self) -> None:
        """Next step of the recorded backward."""
        self.slider.setValue(self.slider.value() + 1)

    def step_back(self) -> None:
        """Previous step of the recorded backward."""
        self.slider.setValue(self.slider.value() - 1)

    def current_step(self) -> TraceStep | None:
        """The step shown, or ``None`` (no trace, or the overview before step 1)."""
        index = self.slider.value()
        if self.trace is None or not 0 <= index < len(self.trace.steps):
            return None
        return self.trace.steps[index]

    # ------------------------------------------------------------------ internals
    def _redraw(self) -> None:
        graph = self._received if self._received is not None else AutogradGraph()
        if not self.saved_check.isChecked():
            graph = without_saved(graph)
        previous = self.layout_
        same = previous is not None and previous.shape_key[:2] == graph.shape_key()
        # A re-run of the same graph keeps its direction (and so every position).
        direction = previous.direction if same and self._keep_direction else None
        direction = direction or self.layout_direction(graph)
        self._keep_direction = True
        widths = self.view.graph_scene.node_widths(graph) if direction == "LR" else None
        layout = layout_graph(graph, previous, direction=direction, widths=widths)
        same_shape = (
            previous is not None
            and previous.shape_key == layout.shape_key
            and previous.direction == layout.direction
        )
        # A view the user zoomed or panned is kept for a re-run or an edit of the graph
        # shown (the layout keeps the nodes they share in place); else it is fitted.
        related = (
            previous is not None
            and previous.direction == layout.direction
            and (same_shape or 2 * len(set(previous.ids) & set(layout.ids)) >= len(previous.ids))
        )
        self.graph, self.layout_ = graph, layout
        selected = [i.node.id for i in self.view.graph_scene.selectedItems() if hasattr(i, "node")]
        self.view.set_graph(graph, layout, keep_view=related)
        self.view.graph_scene.show_trace(self.trace)
        self.view.graph_scene.highlight_nodes(*self._cut)
        self._sync_collapse_check()
        shown = [i for i in selected if self.view.select_node(i, center=False)]
        self._set_trace_controls()
        if shown:
            self._show_details(graph.node(shown[0]))  # fresh values for the selection
        else:
            self.details.setHtml(self._summary_html())

    def summary_text(self) -> str:
        """``"11 nodes (1 leaf, 4 non-leaf tensors, 5 backward nodes, 1 AccumulateGrad
        node)"``: the graph drawn, counted by kind (``""`` before any graph)."""
        if self.graph is None:
            return ""
        counts: dict[str, int] = {}
        for node in self.graph.nodes:
            counts[node.kind] = counts.get(node.kind, 0) + 1
        parts = ", ".join(self.kind_count(kind, counts[kind]) for kind in KINDS if kind in counts)
        total = plural(self.tr("%n node(s)", "", len(self.graph.nodes)), len(self.graph.nodes))
        return f"{total} ({parts})" if parts else total

    def kind_count(self, kind: str, n: int) -> str:
        """``"1 leaf"``, ``"2 leaves"``, ``"3 backward nodes"`` … (``kind``: a node kind)."""
        texts = {
            "leaf": lambda: self.tr("%n leaf(s)", "", n),
            "nonleaf": lambda: self.tr("%n non-leaf tensor(s)", "", n),
            "nograd": lambda: self.tr("%n tensor(s) without grad", "", n),
            "backward": lambda: self.tr("%n backward node(s)", "", n),
            "accumulate": lambda: self.tr("%n AccumulateGrad node(s)", "", n),
            "saved": lambda: self.tr("%n saved tensor(s)", "", n),
        }
        return plural(texts[kind](), n)

    def _summary_html(self) -> str:
        if self.graph is None:
            return ""
        hint = (
            self.tr("Click a node for details.") if self.graph.nodes else self.tr("No tensors yet.")
        )
        text = html.escape(f"{self.summary_text()}. {hint}")
        cut = self.cut_text()
        return f"{text}<br><b>{html.escape(cut)}</b>" if cut else text

    def cut_text(self) -> str:
        """``"showing the 2,000 nodes nearest the named tensors of 12,345"`` when the
        kernel sent only part of the graph, else ``""``."""
        sent = len(self._received.nodes) if self._received is not None else 0
        if self._total is None or self._total <= sent:
            return ""
        text = self.tr("showing the {shown} nodes nearest the named tensors of {total}")
        return text.format(shown=f"{sent:,}", total=f"{self._total:,}")

    def _set_trace_controls(self) -> None:
        steps = len(self.trace.steps) if self.trace is not None else 0
        for w in (self.slider, self.step_button, self.back_button):
            w.setEnabled(steps > 0)
        # -1 is the overview (no step highlighted); 0 .. steps-1 replay the engine's order.
        self.slider.blockSignals(True)
        self.slider.setRange(-1, steps - 1)
        self.slider.setValue(-1)
        self.slider.blockSignals(False)
        self._set_overview_text()

    def _set_overview_text(self) -> None:
        steps = len(self.trace.steps) if self.trace is not None else 0
        if self.trace is not None and self.trace.error:
            reason = self.trace.error.split(". ")[0]
            failed = plural(
                self.tr("the last backward failed after %n step(s): {reason}", "", steps), steps
            )
            self._set_step_text(failed.format(reason=reason))
            self.step_label.setToolTip(self.trace.error)
        elif steps:
            recorded = self.tr("backward recorded: %n step(s) — use Step ▶ to replay", "", steps)
            self._set_step_text(plural(recorded, steps))
        else:
            self._set_step_text(self.tr("no backward yet: press Backward to see gradients flow"))

    def _on_saved_toggled(self, _on: bool) -> None:
        if self.has_graph():
            self._redraw()

    def _follow_view_shape(self) -> None:
        """On "Auto", a view that changed from wide to tall (or back) before the user
        touched it gets the other layout (e.g. the window's first layout pass)."""
        if (
            self.layout_ is None
            or not self.has_graph()
            or self.direction_box.currentData() != "auto"
            or not self.view.auto_fitting()
            or self.slider.value() != -1
            or self.layout_direction(self.graph) == self.layout_.direction
        ):
            return
        self._keep_direction = False
        self._redraw()

    def _on_direction_changed(self, _index: int) -> None:
        self._keep_direction = False
        if self.has_graph():
            self._redraw()

    def _on_step_changed(self, index: int) -> None:
        step = self.view.graph_scene.show_step(self.trace, index)
        if step is None or self.trace is None:
            self._set_overview_text()
            return
        total = len(self.trace.steps)
        where = self.tr("step {index}/{total}: {node}")
        name = step.node_name + (self.tr(" (custom backward)") if self._is_custom(step) else "")
        formula = None if self._is_custom(step) else local_derivative(step.node_name)
        name += f": {formula}" if formula else ""
        self._set_step_text(where.format(index=index + 1, total=total, node=name))
        item = self.view.graph_scene.nodes.get(step.node_key)
        if item is not None:
            self.view.centerOn(item)
        if step.is_accumulate:
            self._flash_timer.start(FLASH_MS)
        self.details.setHtml(self._step_html(index, step))

    def _is_custom(self, step: TraceStep) -> bool:
        """Whether the step ran a custom ``autograd.Function``'s backward (Python code)."""
        node = self.graph.get(step.node_key) if self.graph is not None else None
        return node is not None and node.custom

    def _step_html(self, index: int, step: TraceStep) -> str:
        custom = self.tr(" (custom backward)") if self._is_custom(step) else ""
        rows = [
            "<b>"
            + self.tr("Step {number}: {node}").format(
                number=index + 1, node=html.escape(step.node_name)
            )
            + f"{custom}</b>",
            self.tr("grad_outputs (in): {grads}").format(grads=_grads_html(step.grad_outputs)),
        ]
        formula = None if custom else local_derivative(step.node_name)
        if formula:
            local = self.tr("local derivative: {formula}")
            rows.insert(1, local.format(formula=f"<code>{html.escape(formula)}</code>"))
        if step.is_accumulate:
            who = step.leaf_name or self.tr("(unnamed leaf)")
            grad = html.escape(summary_of(step.grad_after))
            rows.append(
                self.tr("accumulated into <b>{name}.grad</b> = {grad}").format(
                    name=html.escape(who), grad=grad
                )
            )
        else:
            rows.append(
                self.tr("grad_inputs (out): {grads}").format(grads=_grads_html(step.grad_inputs))
            )
        return "<br>".join(rows)

    def _on_node_clicked(self, node_id: str) -> None:
        if self.graph is None or node_id not in self.graph:
            return
        node = self.graph.node(node_id)
        self._show_details(node)
        if node.kind in TENSOR_KINDS and node.names:
            self.tensorSelected.emit(node.names[0])

    def _show_details(self, node: GraphNode) -> None:
        self.details.setHtml(self.node_html(node))

    def node_html(self, node: GraphNode) -> str:
        """Details of ``node``: values for tensors; inputs, outputs, saved tensors and
        script line for backward nodes."""
        esc = html.escape
        title = esc(" · ".join(kernel_words(line) for line in node.label.split("\n")))
        if node.kind in TENSOR_KINDS or node.kind == "saved":
            kind = QCoreApplication.translate("GraphPanel", KIND_WORDS.get(node.kind, node.kind))
            rows = [
                f"<b>{title}</b> ({kind})",
                f"dtype {node.dtype}, requires_grad={node.requires_grad}, is_leaf={node.is_leaf}",
                f"<pre>{esc(text_of(node.value))}</pre>",
            ]
            if node.grad is not None:
                rows.append(f".grad =<pre>{esc(text_of(node.grad))}</pre>")
            if node.why:
                why = esc(kernel_words(node.why))
                rows.append(self.tr("not in the autograd graph: <b>{why}</b>").format(why=why))
            return "".join(r if r.startswith("<pre") else r + "<br>" for r in rows)
        assert self.graph is not None
        rows = [f"<b>{title}</b>"]
        if node.line is not None:
            rows.append(self.tr("created at script line {line}").format(line=node.line))
        outs = [self._label(e.src) for e in self.graph.in_edges(node.id) if e.kind != "saved"]
        rows.append(self.tr("outputs (gradient comes from): ") + (esc(", ".join(outs)) or "—"))
        ins = [
            f"[{e.index}] {esc(self._label(e.dst))}"
            for e in self.graph.out_edges(node.id)
            if e.kind == "next"
        ]
        if node.kind == "accumulate":
            leaf = esc(", ".join(node.names) or self.tr("(unnamed leaf)"))
            ins = [self.tr("fills {name}.grad").format(name=leaf)]
        rows.append(self.tr("inputs (gradient goes to): ") + ("; ".join(ins) or "—"))
        if node.kind == "backward":
            saved = self.saved_values(node.id)
            if saved:
                rows.append(
                    self.tr("saved for backward:")
                    + "".join(
                        f"<br>&nbsp;{esc(k)} = {esc(kernel_words(v))}" for k, v in saved.items()
                    )
                )
        if self.trace is not None:
            index = self.trace.step_of(node.id)
            if index is not None:
                rows.append(self._step_html(index, self.trace.steps[index]))
        return "<br>".join(rows)

    def saved_values(self, node_id: str) -> dict[str, str]:
        """What backward node ``node_id`` saved: ``{attr: text}``, from
        :attr:`saved_provider` (the kernel, live) when set and answering, else from the
        graph (its ``saved_info`` and saved-tensor nodes)."""
        if self.saved_provider is not None:
            try:
                live = self.saved_provider(node_id)
            except Exception:  # noqa: BLE001 - the kernel went away: show what we have
                live = None
            if live:
                return dict(live)
        if self._received is None:
            return {}
        return local_saved_values(self._received, node_id)

    def _label(self, node_id: str) -> str:
        assert self.graph is not None
        return self.graph.node(node_id).label.split("\n")[0]

    def _ask_export(self, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export graph"), f"graph.{kind}", f"{kind.upper()} (*.{kind})"
        )
        if path:
            self.export(path)
