"""The code editor: offsets, one-undo structured edits, no_grad gutter toggle, error marks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication, QToolTip

from playground.core.script_edit import TextEdit, apply_edits, toggle_no_grad
from playground.ui.editor import TOGGLE_WIDTH, qt_position, statement_lines

LESSON5_BODY = "import torch\nx = torch.tensor(1., requires_grad=True)\ny1 = x ** 2\ny2 = x ** 3\n"


def test_qt_position_counts_utf16_units():
    text = "a😀b"
    assert qt_position(text, 1) == 1
    assert qt_position(text, 2) == 3  # the emoji is a surrogate pair in Qt
    assert qt_position(text, 3) == 4


def test_apply_edits_matches_pure_rewrite_with_non_bmp_text(editor):
    source = "# 😀 𝔁\nx = 1\ny = x + 2\n"
    editor.set_script(source)
    start = source.index("x + 2")
    edits = [TextEdit(start, start + 1, "x * 3 -"), TextEdit(len(source), len(source), "z = y\n")]
    editor.apply_edits(edits)
    assert editor.toPlainText() == apply_edits(source, edits)


def test_one_ctrl_z_undoes_a_whole_structured_edit(editor, qtbot):
    source = LESSON5_BODY + "with torch.no_grad():\n    y3 = x * 2\n    y4 = y3 + 1\n"
    editor.set_script(source)
    edits = toggle_no_grad(source, 6)  # unwrap: remove the `with`, dedent two lines
    assert len(edits) >= 2
    with qtbot.waitSignal(editor.structuredEdit):
        editor.apply_edits(edits)
    assert editor.toPlainText() == LESSON5_BODY + "y3 = x * 2\ny4 = y3 + 1\n"
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == source


def test_overlapping_edits_are_refused_and_leave_text_alone(editor):
    editor.set_script("abcdef")
    with pytest.raises(ValueError):
        editor.apply_edits([TextEdit(0, 3, "x"), TextEdit(2, 4, "y")])
    assert editor.toPlainText() == "abcdef"


def test_gutter_marks_statements_and_no_grad_blocks():
    source = "import torch\nx = torch.ones(1)\nwith torch.no_grad():\n    y = x * 2\nz = x + 1\n"
    starts, no_grad = statement_lines(source)
    assert starts == {1, 2, 3, 4, 5}
    assert no_grad == {3, 4}
    assert statement_lines("x = (") == (set(), set())


def test_clicking_the_gutter_toggle_wraps_then_unwraps(editor, qtbot):
    editor.set_script(LESSON5_BODY)
    editor.show()
    qtbot.waitExposed(editor)
    gutter = editor.findChild(type(editor._gutter), "editorGutter")
    rect = editor.blockBoundingGeometry(editor.document().findBlockByNumber(3))
    y = int(rect.translated(editor.contentOffset()).center().y())
    x = gutter.width() - TOGGLE_WIDTH // 2
    qtbot.mouseClick(gutter, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    wrapped = editor.toPlainText()
    assert wrapped == apply_edits(LESSON5_BODY, toggle_no_grad(LESSON5_BODY, 4))
    assert 4 in editor.no_grad_lines
    # the statement moved to line 5 under the new `with` on line 4; clicking it unwraps
    rect = editor.blockBoundingGeometry(editor.document().findBlockByNumber(4))
    y = int(rect.translated(editor.contentOffset()).center().y())
    qtbot.mouseClick(gutter, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    assert editor.toPlainText() == LESSON5_BODY


def test_toggle_where_no_statement_starts_is_rejected_with_a_reason(editor, qtbot):
    source = "import torch\nx = torch.ones(1)\n\ny = (x +\n  1)\n"
    editor.set_script(source)
    with qtbot.waitSignal(editor.editRejected) as blocker:
        editor.toggle_no_grad(5)
    assert "no statement starts on line 5" in blocker.args[0]
    assert editor.toPlainText() == source


def test_error_underline_and_hover_text(editor):
    editor.set_script("import torch\nx = torch.ones(2)\nx.backward()\n")
    editor.set_error(
        3, 1, "3:1: RuntimeError: grad can be implicitly created only for scalar outputs"
    )
    assert editor.error_line() == 3
    [selection] = _waves(editor)
    assert selection.cursor.block().blockNumber() == 2
    assert selection.cursor.selectedText() == "x.backward()"
    assert "scalar outputs" in editor.tooltip_for_line(3)
    assert editor.tooltip_for_line(2) is None
    editor.clear_error()
    assert _waves(editor) == [] and editor.error_line() is None


def _waves(editor):
    """The error underlines among the editor's extra selections."""
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    return [s for s in editor.extraSelections() if s.format.underlineStyle() == wave]


def _show_active(qtbot, widget) -> None:
    """Show *widget* as the active window (an inactive window's tooltip hides by itself)."""
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=5000)


def _count_updates(monkeypatch, widget) -> list[int]:
    """Record each ``widget.update()`` the editor asks for (a repaint request)."""
    calls: list[int] = []
    original = widget.update
    monkeypatch.setattr(widget, "update", lambda *a: (calls.append(1), original(*a)))
    return calls


