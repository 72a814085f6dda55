"""The text rules behind the editor's typing aids, without Qt: indentation, comments, brackets.

Lines are Python ``str``. Every column a rule produces lies in a line's leading
whitespace or at its ``#``, which are one UTF-16 unit per character, so the editor can
use them as Qt columns unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Spaces per indentation level (PEP 8); Tab never inserts a tab character.
INDENT = 4
INDENT_TEXT = " " * INDENT
#: A statement after which the next line usually goes one level out.
_DEDENT_AFTER = re.compile(r"(?:return|pass|break|continue|raise)\b")
_OPENERS = "([{"
_PARTNER = {")": "(", "]": "[", "}": "{"}


@dataclass(frozen=True)
class LineEdit:
    """Replace ``removed`` characters at ``column`` of line ``line`` by ``inserted``."""

    line: int
    column: int
    removed: int
    inserted: str

    def moved(self, column: int) -> int:
        """Where a cursor at *column* of this line ends up after the edit.

        Before (or exactly at) the edit it stays, so a selection starting at column 0
        still starts there; inside removed text it snaps to the edit; after, it shifts.
        """
        if column <= self.column:
            return column
        if column < self.column + self.removed:
            return self.column
        return column - self.removed + len(self.inserted)


def leading_whitespace(line: str) -> str:
    """The spaces and tabs *line* starts with."""
    return line[: len(line) - len(line.lstrip(" \t"))]


def is_blank(line: str) -> bool:
    """Whether *line* holds nothing but whitespace."""
    return not line.strip()


def tabs_to_spaces(text: str) -> str:
    """*text* with every tab character replaced by one indentation level of spaces."""
    return text.replace("\t", INDENT_TEXT)


def spaces_to_next_stop(column: int) -> int:
    """How many spaces Tab inserts at *column*: up to the next multiple of :data:`INDENT`."""
    return INDENT - column % INDENT


def backspace_width(prefix: str) -> int:
    """Characters Backspace removes when *prefix* (the line up to the cursor) is all spaces.

    Back to the previous multiple of :data:`INDENT`; 0 when the prefix holds anything
    else (then Backspace deletes one character as usual).
    """
    if not prefix or prefix.strip(" "):
        return 0
    return (len(prefix) - 1) % INDENT + 1


def indent_edits(lines: Sequence[str]) -> list[LineEdit]:
    """One level more on every non-blank line (blank lines get no trailing spaces)."""
    return [LineEdit(i, 0, 0, INDENT_TEXT) for i, line in enumerate(lines) if not is_blank(line)]


def dedent_edits(lines: Sequence[str]) -> list[LineEdit]:
    """Up to one level less on every line: up to 4 leading spaces, or one leading tab."""
    edits = []
    for i, line in enumerate(lines):
        spaces = len(line[:INDENT]) - len(line[:INDENT].lstrip(" "))
        width = spaces or (1 if line.startswith("\t") else 0)
        if width:
            edits.append(LineEdit(i, 0, width, ""))
    return edits


def comment_edits(lines: Sequence[str]) -> list[LineEdit]:
    """Toggle ``# `` comments: uncomment when every non-blank line is commented, else
    comment them all at their smallest indentation (blank lines stay as they are)."""
    code = [(i, line) for i, line in enumerate(lines) if not is_blank(line)]
    if not code:
        return []
    if all(line.lstrip().startswith("#") for _, line in code):
        edits = []
        for i, line in code:
            column = len(leading_whitespace(line))
            edits.append(LineEdit(i, column, 2 if line[column + 1 : column + 2] == " " else 1, ""))
        return edits
    column = min(len(leading_whitespace(line)) for _, line in code)
    return [LineEdit(i, column, 0, "# ") for i, _ in code]


def strip_comment(line: str) -> str:
    """*line* without its ``#`` comment (a ``#`` inside a string literal is not one)."""
    quote = None
    i = 0
    while i < len(line):
        char = line[i]
        if quote is not None:
            if char == "\\":
                i += 2
                continue
            if line.startswith(quote, i):
                i += len(quote)
                quote = None
                continue
        elif char == "#":
            return line[:i]
        elif char in "\"'":
            quote = char * 3 if line.startswith(char * 3, i) else char
            i += len(quote)
            continue
        i += 1
    return line


def newline_indent(prefix: str) -> str:
    """Indentation of the line Enter opens after *prefix* (the line up to the cursor).

    The same as the current line; one level more after a ``:`` or an opening bracket
    (a trailing comment does not count); one level less after ``return``, ``pass``,
    ``break``, ``continue`` or ``raise``.
    """
    indent = leading_whitespace(prefix)
    code = strip_comment(prefix).strip()
    if code.endswith((":", *_OPENERS)):
        return indent + INDENT_TEXT
    if _DEDENT_AFTER.match(code):
        return _one_level_less(indent)
    return indent


def _one_level_less(indent: str) -> str:
    if indent.endswith("\t"):
        return indent[:-1]
    spaces = indent[len(indent.rstrip(" ")) :]
    return indent[: len(indent) - backspace_width(spaces)]


def bracket_partners(text: str) -> dict[int, int | None]:
    """Each bracket of *text* outside strings and comments: its partner (``None`` when
    unmatched). Positions are UTF-16 units, as ``QTextDocument`` counts them."""
    partners: dict[int, int | None] = {}
    stack: list[int] = []
    quote = None
    i = 0
    while i < len(text):
        char = text[i]
        if quote is not None:
            if char == "\\":
                i += 2
                continue
            if text.startswith(quote, i):
                i += len(quote)
                quote = None
                continue
            if char == "\n" and len(quote) == 1:
                quote = None  # an unterminated one-line string ends with its line
        elif char == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            i += len(quote)
            continue
        elif char in _OPENERS:
            stack.append(i)
        elif char in _PARTNER:
            if stack and text[stack[-1]] == _PARTNER[char]:
                opener = stack.pop()
                partners[opener], partners[i] = i, opener
            else:
                partners[i] = None
        i += 1
    partners.update(dict.fromkeys(stack))
    return _in_utf16_units(text, partners)


def _in_utf16_units(text: str, partners: dict[int, int | None]) -> dict[int, int | None]:
    if all(ord(char) <= 0xFFFF for char in text):
        return partners
    units = [0]
    for char in text:
        units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
    return {units[k]: None if v is None else units[v] for k, v in partners.items()}
