"""The code editor: line numbers, a per-statement ``no_grad`` gutter toggle, error underline.

Structured edits from the other panels arrive as a list of
:class:`playground.core.script_edit.TextEdit` (Python ``str`` offsets into the
script) and are applied by :meth:`CodeEditor.apply_edits` inside one edit block, so
one Ctrl+Z undoes the whole edit.

Typing aids (:mod:`playground.ui.editor_keys`): Tab / Shift+Tab indent with spaces,
Enter keeps Python's indentation, Backspace in leading spaces removes one level,
Ctrl+/ toggles comments; each is one undo step. The current line and the bracket pair
at the cursor are highlighted; Ctrl+F / Ctrl+H open :attr:`CodeEditor.find_bar`, which
the window places under the editor.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontDatabase,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from playground.core.cells import MARKER as CELL_MARKER
from playground.ui import editor_keys
from playground.ui.editor_text import bracket_partners, tabs_to_spaces
from playground.ui.find_bar import FindBar
from playground.ui.highlighter import TorchHighlighter

#: Width in pixels of the ``no_grad`` toggle column at the right of the gutter.
TOGGLE_WIDTH = 16
#: Background of a bracket and its partner next to the cursor (translucent blue).
BRACKET_COLOR = QColor(21, 101, 192, 70)
#: Background of a bracket next to the cursor that has no partner (translucent red).
UNMATCHED_BRACKET_COLOR = QColor(211, 47, 47, 90)
#: Alpha of the palette's highlight colour behind the cursor's line (subtle).
CURRENT_LINE_ALPHA = 24
#: The thin line drawn above each ``# %%`` cell marker.
CELL_LINE_COLOR = QColor(120, 144, 156, 160)
#: The forward timeline's statement (amber, under the current line's shade).
STATEMENT_COLOR = QColor(255, 179, 0, 70)


def qt_position(source: str, index: int) -> int:
    """Position in a ``QTextDocument`` (UTF-16 code units) of Python ``str`` offset *index*."""
    return len(source[:index].encode("utf-16-le")) // 2


def statement_lines(source: str) -> tuple[set[int], set[int]]:
    """1-based lines with a ``no_grad`` toggle, and those of them under ``torch.no_grad()``.

    Toggles sit on simple statements (where ``script_edit.toggle_no_grad`` can wrap)
    and on ``with torch.no_grad():`` lines (to unwrap). Two empty sets when *source*
    does not parse.
    """
    from playground.core.script_edit import is_no_grad_block
    from playground.core.script_edit import statement_lines as simple_statement_lines

    try:
        tree = ast.parse(source)
        simple = set(simple_statement_lines(source))
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return set(), set()
    starts = set(simple)
    no_grad: set[int] = set()
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, inside = stack.pop()
        here = is_no_grad_block(node)
        if here:
            starts.add(node.lineno)
        if isinstance(node, ast.stmt) and (inside or here) and node.lineno in starts:
            no_grad.add(node.lineno)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                stack.append((child, inside or here))
    return starts, no_grad


def _extra_selection(cursor: QTextCursor, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format = fmt
    return selection


class _Gutter(QWidget):
    """Line numbers plus the clickable ``no_grad`` toggles, painted by the editor."""

    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self.setObjectName("editorGutter")
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Width the editor reserves for the gutter."""
        return QSize(self._editor.gutter_width(), 0)

    def paintEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        """Delegate painting to the editor, which knows the block geometry."""
        self._editor.paint_gutter(event)

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        """A click in the toggle column toggles ``no_grad`` on that statement."""
        line = self._editor.line_at_y(event.position().y())
        if line is not None and event.position().x() >= self.width() - TOGGLE_WIDTH:
            self._editor.toggle_no_grad(line)

    def event(self, event: QEvent) -> bool:
        """Tooltip over a toggle explains what clicking does."""
        if event.type() == QEvent.Type.ToolTip:
            line = self._editor.line_at_y(event.pos().y())
            if line in self._editor.statement_starts:
                state = "Unwrap from" if line in self._editor.no_grad_lines else "Wrap in"
                QToolTip.showText(
                    event.globalPos(), f"{state} `with torch.no_grad():` (line {line})", self
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class CodeEditor(QPlainTextEdit):
    """Plain-text Python editor with line numbers, ``no_grad`` toggles and error marks."""

    #: Emitted after :meth:`apply_edits` changed the text (a structured edit: run at once).
    structuredEdit = Signal()
    #: A structured edit was not possible (e.g. ``no_grad`` on a shared line): the reason.
    editRejected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeEditor")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 11))
        self.setFont(font)
        # Wrap: at 1280 px the end of a long line (``requires_grad=True)``) stays in view.
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self.highlighter = TorchHighlighter(self.document())
        self.statement_starts: set[int] = set()
        self.no_grad_lines: set[int] = set()
        self._error: tuple[int, int | None, str] | None = None
        self._error_selection: QTextEdit.ExtraSelection | None = None
        #: The statement the forward timeline shows (``set_statement_highlight``).
        self._statement_selection: QTextEdit.ExtraSelection | None = None
        #: (text, bracket partners) of the last text scanned for brackets.
        self._brackets: tuple[str, dict[int, int | None]] = ("", {})
        self._gutter = _Gutter(self)
        self.find_bar = FindBar(self, self)
        self.toggle_comment_action = self._editor_action(
            "toggleComment",
            self.tr("Toggle &comment"),
            "Ctrl+/",
            self.toggle_comment,
            self.tr("Comment or uncomment the selected lines"),
        )
        self.find_action = self._editor_action(
            "find",
            self.tr("&Find…"),
            "Ctrl+F",
            self.find_bar.open_find,
            self.tr("Find in the script"),
        )
        self.replace_action = self._editor_action(
            "replace",
            self.tr("&Replace…"),
            "Ctrl+H",
            self.find_bar.open_replace,
            self.tr("Find and replace in the script"),
        )
        # Ctrl+F / Ctrl+H also work while typing in the bar, wherever the window puts it.
        self.find_bar.addActions([self.find_action, self.replace_action])
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._update_gutter)
        self.textChanged.connect(self._on_text_changed)
        self.cursorPositionChanged.connect(self._update_extra_selections)
        self._update_gutter_width()
        self._update_extra_selections()

    def _editor_action(self, name: str, text: str, shortcut: str, slot: Any, tip: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        # Only while the editor has the focus: the window's menus may show them too.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{tip} ({action.shortcut().toString()})")
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # ----------------------------------------------------------------- gutter
    def gutter_width(self) -> int:
        """Pixels needed for the widest line number plus the toggle column."""
        digits = max(3, len(str(max(1, self.blockCount()))))
        return 8 + self.fontMetrics().horizontalAdvance("9") * digits + TOGGLE_WIDTH

    def _update_gutter_width(self, _count: int = 0) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        """Keep the gutter glued to the left edge."""
        super().resizeEvent(event)
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), self.gutter_width(), rect.height()))

    def line_at_y(self, y: float) -> int | None:
        """1-based line whose block covers gutter coordinate *y* (``None`` below the text)."""
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        while block.isValid():
            bottom = top + self.blockBoundingRect(block).height()
            if top <= y < bottom:
                return block.blockNumber() + 1
            top = bottom
            block = block.next()
        return None

    def paint_gutter(self, event: Any) -> None:
        """Paint line numbers, statement toggles (filled under ``no_grad``) and the error mark."""
        painter = QPainter(self._gutter)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.alternateBase())
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        height = self.fontMetrics().height()
        number_width = self._gutter.width() - TOGGLE_WIDTH - 4
        error_line = self._error[0] if self._error else None
        while block.isValid() and top <= event.rect().bottom():
            line = block.blockNumber() + 1
            if block.isVisible():
                color = QColor("#c62828") if line == error_line else palette.placeholderText()
                painter.setPen(color if isinstance(color, QColor) else color.color())
                painter.drawText(
                    0, int(top), number_width, height, Qt.AlignmentFlag.AlignRight, str(line)
                )
                if line in self.statement_starts:
                    self._paint_toggle(painter, int(top), height, line in self.no_grad_lines)
            top += self.blockBoundingRect(block).height()
            block = block.next()
        painter.end()

    def _paint_toggle(self, painter: QPainter, top: int, height: int, on: bool) -> None:
        size = 8
        x = self._gutter.width() - TOGGLE_WIDTH + (TOGGLE_WIDTH - size) // 2
        y = top + (height - size) // 2
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor("#1565c0") if on else QColor("#9e9e9e"))
        painter.setBrush(QColor("#1565c0") if on else Qt.BrushStyle.NoBrush)
        painter.drawEllipse(x, y, size, size)

    def _on_text_changed(self) -> None:
        starts, no_grad = statement_lines(self.toPlainText())
        if starts:  # keep the last good marks while the text does not parse
            self.statement_starts, self.no_grad_lines = starts, no_grad
        self._gutter.update()
        self._update_extra_selections()

    # ----------------------------------------------------------------- typing
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Python typing aids (Tab, Shift+Tab, Enter, Backspace); Esc closes the find bar."""
        if event.key() == Qt.Key.Key_Escape and self.find_bar.isVisible():
            self.find_bar.close_bar()
            return
        if not self.isReadOnly() and editor_keys.handle_key(self, event):
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.ignore()  # Ctrl+Enter runs the cell (the window's action), no new line
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        """The text, then a thin line above each ``# %%`` line between cells."""
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setPen(CELL_LINE_COLOR)
        block, offset = self.firstVisibleBlock(), self.contentOffset()
        while block.isValid():
            top = self.blockBoundingGeometry(block).translated(offset).top()
            if top > event.rect().bottom():
                break
            if block.blockNumber() > 0 and block.isVisible() and CELL_MARKER.match(block.text()):
                painter.drawLine(0, int(top), self.viewport().width(), int(top))
            block = block.next()
        painter.end()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        """Paste and drop insert plain text with its tabs turned into 4 spaces."""
        if source.hasText() and "\t" in source.text():
            spaced = QMimeData()
            spaced.setText(tabs_to_spaces(source.text()))
            super().insertFromMimeData(spaced)
            return
        super().insertFromMimeData(source)

    def toggle_comment(self) -> None:
        """Comment (``# ``) or uncomment the cursor's line or the selected lines: one undo step."""
        editor_keys.toggle_comment(self)

    def context_menu(self, pos: QPoint) -> QMenu:
        """Qt's editing menu plus comment toggling, Find and Replace."""
        menu = self.createStandardContextMenu(pos)
        menu.addSeparator()
        menu.addActions([self.toggle_comment_action, self.find_action, self.replace_action])
        return menu

    def contextMenuEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        """Show :meth:`context_menu` at the mouse."""
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    # ----------------------------------------------------------------- highlights
    def matching_brackets(self) -> tuple[int, int | None] | None:
        """(bracket, partner) document positions for the bracket next to the cursor.

        The character after the cursor is looked at first, then the one before; the
        partner is ``None`` for an unmatched bracket. Brackets in strings and comments
        do not count. ``None`` when no bracket touches the cursor.
        """
        text = self.toPlainText()
        if self._brackets[0] != text:
            self._brackets = (text, bracket_partners(text))
        partners = self._brackets[1]
        position = self.textCursor().position()
        for at in (position, position - 1):
            if at in partners:
                return at, partners[at]
        return None

    def _update_extra_selections(self) -> None:
        # The one place that sets the extra selections: current line, error, brackets.
        selections = [self._current_line_selection()]
        if self._statement_selection is not None:
            selections.append(self._statement_selection)
        if self._error_selection is not None:
            selections.append(self._error_selection)
        selections.extend(self._bracket_selections())
        self.setExtraSelections(selections)

    def _current_line_selection(self) -> QTextEdit.ExtraSelection:
        color = QColor(self.palette().highlight().color())
        color.setAlpha(CURRENT_LINE_ALPHA)
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        cursor = self.textCursor()
        cursor.clearSelection()
        return _extra_selection(cursor, fmt)

    def _bracket_selections(self) -> list[QTextEdit.ExtraSelection]:
        pair = self.matching_brackets()
        if pair is None:
            return []
        bracket, partner = pair
        fmt = QTextCharFormat()
        fmt.setBackground(UNMATCHED_BRACKET_COLOR if partner is None else BRACKET_COLOR)
        selections = []
        for at in (bracket,) if partner is None else (bracket, partner):
            cursor = QTextCursor(self.document())
            cursor.setPosition(at)
            cursor.setPosition(at + 1, QTextCursor.MoveMode.KeepAnchor)
            selections.append(_extra_selection(cursor, fmt))
        return selections

    # ----------------------------------------------------------------- edits
    def apply_edits(self, edits: Sequence[Any]) -> None:
        """Apply ``TextEdit``s (Python ``str`` offsets into the current text) as ONE undo step."""
        if not edits:
            return
        source = self.toPlainText()
        ordered = sorted(edits, key=lambda e: (e.start, e.end), reverse=True)
        for later, earlier in zip(ordered, ordered[1:], strict=False):
            if earlier.end > later.start:
                raise ValueError(f"overlapping edits: {earlier} and {later}")
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for edit in ordered:
            if not 0 <= edit.start <= edit.end <= len(source):
                cursor.endEditBlock()
                raise ValueError(f"edit outside the script: {edit}")
            cursor.setPosition(qt_position(source, edit.start))
            cursor.setPosition(qt_position(source, edit.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(edit.text)
        cursor.endEditBlock()
        self.structuredEdit.emit()

    def toggle_no_grad(self, line: int) -> None:
        """Wrap the statement at *line* in (or unwrap it from) ``with torch.no_grad():``."""
        from playground.core.script_edit import toggle_no_grad

        try:
            edits = toggle_no_grad(self.toPlainText(), line)
        except (ValueError, SyntaxError) as exc:  # EditError is a ValueError
            self.editRejected.emit(str(exc))
            return
        self.apply_edits(edits)

    def set_script(self, text: str) -> None:
        """Replace the whole script (a fresh document: the undo history starts over).

        The text is kept exactly as given, tabs included: a loaded file is the file.
        """
        self.setPlainText(text)
        self.document().setModified(False)

    def set_statement_highlight(self, first: int | None, last: int | None = None) -> None:
        """Shade lines ``first`` to ``last`` (1-based; the forward timeline's statement);
        ``None`` removes the shade."""
        self._statement_selection = None
        if first is not None and 1 <= first <= self.blockCount():
            last = min(max(last or first, first), self.blockCount())
            cursor = QTextCursor(self.document().findBlockByNumber(first - 1))
            end = self.document().findBlockByNumber(last - 1)
            cursor.setPosition(
                end.position() + max(end.length() - 1, 0), QTextCursor.MoveMode.KeepAnchor
            )
            fmt = QTextCharFormat()
            fmt.setBackground(STATEMENT_COLOR)
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
            self._statement_selection = _extra_selection(cursor, fmt)
        self._update_extra_selections()

    def statement_highlight(self) -> tuple[int, int] | None:
        """``(first, last)`` lines the timeline shades, or ``None``."""
        selection = self._statement_selection
        if selection is None:
            return None
        doc = self.document()
        first = doc.findBlock(selection.cursor.selectionStart()).blockNumber() + 1
        last = doc.findBlock(selection.cursor.selectionEnd()).blockNumber() + 1
        return first, last

    # ----------------------------------------------------------------- errors
    def set_error(self, line: int | None, col: int | None, message: str) -> None:
        """Underline *line* (from *col*, 1-based) with a wave and show *message* on hover."""
        if line is None or not 1 <= line <= self.blockCount():
            self.clear_error()
            return
        self._hide_error_tooltip()
        self._error = (line, col, message)
        block = self.document().findBlockByNumber(line - 1)
        cursor = QTextCursor(block)
        start = max(0, (col or 1) - 1)
        if start >= len(block.text().rstrip()):
            start = len(block.text()) - len(block.text().lstrip())
        cursor.setPosition(block.position() + start)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#d32f2f"))
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
        self._error_selection = _extra_selection(cursor, fmt)
        self._repaint_error_marks()

    def clear_error(self) -> None:
        """Remove the error underline, its tooltip and its gutter mark, repainted at once."""
        self._hide_error_tooltip()
        self._error = None
        self._error_selection = None
        self._repaint_error_marks()

    def _hide_error_tooltip(self) -> None:
        if self._error and QToolTip.isVisible() and QToolTip.text() == self._error[2]:
            QToolTip.hideText()

    def _repaint_error_marks(self) -> None:
        # Qt repaints only the selections' own rectangles; the wave hangs below them and
        # the text may have changed since, so repaint the whole viewport and gutter.
        self._update_extra_selections()
        self.viewport().update()
        self._gutter.update()

    def error_line(self) -> int | None:
        """1-based line currently underlined, if any."""
        return self._error[0] if self._error else None

    def tooltip_for_line(self, line: int) -> str | None:
        """The hover text for *line*: the error message when it is the underlined line."""
        if self._error and self._error[0] == line:
            return self._error[2]
        return None

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Show the error message when hovering the underlined line."""
        if event.type() == QEvent.Type.ToolTip:
            line = self.cursorForPosition(event.pos()).blockNumber() + 1
            text = self.tooltip_for_line(line)
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
