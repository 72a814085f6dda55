"""The read-only console: what the script printed, its warnings, and errors explained.

Printed text is shown exactly as Python writes it; warnings are marked; an error
shows ``line:col: Type: message`` (PyTorch's own words) followed, for the autograd
errors learners hit most, by a plain-language paragraph from
:func:`playground.core.explain.explain`. A Python-mode error that went through the
script's own functions lists those frames (``error.frames``) above its line, the
innermost last, as a traceback does.

The console shows a :class:`~playground.protocol.views.RunView`: plain data sent by
the kernel process (no torch here).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from playground.core.errors import PlaygroundError
from playground.core.result import OutputChunk
from playground.protocol.views import RunView
from playground.ui import refusal_text

#: Prefix of a warning line in the console.
WARNING_MARK = "⚠ "
#: Prefix of an error line in the console.
ERROR_MARK = "✖ "
#: Line above the script frames of a Python-mode error.
FRAMES_HEADER = QT_TRANSLATE_NOOP(
    "Console", "Traceback (most recent call last, script lines only):"
)


def explanation_for(error: PlaygroundError) -> str | None:
    """The plain-language paragraph for *error*, if there is one (in the interface's
    language)."""
    from playground.core.explain import explanation_for as entry_for
    from playground.ui.explanations import translated

    entry = entry_for(error.message, error.exc_type)
    return translated(entry) if entry else None


def warning_explanation(chunk: OutputChunk) -> str | None:
    """The plain-language paragraph for a warning chunk, if there is one (in the
    interface's language)."""
    from playground.core.explain import explanation_for_chunk
    from playground.ui.explanations import translated

    entry = explanation_for_chunk(chunk)
    return translated(entry) if entry else None


def error_frames(error: PlaygroundError) -> tuple[str, ...]:
    """The script frames of a Python-mode error (``"  script.py:3 in f: b = a * 2"``,
    outermost first); ``()`` for restricted-mode errors, which have none."""
    frames = getattr(error, "frames", ())
    return tuple(str(frame) for frame in frames or ())


#: The fewest lines of output the console shows.
MIN_LINES = 8
#: ... in the compact window (under 1000 px wide), where it shares a column with the graph.
COMPACT_MIN_LINES = 5


class Console(QPlainTextEdit):
    """Read-only output of the last run and of the Backward / Zero grad actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("console")
        self.setReadOnly(True)
        # Lessons are about printed output: never fewer than MIN_LINES lines on screen.
        self.set_min_lines(MIN_LINES)

    def set_min_lines(self, lines: int) -> None:
        """Never shrink below ``lines`` lines of output (fewer in the compact window)."""
        margins = self.contentsMargins()
        chrome = 2 * self.frameWidth() + 2 * int(self.document().documentMargin())
        height = self.fontMetrics().lineSpacing() * lines
        self.setMinimumHeight(height + chrome + margins.top() + margins.bottom())
        self.setUndoRedoEnabled(False)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        self.setPlaceholderText(self.tr("Output of print(), warnings and errors appear here."))
        self._plain = QTextCharFormat()
        self._warning = QTextCharFormat()
        self._warning.setForeground(QColor("#a15c00"))
        self._error = QTextCharFormat()
        self._error.setForeground(QColor("#c62828"))
        self._error.setFontWeight(QFont.Weight.Bold)
        self._note = QTextCharFormat()
        self._note.setForeground(QColor("#555555"))
        self._note.setFontItalic(True)
        self._info = QTextCharFormat()
        self._info.setForeground(QColor("#1565c0"))
        self._frame = QTextCharFormat()
        self._frame.setForeground(QColor("#8e2424"))

    def _write(self, text: str, fmt: QTextCharFormat) -> None:
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text, fmt)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _ensure_newline(self) -> None:
        text = self.toPlainText()
        if text and not text.endswith("\n"):
            self._write("\n", self._plain)

    def show_result(self, result: RunView) -> None:
        """Replace the console with *result*'s output, warnings and error."""
        self.clear()
        for chunk in result.chunks:
            if chunk.kind == "warning":
                self._ensure_newline()
                where = self.tr("line {line}: ").format(line=chunk.line) if chunk.line else ""
                self._write(f"{WARNING_MARK}{where}{chunk.text.rstrip()}\n", self._warning)
                paragraph = warning_explanation(chunk)
                if paragraph:
                    self._write(f"{paragraph.strip()}\n", self._note)
            else:
                self._write(chunk.text, self._plain)
        if result.error is not None:
            self.show_error(result.error)

    def show_error(self, error: PlaygroundError, context: str = "", hint: str = "") -> None:
        """Append *error* as ``line:col: Type: message``, a *hint* about this situation,
        and the general explanation, if any; a Python-mode error's script frames come
        first. When all of it does not fit (the console is short at 1280×800) the view
        starts at the error's first line (its frames, when it has some)."""
        self._ensure_newline()
        start = self.document().characterCount() - 1
        frames = error_frames(error)
        if frames:
            self._write(f"{self.tr(FRAMES_HEADER)}\n", self._frame)
            self._write("".join(f"{frame}\n" for frame in frames), self._frame)
        prefix = f"{context}: " if context else ""
        self._write(f"{ERROR_MARK}{prefix}{refusal_text.formatted(error)}\n", self._error)
        if hint:  # about this very situation: right under PyTorch's words
            self.show_info(hint)
        paragraph = explanation_for(error)
        if paragraph:
            self._write(f"{paragraph.strip()}\n", self._note)
        first = self.document().findBlock(start)
        self.verticalScrollBar().setValue(
            min(first.firstLineNumber(), self.verticalScrollBar().maximum())
        )

    def show_info(self, text: str) -> None:
        """Append a line about a GUI action (Backward clicked, grads zeroed)."""
        self._ensure_newline()
        self._write(f"» {text}\n", self._info)
