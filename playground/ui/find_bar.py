"""Find and replace in the editor: a small bar the window shows under the editor.

Searching wraps around the script; Replace all is one undo step. The bar only talks to
the ``QPlainTextEdit`` it was made for (``QTextDocument.find``), so it works for any.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

_Flag = QTextDocument.FindFlag


class FindBar(QWidget):
    """Search text, optional replacement, Next / Previous / Replace / Replace all / close.

    Enter in the search field finds the next match, Shift+Enter the previous one; Enter
    in the replacement field replaces the current match; Esc closes the bar and gives
    the focus back to the editor.
    """

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._editor = editor
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findText")
        self.find_edit.setPlaceholderText(self.tr("Find"))
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setObjectName("replaceText")
        self.replace_edit.setPlaceholderText(self.tr("Replace with"))
        self.case_box = QCheckBox(self.tr("Case sensitive"), self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("findStatus")
        self.previous_button = self._button(self.tr("Previous"), self.find_previous)
        self.next_button = self._button(self.tr("Next"), self.find_next)
        self.replace_button = self._button(self.tr("Replace"), self.replace_current)
        self.replace_all_button = self._button(self.tr("Replace all"), self.replace_all)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.close_bar)
        self._replace_row = QWidget(self)
        self._lay_out()
        for line_edit in (self.find_edit, self.replace_edit):
            line_edit.installEventFilter(self)
        self.find_edit.textChanged.connect(self._search_as_typed)
        self.case_box.toggled.connect(self._search_as_typed)
        self.hide()

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _lay_out(self) -> None:
        find_row = QHBoxLayout()
        for widget in (self.find_edit, self.previous_button, self.next_button, self.case_box):
            find_row.addWidget(widget)
        find_row.addWidget(self.status_label, 1)
        find_row.addWidget(self.close_button)
        replace_row = QHBoxLayout(self._replace_row)
        replace_row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            replace_row.addWidget(widget)
        replace_row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 2, 4, 2)
        column.setSpacing(2)
        column.addLayout(find_row)
        column.addWidget(self._replace_row)

    # ----------------------------------------------------------------- open / close
    def open_find(self) -> None:
        """Show the bar for searching (Ctrl+F), the search text selected."""
        self._open(replace=False)

    def open_replace(self) -> None:
        """Show the bar with the replacement field (Ctrl+H)."""
        self._open(replace=True)

    def is_replacing(self) -> bool:
        """Whether the replacement row is shown."""
        return not self._replace_row.isHidden()

    def _open(self, *, replace: bool) -> None:
        self._replace_row.setVisible(replace)
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:  # one line: it is what to look for
            self.find_edit.setText(selected)
        self.show()
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()
        self._update_status()

    def close_bar(self) -> None:
        """Hide the bar and give the focus back to the editor."""
        self.hide()
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # ----------------------------------------------------------------- searching
    def find_next(self) -> bool:
        """Select the next match after the selection, wrapping to the top."""
        return self._find(self._editor.textCursor(), backward=False)

    def find_previous(self) -> bool:
        """Select the match before the selection, wrapping to the bottom."""
        return self._find(self._editor.textCursor(), backward=True)

    def matches(self) -> list[tuple[int, int]]:
        """(start, end) document positions of every match of the search text."""
        text = self.find_edit.text()
        found: list[tuple[int, int]] = []
        if not text:
            return found
        doc = self._editor.document()
        cursor = doc.find(text, 0, self._flags())
        while not cursor.isNull():
            found.append((cursor.selectionStart(), cursor.selectionEnd()))
            cursor = doc.find(text, cursor, self._flags())
        return found

    def _flags(self, *, backward: bool = False) -> _Flag:
        flags = _Flag(0)
        if self.case_box.isChecked():
            flags |= _Flag.FindCaseSensitively
        if backward:
            flags |= _Flag.FindBackward
        return flags

    def _find(self, origin: QTextCursor, *, backward: bool) -> bool:
        text = self.find_edit.text()
        found = QTextCursor()
        if text:
            doc = self._editor.document()
            flags = self._flags(backward=backward)
            found = doc.find(text, origin, flags)
            if found.isNull():  # wrap around
                start = QTextCursor(doc)
                start.movePosition(
                    QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
                )
                found = doc.find(text, start, flags)
        if not found.isNull():
            self._editor.setTextCursor(found)
        self._update_status()
        return not found.isNull()

    def _search_as_typed(self) -> None:
        # From the start of the selection, so a longer search text extends the same match.
        origin = QTextCursor(self._editor.document())
        origin.setPosition(self._editor.textCursor().selectionStart())
        self._find(origin, backward=False)

    def _update_status(self) -> None:
        if not self.find_edit.text():
            self.status_label.setText("")
            return
        matches = self.matches()
        cursor = self._editor.textCursor()
        current = (cursor.selectionStart(), cursor.selectionEnd())
        if not matches:
            self.status_label.setText(self.tr("no matches"))
        elif current in matches:
            self.status_label.setText(
                self.tr("{current} of {total}").format(
                    current=matches.index(current) + 1, total=len(matches)
                )
            )
        else:
            self.status_label.setText(self.tr("{total} matches").format(total=len(matches)))

    # ----------------------------------------------------------------- replacing
    def replace_current(self) -> bool:
        """Replace the selected match (if the selection is one) and go to the next match."""
        cursor = self._editor.textCursor()
        replaced = (cursor.selectionStart(), cursor.selectionEnd()) in self.matches()
        if replaced:
            cursor.insertText(self.replace_edit.text())
            self._editor.setTextCursor(cursor)
        self.find_next()
        return replaced

    def replace_all(self) -> int:
        """Replace every match, as ONE undo step; returns how many were replaced."""
        text, replacement = self.find_edit.text(), self.replace_edit.text()
        if not text:
            return 0
        doc = self._editor.document()
        block = QTextCursor(doc)
        block.beginEditBlock()
        count = 0
        found = doc.find(text, 0, self._flags())
        while not found.isNull():
            found.insertText(replacement)  # searching on from after the replacement
            count += 1
            found = doc.find(text, found, self._flags())
        block.endEditBlock()
        self.status_label.setText(self.tr("{count} replaced").format(count=count))
        return count

    # ----------------------------------------------------------------- keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Enter / Shift+Enter in the fields: next / previous match (replace in the second)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                elif watched is self.replace_edit:
                    self.replace_current()
                else:
                    self.find_next()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Esc closes the bar; other keys stay in the bar (never typed into the editor)."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        event.accept()
