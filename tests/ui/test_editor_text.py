"""The editor's text rules on plain strings (no widget): indentation, comments, brackets."""

from __future__ import annotations

import pytest

from playground.ui.editor_text import (
    LineEdit,
    backspace_width,
    bracket_partners,
    comment_edits,
    dedent_edits,
    indent_edits,
    newline_indent,
    spaces_to_next_stop,
    strip_comment,
    tabs_to_spaces,
)


def apply(lines: list[str], edits: list[LineEdit]) -> list[str]:
    out = list(lines)
    for edit in edits:
        line = out[edit.line]
        out[edit.line] = line[: edit.column] + edit.inserted + line[edit.column + edit.removed :]
    return out


@pytest.mark.parametrize(("column", "spaces"), [(0, 4), (1, 3), (3, 1), (4, 4), (6, 2)])
def test_tab_stops_every_four_columns(column, spaces):
    assert spaces_to_next_stop(column) == spaces


@pytest.mark.parametrize(
    ("prefix", "width"), [("", 0), (" ", 1), ("    ", 4), ("      ", 2), ("        ", 4), ("x ", 0)]
)
def test_backspace_width_only_in_leading_spaces(prefix, width):
    assert backspace_width(prefix) == width


def test_tabs_to_spaces():
    assert tabs_to_spaces("\tif x:\n\t\ty = 1\t# c") == "    if x:\n        y = 1    # c"


def test_indent_and_dedent_skip_what_they_should():
    lines = ["a", "", "   ", "    b", "\tc", "  d"]
    assert apply(lines, indent_edits(lines)) == [
        "    a",
        "",
        "   ",
        "        b",
        "    \tc",
        "      d",
    ]
    assert apply(lines, dedent_edits(lines)) == ["a", "", "", "b", "c", "d"]


def test_comment_and_uncomment_are_inverse_up_to_the_space():
    lines = ["    x = 1", "", "        y = 2"]
    commented = apply(lines, comment_edits(lines))
    assert commented == ["    # x = 1", "", "    #     y = 2"]
    assert apply(commented, comment_edits(commented)) == lines
    assert apply(["#x", "  # y"], comment_edits(["#x", "  # y"])) == ["x", "  y"]
    assert comment_edits(["", "  "]) == []


def test_line_edit_moves_cursors_sensibly():
    insert = LineEdit(0, 4, 0, "# ")
    assert [insert.moved(c) for c in (0, 4, 5, 9)] == [0, 4, 7, 11]
    remove = LineEdit(0, 0, 4, "")
    assert [remove.moved(c) for c in (0, 2, 4, 6)] == [0, 0, 0, 2]


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("x = 1  # note", "x = 1  "),
        ("s = '#'  # c", "s = '#'  "),
        ('s = "a\\"#"', 's = "a\\"#"'),
        ('d = """#""" # c', 'd = """#""" '),
    ],
)
def test_strip_comment_ignores_hashes_in_strings(line, code):
    assert strip_comment(line) == code


@pytest.mark.parametrize(
    ("prefix", "indent"),
    [
        ("x = 1", ""),
        ("    x = 1", "    "),
        ("class A:", "    "),
        ("    else:   # otherwise ", "        "),
        ("    data = [", "        "),
        ("        continue", "    "),
        ("    break", ""),
        ("  return", ""),
        ("return", ""),
        ("\t\treturn x", "\t"),
        ("    passes = 3", "    "),
        ("    s = 'a:'  # ends with a colon:", "    "),
    ],
)
def test_newline_indent(prefix, indent):
    assert newline_indent(prefix) == indent


def test_bracket_partners_pairs_nested_and_reports_unmatched():
    text = "f(a[1], {2: (3)}) ]"
    partners = bracket_partners(text)
    assert partners[1] == 16 and partners[16] == 1
    assert partners[3] == 5 and partners[8] == 15 and partners[12] == 14
    assert partners[len(text) - 1] is None


def test_bracket_partners_skip_strings_comments_and_escapes():
    text = "a = '(\\')' + (1)  # (\nb = \"\"\"\n[\n\"\"\" + r'\\'' + {}"
    partners = bracket_partners(text)
    assert sorted(partners) == sorted(
        [text.index("(1"), text.index("1)") + 1, text.index("{}"), text.index("{}") + 1]
    )


def test_an_unterminated_string_ends_with_its_line():
    text = "s = 'oops\nf(1)"
    assert bracket_partners(text) == {11: 13, 13: 11}