def test_clear_error_removes_wave_tooltip_and_gutter_mark_at_once(editor, qtbot, monkeypatch):
    """The reported bug: after a fix the red wave and '5:15: SyntaxError' stayed until
    something else repainted. clear_error takes them all away and repaints right away."""
    editor.set_script("x = 1\ny = (\n")
    _show_active(qtbot, editor)
    message = "2:5: SyntaxError: '(' was never closed"
    editor.set_error(2, 5, message)
    assert len(_waves(editor)) == 1 and editor.error_line() == 2
    QToolTip.showText(editor.mapToGlobal(QPoint(40, 20)), message, editor.viewport())
    qtbot.wait(100)
    assert QToolTip.isVisible()  # it would stay for seconds
    viewport_updates = _count_updates(monkeypatch, editor.viewport())
    gutter_updates = _count_updates(monkeypatch, editor._gutter)
    editor.clear_error()
    assert _waves(editor) == []
    assert editor.error_line() is None and editor.tooltip_for_line(2) is None
    assert viewport_updates and gutter_updates
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)


def test_set_error_repaints_at_once_and_replaces_the_previous_wave(editor, qtbot, monkeypatch):
    editor.set_script("a = 1\nb = 2\n")
    _show_active(qtbot, editor)
    editor.set_error(1, 1, "first")
    QToolTip.showText(editor.mapToGlobal(QPoint(40, 10)), "first", editor.viewport())
    qtbot.wait(100)
    assert QToolTip.isVisible()
    viewport_updates = _count_updates(monkeypatch, editor.viewport())
    gutter_updates = _count_updates(monkeypatch, editor._gutter)
    editor.set_error(2, 1, "second")
    [wave] = _waves(editor)
    assert wave.cursor.selectedText() == "b = 2"
    assert viewport_updates and gutter_updates
    assert editor.tooltip_for_line(1) is None and editor.tooltip_for_line(2) == "second"
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)  # the old message goes


def test_the_wave_survives_moving_the_cursor(editor):
    """Current-line and bracket highlights are recomposed on every cursor move; the
    error underline stays among them until clear_error."""
    editor.set_script("x = (1\ny = 2\n")
    editor.set_error(1, 5, "1:5: SyntaxError")
    cursor = editor.textCursor()
    cursor.setPosition(5)
    editor.setTextCursor(cursor)
    cursor.setPosition(9)
    editor.setTextCursor(cursor)
    [wave] = _waves(editor)
    assert wave.cursor.selectedText() == "(1"


def test_error_on_a_line_that_no_longer_exists_clears_the_mark(editor):
    editor.set_script("x = 1\n")
    editor.set_error(40, 1, "gone")
    assert editor.error_line() is None
    assert _waves(editor) == []


def _format_at(editor, line: int, column: int):
    block = editor.document().findBlockByNumber(line - 1)
    ranges = block.layout().formats()
    for fmt_range in ranges:
        if fmt_range.start <= column < fmt_range.start + fmt_range.length:
            return fmt_range.format.foreground().color().name()
    return None


def _color(fmt) -> str:
    return fmt.foreground().color().name()


def test_highlighter_knows_the_interpreters_torch_names(editor):
    from playground.core import safe_torch

    assert "ones" in safe_torch.TORCH_FUNCTIONS
    editor.set_script("x = torch.ones(2, requires_grad=True)  # note\ny = x.sum()\ny.backward()\n")
    high = editor.highlighter
    assert _format_at(editor, 1, 4) == _color(high.torch_format)  # torch.ones
    assert _format_at(editor, 1, 18) == _color(high.autograd_format)  # requires_grad
    assert _format_at(editor, 1, 40) == _color(high.comment_format)
    assert _format_at(editor, 2, 5) == _color(high.member_format)  # .sum
    assert _format_at(editor, 3, 3) == _color(high.autograd_format)  # backward


def test_highlighter_offsets_survive_non_bmp_characters(editor):
    editor.set_script('s = "😀"; x = torch.zeros(1)\n')
    text = editor.toPlainText().split("\n")[0]
    utf16_column = len(text[: text.index("torch")].encode("utf-16-le")) // 2
    assert _format_at(editor, 1, utf16_column) == _color(editor.highlighter.torch_format)
    assert _format_at(editor, 1, utf16_column - 1) is None  # the space before is plain


def test_long_lines_wrap_instead_of_hiding_their_end_at_1280x800(qtbot):
    """Lesson 4's line 2 ends in ``requires_grad=True)``: at 1280×800 it is wrapped in
    the editor (no number on the continuation), not cut off behind a scroll bar, and a
    click on the continuation's gutter still means line 2."""
    import playground
    from tests.conftest import seed_lesson

    window = playground.main_window(seed_lesson(4))
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    editor = window.editor
    assert editor.horizontalScrollBar().maximum() == 0
    block = editor.document().findBlockByNumber(1)
    assert block.layout().lineCount() == 2
    top = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top()
    second_line_y = top + editor.blockBoundingRect(block).height() * 0.75
    assert editor.line_at_y(second_line_y) == 2
