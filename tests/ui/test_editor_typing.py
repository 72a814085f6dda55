"""Typing aids in the editor: Tab, Shift+Tab, Enter, Backspace, paste, Ctrl+/.

Each test checks the exact text, where the cursor/selection ends up, and that ONE
undo brings the text back.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from playground.ui.editor import CodeEditor

Shift = Qt.KeyboardModifier.ShiftModifier
Ctrl = Qt.KeyboardModifier.ControlModifier


def place(editor: CodeEditor, position: int, anchor: int | None = None) -> None:
    """Put the cursor at *position*, selecting from *anchor* when given."""
    cursor = editor.textCursor()
    cursor.setPosition(position if anchor is None else anchor)
    if anchor is not None:
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def selection(editor: CodeEditor) -> tuple[int, int]:
    """(anchor, position) of the editor's cursor."""
    cursor = editor.textCursor()
    return cursor.anchor(), cursor.position()


def show_active(qtbot, widget) -> None:
    """Show *widget* as the active window with the focus (shortcuts need both)."""
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=5000)
    widget.setFocus()


def assert_one_undo_restores(editor: CodeEditor, before: str) -> None:
    editor.undo()
    assert editor.toPlainText() == before


# --------------------------------------------------------------------------- Tab
def test_tab_inserts_spaces_to_the_next_multiple_of_four(editor, qtbot):
    editor.set_script("x = 1\nab\n")
    place(editor, 6)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "x = 1\n    ab\n"
    place(editor, 12)  # after "ab": column 6, next stop 8
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "x = 1\n    ab  \n"
    assert selection(editor) == (14, 14)
    assert "\t" not in editor.toPlainText()
    assert_one_undo_restores(editor, "x = 1\n    ab\n")
    assert_one_undo_restores(editor, "x = 1\nab\n")


def test_tab_on_part_of_a_line_replaces_it_with_spaces(editor, qtbot):
    editor.set_script("x = 12345\n")
    place(editor, 7, anchor=4)  # "123"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "x =     45\n"
    assert selection(editor) == (8, 8)
    assert_one_undo_restores(editor, "x = 12345\n")


def test_tab_indents_every_selected_line_and_keeps_the_selection(editor, qtbot):
    source = "if x:\na = 1\n\nb = 2\nc = 3\n"
    editor.set_script(source)
    place(editor, 14, anchor=7)  # from "a" (col 1) of line 2 into "b = 2" (col 1)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "if x:\n    a = 1\n\n    b = 2\nc = 3\n"
    assert selection(editor) == (11, 22)  # the same characters, 4 columns on
    assert editor.textCursor().selectedText() == " = 1\u2029\u2029    b"
    assert_one_undo_restores(editor, source)


def test_tab_on_whole_lines_leaves_the_line_after_alone(editor, qtbot):
    """Lines selected from their start up to the start of the next line (Shift+Down)."""
    source = "a = 1\nb = 2\nc = 3\n"
    editor.set_script(source)
    place(editor, 12, anchor=0)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "    a = 1\n    b = 2\nc = 3\n"
    assert selection(editor) == (0, 20)
    assert_one_undo_restores(editor, source)


def test_tab_with_one_whole_line_selected_indents_it(editor, qtbot):
    editor.set_script("x = 1\n")
    place(editor, 5, anchor=0)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "    x = 1\n"
    assert selection(editor) == (0, 9)
    assert_one_undo_restores(editor, "x = 1\n")


# --------------------------------------------------------------------------- Shift+Tab
@pytest.mark.parametrize(
    ("key", "mods"), [(Qt.Key.Key_Backtab, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Tab, Shift)]
)
def test_shift_tab_dedents_the_selected_lines_by_up_to_four(editor, qtbot, key, mods):
    source = "for i in r:\n        a = 1\n  b = 2\nc = 3\n"
    editor.set_script(source)
    place(editor, len(source) - 1, anchor=12)  # from the start of "        a" to the end
    qtbot.keyClick(editor, key, mods)
    assert editor.toPlainText() == "for i in r:\n    a = 1\nb = 2\nc = 3\n"
    assert selection(editor) == (12, len(editor.toPlainText()) - 1)
    assert_one_undo_restores(editor, source)


