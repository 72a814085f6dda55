"""The forward timeline: a slider over the run's top-level statements, in the graph panel.

Position k shows the autograd graph and the Tensors panel as they were after statement
k (the kernel recorded them, :mod:`playground.kernel.timeline`) and shades that
statement in the editor, so the learner watches the graph grow during the forward
pass. The slider's end is the live state, where the graph panel's step-through replays
the backward; any new state (a run, Backward, Zero grad) goes back there.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from playground.protocol.views import TimelineEntry, TimelineView, WireError, timeline_from_wire
from playground.ui.graph_view import plural


class ElidedLabel(QLabel):
    """One line cut with "…" to the room it gets; ``text()`` and the tooltip keep the
    whole text."""

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Show ``text`` (cut to fit when painted), whole in the tooltip."""
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As narrow as the layout needs (the text is cut, never wrapped)."""
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 (Qt override)
        """The text, elided at the right."""
        painter = QPainter(self)
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.width()
        )
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.drawText(self.rect(), align, shown)


class TimelineBar(QWidget):
    """The slider (``timelineSlider``) and its sentence (``timelineLabel``)."""

    #: The position shown changed: a statement's 1-based index, or ``None`` (live).
    positionChanged = Signal(object)

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineBar")
        self.window_ = window
        self.timeline: TimelineView | None = None
        #: The run (``RunView``) the timeline belongs to.
        self._run: Any = None
        self._position: int | None = None
        caption = QLabel(self.tr("Forward:"), self)
        caption.setToolTip(self.tr("The graph and the tensors after each top-level statement"))
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("timelineSlider")
        self.slider.setPageStep(1)
        self.slider.setToolTip(
            self.tr("Drag to see the graph and the tensors after each statement; the end is live")
        )
        self.label = ElidedLabel(self)
        self.label.setObjectName("timelineLabel")
        # One row (the graph keeps the height): caption, slider, then where it is.
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(caption)
        row.addWidget(self.slider, 3)
        row.addWidget(self.label, 2)
        self.slider.valueChanged.connect(self._on_slider_moved)
        window.session.stateChanged.connect(self._on_state_changed)
        window.session.actionDone.connect(self._on_action_done)
        self.set_timeline(None)

    # ------------------------------------------------------------------ provider API
    def position(self) -> int | None:
        """The statement shown (1-based), or ``None`` for the live state."""
        return self._position

    def set_position(self, k: int | None) -> None:
        """Show the state after statement ``k`` (1-based); ``None`` or past the last
        recorded statement shows the live state."""
        count = self.count()
        value = count + 1 if k is None or not 1 <= k <= count else k
        if self.slider.value() == value:
            self._show(value)
        else:
            self.slider.setValue(value)

    def count(self) -> int:
        """How many statements the timeline recorded."""
        return len(self.timeline.entries) if self.timeline is not None else 0

    def entry(self, k: int) -> TimelineEntry:
        """The recorded state after statement ``k`` (1-based)."""
        assert self.timeline is not None
        return self.timeline.entries[k - 1]

    # ------------------------------------------------------------------ session
    def _on_state_changed(self, _state: Any) -> None:
        run = self.window_.session.run
        if run is not self._run:
            self._run = run
            self.set_timeline(None)
            if run is not None:
                self.label.setText(self.tr("recording the forward timeline…"))
                self.window_.session.timeline()
            return
        self._go_live(redraw=False)  # the window draws the new state itself

    def _on_action_done(self, op: str, outcome: Any) -> None:
        if op != "timeline":
            return
        reply, run = outcome.reply, self._run
        if reply is None or run is None:
            self.label.setText(self.tr("no forward timeline: the kernel did not answer"))
            return
        try:
            timeline = timeline_from_wire(reply)
        except (WireError, KeyError, TypeError, ValueError):
            self.label.setText(self.tr("no forward timeline: the kernel's answer was malformed"))
            return
        if timeline.source == run.source:  # else it belongs to a run since replaced
            self.set_timeline(timeline)

    # ------------------------------------------------------------------ drawing
    def set_timeline(self, timeline: TimelineView | None) -> None:
        """Show ``timeline`` (``None``: none yet), at its live end."""
        self.timeline = timeline
        count = self.count()
        self.slider.blockSignals(True)
        self.slider.setRange(1, count + 1)
        self.slider.setValue(count + 1)
        self.slider.blockSignals(False)
        self.slider.setEnabled(count > 0)
        self._position = None
        self.window_.editor.set_statement_highlight(None)
        self.label.setText(self.text())

    def _on_slider_moved(self, value: int) -> None:
        self._show(value)

    def _show(self, value: int) -> None:
        if not 1 <= value <= self.count():
            self._go_live(redraw=True)
            return
        entry = self.entry(value)
        self._position = value
        window = self.window_
        window.graph_panel.show_graph(entry.graph, None, total=entry.graph_total)
        window.tensor_table.update_tensors(entry.tensors)
        window.editor.set_statement_highlight(entry.line, entry.end_line)
        reveal_line(window.editor, entry.line)
        self.label.setText(self.text())
        self.positionChanged.emit(value)

    def _go_live(self, *, redraw: bool) -> None:
        was = self._position
        self._position = None
        self.slider.blockSignals(True)
        self.slider.setValue(self.slider.maximum())
        self.slider.blockSignals(False)
        self.window_.editor.set_statement_highlight(None)
        self.label.setText(self.text())
        state = self.window_.session.state
        if redraw and state is not None:
            panel = self.window_.graph_panel
            panel.show_graph(state.graph, state.trace, total=state.graph_total)
            self.window_.tensor_table.update_tensors(state.tensors)
        if was is not None:
            self.positionChanged.emit(None)

    def text(self) -> str:
        """The sentence under the slider: the statement shown, or what the live end is."""
        timeline = self.timeline
        if timeline is None:
            return ""
        if timeline.mode != "python":
            return self.tr("The forward timeline is for Python mode (the run was restricted).")
        ran = timeline.executed
        if self._position is None:
            text = plural(self.tr("live: the state now, after %n statement(s)", "", ran), ran)
        else:
            entry = self.entry(self._position)
            where = self.tr("after line {line}: {code}").format(line=entry.line, code=entry.text)
            of = plural(self.tr("{index} of %n statement(s)", "", ran), ran)
            text = f"{where} · {of.format(index=entry.index)}"
            if entry.raised:
                text += self.tr(" (it raised: the run ended there)")
        stop = self.stop_text()
        return f"{text} · {stop}" if stop else text

    def stop_text(self) -> str:
        """``"the timeline stops after statement 300 of 1200"`` when a cap cut it."""
        timeline = self.timeline
        if timeline is None or timeline.limit is None:
            return ""
        text = self.tr("the timeline stops after statement {shown} of {ran}")
        return text.format(shown=self.count(), ran=timeline.executed)


def reveal_line(editor: Any, line: int) -> None:
    """Scroll ``editor`` (a ``QPlainTextEdit``) so ``line`` is in view, leaving the text
    cursor where the user put it."""
    block = editor.document().findBlockByNumber(line - 1)
    if not block.isValid():
        return
    top = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top()
    if 0 <= top <= editor.viewport().height() - editor.fontMetrics().height():
        return
    bar = editor.verticalScrollBar()  # counts lines (wrapped ones too) in a plain text edit
    bar.setValue(max(block.firstLineNumber() - 2, 0))


def install(window: Any) -> TimelineBar:
    """The forward timeline in the graph panel (see the module docstring)."""
    bar = TimelineBar(window)
    window.graph_panel.add_bar(bar)
    return bar
