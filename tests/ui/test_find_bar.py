"""Find / Replace: the editor's find bar, placed under the editor as the window does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from playground.ui.editor import CodeEditor

Shift = Qt.KeyboardModifier.ShiftModifier
Ctrl = Qt.KeyboardModifier.ControlModifier
SCRIPT = "x = torch.ones(2)\ny = x * 2\nX = y + x\nz = (x * y).sum()\n"


@pytest.fixture
def column(qtbot):
    """A plain widget holding the editor with its find bar under it (the window's layout)."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    editor = CodeEditor()
    layout.addWidget(editor, 1)
    layout.addWidget(editor.find_bar)
    qtbot.addWidget(holder)
    holder.resize(700, 500)
    editor.set_script(SCRIPT)
    holder.show()
    holder.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is holder, timeout=5000)
    editor.setFocus()
    yield editor  # the fixture's frame keeps the holder alive (qtbot holds it weakly)


def selected(editor: CodeEditor) -> tuple[int, int]:
    cursor = editor.textCursor()
    return cursor.selectionStart(), cursor.selectionEnd()


def positions(text: str, word: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(word, i)]


def test_ctrl_f_opens_the_bar_for_finding_and_esc_gives_the_focus_back(column, qtbot):
    editor, bar = column, column.find_bar
    assert editor.find_action.shortcut().toString() == "Ctrl+F"
    assert not bar.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_F, Ctrl)
    assert bar.isVisible() and not bar.is_replacing()
    assert bar.find_edit.hasFocus()
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert editor.hasFocus()


def test_ctrl_h_opens_it_with_the_replacement_field(column, qtbot):
    editor, bar = column, column.find_bar
    assert editor.replace_action.shortcut().toString() == "Ctrl+H"
    qtbot.keyClick(editor, Qt.Key.Key_H, Ctrl)
    assert bar.isVisible() and bar.is_replacing()
    assert bar.replace_edit.isVisible()
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_F, Ctrl)  # back to plain find, from the bar
    assert bar.isVisible() and not bar.is_replacing()
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_H, Ctrl)
    assert bar.is_replacing() and bar.find_edit.hasFocus()


def test_the_selection_seeds_the_search_text(column, qtbot):
    editor, bar = column, column.find_bar
    cursor = editor.textCursor()
    cursor.setPosition(4)
    cursor.setPosition(9, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_F, Ctrl)
    assert bar.find_edit.text() == "torch"
    assert bar.find_edit.selectedText() == "torch"  # typing replaces it
    assert bar.status_label.text() == "1 of 1"


def test_typing_finds_as_you_type_and_enter_goes_to_the_next_match(column, qtbot):
    editor, bar = column, column.find_bar
    starts = positions(SCRIPT.lower(), "x")
    assert len(starts) == 5  # case-insensitive: the X of line 3 too
    bar.open_find()
    qtbot.keyClicks(bar.find_edit, "x")
    assert selected(editor) == (starts[0], starts[0] + 1)
    assert bar.status_label.text() == "1 of 5"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)
    assert selected(editor) == (starts[1], starts[1] + 1)
    assert bar.status_label.text() == "2 of 5"
    assert bar.find_edit.hasFocus()  # Enter never reaches the editor
    assert editor.toPlainText() == SCRIPT


def test_shift_enter_goes_back_and_both_directions_wrap(column, qtbot):
    editor, bar = column, column.find_bar
    starts = positions(SCRIPT, "y")
    bar.open_find()
    qtbot.keyClicks(bar.find_edit, "y")
    assert selected(editor) == (starts[0], starts[0] + 1)
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return, Shift)  # wraps to the last one
    assert selected(editor) == (starts[-1], starts[-1] + 1)
    assert bar.status_label.text() == f"{len(starts)} of {len(starts)}"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)  # and forward wraps to the first
    assert selected(editor) == (starts[0], starts[0] + 1)
    qtbot.mouseClick(bar.previous_button, Qt.MouseButton.LeftButton)
    assert selected(editor) == (starts[-1], starts[-1] + 1)
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert selected(editor) == (starts[0], starts[0] + 1)


def test_case_sensitive_checkbox_narrows_the_matches(column, qtbot):
    editor, bar = column, column.find_bar
    bar.open_find()
    qtbot.keyClicks(bar.find_edit, "X")
    assert len(bar.matches()) == 5
    bar.case_box.setChecked(True)
    assert bar.matches() == [(SCRIPT.index("X ="), SCRIPT.index("X =") + 1)]
    assert selected(editor) == bar.matches()[0]
    assert bar.status_label.text() == "1 of 1"


def test_no_matches_is_said_and_leaves_the_cursor_alone(column, qtbot):
    editor, bar = column, column.find_bar
    cursor = editor.textCursor()
    cursor.setPosition(3)
    editor.setTextCursor(cursor)
    bar.open_find()
    qtbot.keyClicks(bar.find_edit, "grad")
    assert bar.status_label.text() == "no matches"
    assert selected(editor) == (3, 3)
    assert bar.find_next() is False
    bar.find_edit.clear()
    assert bar.status_label.text() == ""


def test_replace_replaces_the_current_match_then_selects_the_next(column, qtbot):
    editor, bar = column, column.find_bar
    bar.open_replace()
    bar.case_box.setChecked(True)
    qtbot.keyClicks(bar.find_edit, "y")
    qtbot.keyClicks(bar.replace_edit, "out")
    qtbot.keyClick(bar.replace_edit, Qt.Key.Key_Return)  # Enter in the field: Replace
    expected = SCRIPT.replace("y", "out", 1)
    assert editor.toPlainText() == expected
    second = expected.index("y")
    assert selected(editor) == (second, second + 1)
    qtbot.mouseClick(bar.replace_button, Qt.MouseButton.LeftButton)
    assert editor.toPlainText() == SCRIPT.replace("y", "out", 2)
    editor.undo()
    assert editor.toPlainText() == expected  # one replacement, one undo step


def test_replace_when_the_selection_is_no_match_only_finds(column, qtbot):
    editor, bar = column, column.find_bar
    bar.open_replace()
    bar.find_edit.setText("torch")
    bar.replace_edit.setText("T")
    cursor = editor.textCursor()
    cursor.setPosition(0)
    editor.setTextCursor(cursor)
    assert bar.replace_current() is False
    assert editor.toPlainText() == SCRIPT
    assert selected(editor) == (4, 9)


def test_replace_all_is_one_undo_step_and_says_how_many(column, qtbot):
    editor, bar = column, column.find_bar
    bar.open_replace()
    bar.find_edit.setText("x")
    bar.replace_edit.setText("xx")  # contains the search text: no endless loop
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    expected = SCRIPT.replace("x", "xx").replace("X", "xx")
    assert editor.toPlainText() == expected
    assert bar.status_label.text() == "5 replaced"
    editor.undo()
    assert editor.toPlainText() == SCRIPT
    editor.redo()
    assert editor.toPlainText() == expected


def test_close_button_hides_the_bar(column, qtbot):
    editor, bar = column, column.find_bar
    bar.open_find()
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert editor.hasFocus()


def test_esc_in_the_editor_closes_an_open_bar(column, qtbot):
    editor, bar = column, column.find_bar
    bar.open_find()
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert editor.toPlainText() == SCRIPT