def test_shift_tab_without_selection_dedents_the_cursors_line(editor, qtbot):
    source = "if x:\n        y = 1\n"
    editor.set_script(source)
    place(editor, 16)  # on "y = 1", after "y"
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    assert editor.toPlainText() == "if x:\n    y = 1\n"
    assert selection(editor) == (12, 12)  # still right after "y"
    assert_one_undo_restores(editor, source)


def test_shift_tab_removes_a_leading_tab_of_a_loaded_file(editor, qtbot):
    source = "if x:\n\ty = 1\n"
    editor.set_script(source)
    assert editor.toPlainText() == source  # set_script keeps the file as it is
    place(editor, 8)
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    assert editor.toPlainText() == "if x:\ny = 1\n"
    assert_one_undo_restores(editor, source)


def test_shift_tab_on_an_unindented_line_changes_nothing(editor, qtbot):
    editor.set_script("x = 1\n")
    place(editor, 3)
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    assert editor.toPlainText() == "x = 1\n"
    assert not editor.document().isUndoAvailable()  # no empty undo step either


# --------------------------------------------------------------------------- Enter
@pytest.mark.parametrize(
    ("line", "new_indent"),
    [
        ("    y = 1", "    "),
        ("def f(x):", "    "),
        ("    if x > 0:  # positive", "        "),
        ("    z = f(", "        "),
        ("        return x", "    "),
        ("    pass", ""),
        ("    raise ValueError('no')", ""),
        ("    returned = 2", "    "),
        ("    s = 'a:'", "    "),
    ],
)
def test_enter_keeps_or_adjusts_the_indentation(editor, qtbot, line, new_indent):
    source = f"x = 0\n{line}\n"
    editor.set_script(source)
    end_of_line = 6 + len(line)
    place(editor, end_of_line)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == f"x = 0\n{line}\n{new_indent}\n"
    assert selection(editor) == (end_of_line + 1 + len(new_indent),) * 2
    assert_one_undo_restores(editor, source)


@pytest.mark.parametrize("position", [10, 11, 12])  # before, in, after the spaces
def test_enter_in_the_middle_of_code_drops_the_spaces_at_the_break(editor, qtbot, position):
    source = "    a = 1;  b = 2\n"
    editor.set_script(source)
    place(editor, position)
    qtbot.keyClick(editor, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert editor.toPlainText() == "    a = 1;\n    b = 2\n"
    assert selection(editor) == (15, 15)  # before "b"
    assert_one_undo_restores(editor, source)


def test_enter_in_the_leading_spaces_keeps_the_lines_indentation(editor, qtbot):
    source = "        x = 1\n"
    editor.set_script(source)
    place(editor, 4)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "    \n        x = 1\n"
    assert selection(editor) == (9, 9)
    assert_one_undo_restores(editor, source)


def test_shift_enter_starts_a_real_new_line(editor, qtbot):
    editor.set_script("if x:")
    place(editor, 5)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Shift)
    assert editor.toPlainText() == "if x:\n    "
    assert editor.blockCount() == 2  # a new block, not a line separator inside line 1


def test_enter_replaces_a_selection(editor, qtbot):
    source = "    x = 1  # note\n"
    editor.set_script(source)
    place(editor, 17, anchor=9)  # "  # note"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "    x = 1\n    \n"
    assert_one_undo_restores(editor, source)


# --------------------------------------------------------------------------- Backspace
def test_backspace_in_leading_spaces_removes_back_to_a_multiple_of_four(editor, qtbot):
    source = "if x:\n        y = 1\n"
    editor.set_script(source)
    place(editor, 14)  # before "y", column 8
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.toPlainText() == "if x:\n    y = 1\n"
    assert selection(editor) == (10, 10)
    assert_one_undo_restores(editor, source)


def test_backspace_after_six_spaces_goes_back_to_four(editor, qtbot):
    source = "      y\n"
    editor.set_script(source)
    place(editor, 6)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.toPlainText() == "    y\n"
    assert selection(editor) == (4, 4)
    assert_one_undo_restores(editor, source)


