"""The editor's extra selections: current line, bracket pair, error wave, composed together."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextFormat

from playground.ui.editor import BRACKET_COLOR, UNMATCHED_BRACKET_COLOR, CodeEditor


def place(editor: CodeEditor, position: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)


def line_highlights(editor: CodeEditor) -> list[int]:
    """Block numbers of the full-width (current line) extra selections."""
    full = QTextFormat.Property.FullWidthSelection
    return [s.cursor.blockNumber() for s in editor.extraSelections() if s.format.boolProperty(full)]


def bracket_highlights(editor: CodeEditor) -> list[tuple[int, str]]:
    """(position, colour name) of the one-character bracket highlights."""
    colors = {BRACKET_COLOR.rgba(): "match", UNMATCHED_BRACKET_COLOR.rgba(): "unmatched"}
    found = []
    for s in editor.extraSelections():
        color = s.format.background().color().rgba()
        if color in colors and s.cursor.hasSelection():
            assert s.cursor.selectionEnd() - s.cursor.selectionStart() == 1
            found.append((s.cursor.selectionStart(), colors[color]))
    return sorted(found)


def waves(editor: CodeEditor) -> list[str]:
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    return [
        s.cursor.selectedText()
        for s in editor.extraSelections()
        if s.format.underlineStyle() == wave
    ]


def test_the_cursors_line_is_highlighted_and_follows_the_cursor(editor):
    editor.set_script("a = 1\nb = 2\nc = 3\n")
    place(editor, 8)
    assert line_highlights(editor) == [1]
    place(editor, 13)
    assert line_highlights(editor) == [2]
    cursor = editor.textCursor()
    cursor.setPosition(0, QTextCursor.MoveMode.KeepAnchor)  # a selection: still one line
    editor.setTextCursor(cursor)
    assert line_highlights(editor) == [0]


def test_a_bracket_at_the_cursor_and_its_partner_are_highlighted(editor):
    source = "y = f(x[0], {1: (2)})\n"
    editor.set_script(source)
    opening = source.index("(")
    place(editor, opening)  # before "("
    assert editor.matching_brackets() == (opening, len("y = f(x[0], {1: (2)}"))
    assert bracket_highlights(editor) == [(opening, "match"), (source.rindex(")"), "match")]
    place(editor, source.index("]") + 1)  # after "]"
    assert bracket_highlights(editor) == [
        (source.index("["), "match"),
        (source.index("]"), "match"),
    ]
    place(editor, 2)
    assert editor.matching_brackets() is None
    assert bracket_highlights(editor) == []


def test_the_character_after_the_cursor_wins_over_the_one_before(editor):
    source = "f()(1)\n"
    editor.set_script(source)
    place(editor, 3)  # between ")" and "("
    assert editor.matching_brackets() == (3, 5)


def test_brackets_in_strings_and_comments_do_not_count(editor):
    source = 's = "(" + f(1)  # )\nt = """\n]\n""" + [2]\n'
    editor.set_script(source)
    place(editor, source.index("f(") + 1)
    assert editor.matching_brackets() == (source.index("f(") + 1, source.index("1)") + 1)
    place(editor, source.index('"("') + 1)  # the "(" inside the string
    assert editor.matching_brackets() is None
    place(editor, source.index("[2]"))
    assert editor.matching_brackets() == (source.index("[2]"), source.index("[2]") + 2)


def test_an_unmatched_bracket_is_shown_alone_in_red(editor):
    source = "x = (1 + 2\ny = 3]\n"
    editor.set_script(source)
    place(editor, 4)
    assert editor.matching_brackets() == (4, None)
    assert bracket_highlights(editor) == [(4, "unmatched")]
    place(editor, source.index("]") + 1)
    assert bracket_highlights(editor) == [(source.index("]"), "unmatched")]


def test_bracket_positions_count_utf16_units_like_qt(editor):
    source = 's = "😀"; f(1)\n'
    editor.set_script(source)
    opening = len(source[: source.index("(")].encode("utf-16-le")) // 2
    place(editor, opening)
    assert editor.matching_brackets() == (opening, opening + 2)
    assert editor.document().characterAt(opening) == "("


def test_brackets_follow_the_edits(editor, qtbot):
    editor.set_script("f(1)\n")
    place(editor, 4)
    assert editor.matching_brackets() == (3, 1)
    qtbot.keyClicks(editor, ")")
    assert editor.matching_brackets() == (4, None)


def test_error_wave_current_line_and_brackets_are_shown_together(editor):
    source = "x = 1\ny = (x\n"
    editor.set_script(source)
    editor.set_error(2, 5, "2:5: SyntaxError: '(' was never closed")
    place(editor, source.index("("))
    assert waves(editor) == ["(x"]
    assert line_highlights(editor) == [1]
    assert bracket_highlights(editor) == [(source.index("("), "unmatched")]
    editor.clear_error()
    assert waves(editor) == []
    assert line_highlights(editor) == [1]  # the other highlights stay
    assert bracket_highlights(editor) == [(source.index("("), "unmatched")]
