"""The editor's typing aids on a ``QPlainTextEdit``: Tab, Shift+Tab, Enter, Backspace and
comment toggling, each ONE undo step (the rules themselves are in
:mod:`playground.ui.editor_text`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from playground.ui.editor_text import (
    LineEdit,
    backspace_width,
    comment_edits,
    dedent_edits,
    indent_edits,
    leading_whitespace,
    newline_indent,
    spaces_to_next_stop,
)

_Mod = Qt.KeyboardModifier
_Key = Qt.Key


def handle_key(editor: QPlainTextEdit, event: QKeyEvent) -> bool:
    """Do what *event* means for a Python editor; ``False`` leaves it to Qt's default."""
    key, mods = event.key(), event.modifiers()
    if key == _Key.Key_Backtab or (key == _Key.Key_Tab and mods == _Mod.ShiftModifier):
        dedent(editor)
        return True
    if key == _Key.Key_Tab and mods == _Mod.NoModifier:
        tab(editor)
        return True
    plain_or_shift = not mods & ~(_Mod.ShiftModifier | _Mod.KeypadModifier)
    if key in (_Key.Key_Return, _Key.Key_Enter) and plain_or_shift:
        # Shift+Enter too: Qt's default would insert a line separator, not a new line.
        newline(editor)
        return True
    if key == _Key.Key_Backspace and mods == _Mod.NoModifier:
        return backspace(editor)
    return False


def tab(editor: QPlainTextEdit) -> None:
    """Indent the selected lines, or insert spaces up to the next multiple of 4."""
    cursor = editor.textCursor()
    if _selects_lines(cursor):
        _edit_selected_lines(editor, indent_edits)
        return
    column = (
        cursor.selectionStart() - cursor.document().findBlock(cursor.selectionStart()).position()
    )
    cursor.insertText(" " * spaces_to_next_stop(column))
    editor.setTextCursor(cursor)


def dedent(editor: QPlainTextEdit) -> None:
    """One level less on the selected lines (the cursor's line without a selection)."""
    _edit_selected_lines(editor, dedent_edits)


def toggle_comment(editor: QPlainTextEdit) -> None:
    """Comment or uncomment the selected lines (the cursor's line without a selection)."""
    _edit_selected_lines(editor, comment_edits)


def newline(editor: QPlainTextEdit) -> None:
    """Break the line at the cursor, the new line indented as Python wants it."""
    cursor = editor.textCursor()
    cursor.beginEditBlock()
    cursor.removeSelectedText()
    prefix = _line_prefix(cursor)
    if prefix.strip():  # splitting code: no spaces left at the break on either side
        _select_surrounding_blanks(cursor, prefix)
        cursor.removeSelectedText()
    indent = newline_indent(prefix)
    cursor.insertBlock()
    cursor.insertText(indent)
    cursor.endEditBlock()
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()


def backspace(editor: QPlainTextEdit) -> bool:
    """In leading spaces, delete back to the previous multiple of 4; ``False`` elsewhere."""
    cursor = editor.textCursor()
    width = 0 if cursor.hasSelection() else backspace_width(_line_prefix(cursor))
    if width == 0:
        return False
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, width)
    cursor.removeSelectedText()
    editor.setTextCursor(cursor)
    return True


def selected_line_range(cursor: QTextCursor) -> tuple[int, int]:
    """0-based first and last line the selection touches; a selection ending at the very
    start of a line does not include that line."""
    doc = cursor.document()
    first = doc.findBlock(cursor.selectionStart())
    last = doc.findBlock(cursor.selectionEnd())
    if last.blockNumber() > first.blockNumber() and cursor.selectionEnd() == last.position():
        last = last.previous()
    return first.blockNumber(), last.blockNumber()


def _selects_lines(cursor: QTextCursor) -> bool:
    """A selection over several lines, or over all the code of one line, means "these lines"."""
    if not cursor.hasSelection():
        return False
    first, last = selected_line_range(cursor)
    if first != last or cursor.document().findBlock(cursor.selectionEnd()).blockNumber() != first:
        return True
    block = cursor.document().findBlockByNumber(first)
    start = cursor.selectionStart() - block.position()
    end = cursor.selectionEnd() - block.position()
    return start <= len(leading_whitespace(block.text())) and end == block.length() - 1


def _edit_selected_lines(
    editor: QPlainTextEdit, rule: Callable[[Sequence[str]], list[LineEdit]]
) -> None:
    cursor = editor.textCursor()
    first, last = selected_line_range(cursor)
    doc = editor.document()
    lines = [doc.findBlockByNumber(n).text() for n in range(first, last + 1)]
    edits = rule(lines)
    if edits:
        apply_line_edits(editor, first, edits)


def apply_line_edits(editor: QPlainTextEdit, first_line: int, edits: Sequence[LineEdit]) -> None:
    """Apply *edits* (their lines counted from 0-based *first_line*) as ONE undo step; the
    selection stays on the same characters of the same lines."""
    doc = editor.document()
    cursor = editor.textCursor()
    anchor, position = _line_column(doc, cursor.anchor()), _line_column(doc, cursor.position())
    by_line = {first_line + edit.line: edit for edit in edits}
    work = QTextCursor(doc)
    work.beginEditBlock()
    for line, edit in by_line.items():
        start = doc.findBlockByNumber(line).position() + edit.column
        work.setPosition(start)
        work.setPosition(start + edit.removed, QTextCursor.MoveMode.KeepAnchor)
        work.removeSelectedText()
        work.insertText(edit.inserted)
    work.endEditBlock()
    restored = QTextCursor(doc)
    restored.setPosition(_moved(doc, anchor, by_line))
    restored.setPosition(_moved(doc, position, by_line), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(restored)


def _line_column(doc: QTextDocument, position: int) -> tuple[int, int]:
    block = doc.findBlock(position)
    return block.blockNumber(), position - block.position()


def _moved(doc: QTextDocument, where: tuple[int, int], by_line: dict[int, LineEdit]) -> int:
    line, column = where
    edit = by_line.get(line)
    return doc.findBlockByNumber(line).position() + (edit.moved(column) if edit else column)


def _select_surrounding_blanks(cursor: QTextCursor, prefix: str) -> None:
    after = QTextCursor(cursor)
    after.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    rest = after.selectedText()
    start = cursor.position() - (len(prefix) - len(prefix.rstrip(" \t")))
    end = cursor.position() + len(rest) - len(rest.lstrip(" \t"))
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)


def _line_prefix(cursor: QTextCursor) -> str:
    """The text of the cursor's line before the cursor."""
    prefix = QTextCursor(cursor)
    prefix.clearSelection()
    prefix.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
    return prefix.selectedText()