def test_backspace_after_code_deletes_one_character(editor, qtbot):
    editor.set_script("x =    \n")
    place(editor, 7)  # after spaces that follow code
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.toPlainText() == "x =   \n"
    place(editor, 6, anchor=4)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # a selection: just deleted
    assert editor.toPlainText() == "x = \n"


# --------------------------------------------------------------------------- paste / drop
def test_pasted_tabs_become_four_spaces(editor):
    editor.set_script("if x:\n")
    place(editor, 6)
    QApplication.clipboard().setText("\tx = 1\n\t\ty = 2\n")
    editor.paste()
    assert editor.toPlainText() == "if x:\n    x = 1\n        y = 2\n"
    assert selection(editor) == (len(editor.toPlainText()),) * 2
    assert_one_undo_restores(editor, "if x:\n")


def test_dropped_text_goes_through_the_same_tab_conversion(editor):
    editor.set_script("")
    data = QMimeData()
    data.setText("a\tb")
    assert editor.canInsertFromMimeData(data)
    editor.insertFromMimeData(data)  # what a drop calls
    assert editor.toPlainText() == "a    b"


# --------------------------------------------------------------------------- Ctrl+/
def test_toggle_comment_on_the_cursors_line_and_back(editor):
    source = "x = 1\n    y = 2\n"
    editor.set_script(source)
    place(editor, 11)  # in "y = 2"
    editor.toggle_comment()
    assert editor.toPlainText() == "x = 1\n    # y = 2\n"
    assert selection(editor) == (13, 13)
    editor.toggle_comment()
    assert editor.toPlainText() == source
    assert selection(editor) == (11, 11)
    assert_one_undo_restores(editor, "x = 1\n    # y = 2\n")


def test_toggle_comment_comments_all_selected_lines_at_the_smallest_indent(editor):
    source = "if x:\n    a = 1\n\n        # b = 2\n    c = 3\nd = 4\n"
    editor.set_script(source)
    place(editor, source.index("c = 3") + 5, anchor=6)  # start of line 2 to the end of "c = 3"
    editor.toggle_comment()
    assert editor.toPlainText() == ("if x:\n    # a = 1\n\n    #     # b = 2\n    # c = 3\nd = 4\n")
    assert editor.textCursor().selectedText().startswith("    # a = 1")
    assert editor.textCursor().selectedText().endswith("# c = 3")
    assert_one_undo_restores(editor, source)


def test_toggle_comment_uncomments_when_every_line_is_commented(editor):
    source = "# a = 1\n    #b = 2\n\n# c = 3\n"
    editor.set_script(source)
    place(editor, len(source) - 1, anchor=0)
    editor.toggle_comment()
    assert editor.toPlainText() == "a = 1\n    b = 2\n\nc = 3\n"
    assert selection(editor) == (0, len(editor.toPlainText()) - 1)
    assert_one_undo_restores(editor, source)


def test_ctrl_slash_is_the_editors_toggle_comment_action(editor, qtbot):
    assert editor.toggle_comment_action.shortcut().toString() == "Ctrl+/"
    assert editor.toggle_comment_action in editor.actions()
    assert editor.toggle_comment_action.shortcutContext() == (
        Qt.ShortcutContext.WidgetWithChildrenShortcut
    )
    editor.set_script("x = 1\n")
    show_active(qtbot, editor)
    qtbot.keyClick(editor, Qt.Key.Key_Slash, Ctrl)
    assert editor.toPlainText() == "# x = 1\n"
    assert_one_undo_restores(editor, "x = 1\n")


def test_context_menu_offers_comment_find_and_replace(editor):
    menu = editor.context_menu(editor.rect().center())
    actions = menu.actions()
    for action in (editor.toggle_comment_action, editor.find_action, editor.replace_action):
        assert action in actions
    assert any(a.text().replace("&", "").startswith("Copy") for a in actions)


def test_read_only_editor_ignores_the_typing_aids(editor, qtbot):
    editor.set_script("    x\n")
    editor.setReadOnly(True)
    place(editor, 4)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.toPlainText() == "    x\n"
