"""Cells of a percent script (``# %%``) and the top-level statement at a line, for Run cell
and Run to cursor. Qt-free; lines are 1-based, ranges inclusive.

A cell starts at each ``# %%`` line (``# %% [markdown]`` is a text cell) and ends before
the next one. Lines above the first marker form a cell of their own when they hold
code; a header of comments only (jupytext's YAML) is cell 0, not counted.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import tokenize
from dataclasses import dataclass

#: A cell marker, as jupytext reads the percent format (``# %%``, ``#%% [markdown]``).
MARKER = re.compile(r"^\s*#\s*%%(?=\s|$)(.*)$")
#: The same marker anywhere in a text (a quick "is this a percent script?" test).
MARKER_ANYWHERE = re.compile(MARKER.pattern, re.MULTILINE)
_KIND = re.compile(r"^\s*\[(\w+)\]")
#: Lines that continue a compound statement at column 0 (not a new statement).
_CONTINUATION = re.compile(r"^(?:else|elif|except|finally|case)\b|^[)\]}]")


@dataclass(frozen=True)
class Cell:
    """One cell of a script."""

    #: 1-based, in the order a notebook shows them; 0 for a header without code.
    number: int
    #: First line (the ``# %%`` line, or 1).
    start: int
    #: Last line (the one before the next marker, or the last line).
    end: int
    #: ``"code"``, ``"markdown"``, ``"raw"`` or ``"header"``.
    kind: str


def marker_lines(text: str) -> list[int]:
    """The lines that start a cell (``# %%`` comments, not lines inside a string)."""
    lines = text.split("\n")
    candidates = [i + 1 for i, line in enumerate(lines) if MARKER.match(line)]
    if not candidates:
        return []
    inside = _string_lines(text)
    return [n for n in candidates if n not in inside]


def cell_ranges(text: str) -> list[Cell]:
    """Every cell of *text*, in order (none for an empty text)."""
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()  # the line after the last newline is no line of the script
    total = max(len(lines), 1)
    starts = marker_lines(text)
    cells: list[Cell] = []
    if not starts or starts[0] > 1:
        first_end = (starts[0] - 1) if starts else total
        preamble = lines[:first_end]
        code = any(line.strip() and not line.lstrip().startswith("#") for line in preamble)
        cells.append(Cell(1 if code else 0, 1, first_end, "code" if code else "header"))
    number = cells[0].number if cells else 0
    for index, start in enumerate(starts):
        end = starts[index + 1] - 1 if index + 1 < len(starts) else total
        number += 1
        cells.append(Cell(number, start, max(end, start), _kind(lines[start - 1])))
    return cells


def _kind(marker: str) -> str:
    match = MARKER.match(marker)
    rest = match.group(1) if match else ""
    kind = _KIND.match(rest)
    name = kind.group(1).lower() if kind else ""
    if name in ("markdown", "md"):
        return "markdown"
    return "raw" if name == "raw" else "code"


def first_code_cell(text: str) -> Cell | None:
    """The first ``# %%`` code cell of *text* (a lesson opens scrolled to it), or ``None``."""
    return next((c for c in cell_ranges(text) if c.kind == "code" and c.start > 1), None)


def cell_at(text: str, line: int) -> Cell:
    """The cell holding *line* (the last cell for a line past the end)."""
    cells = cell_ranges(text) or [Cell(0, 1, 1, "header")]
    for cell in cells:
        if cell.start <= line <= cell.end:
            return cell
    return cells[-1] if line > cells[-1].end else cells[0]


def cell_end_line(text: str, line: int) -> int:
    """The last line of the cell holding *line*."""
    return cell_at(text, line).end


def statement_end_line(text: str, line: int) -> int:
    """The last line of the top-level statement at *line* (*line* itself between
    statements). A syntax error after that statement does not matter: the script is
    parsed up to a top-level statement that starts after *line*."""
    lines = text.split("\n")
    line = max(1, min(line, len(lines)))
    tree = _parse_prefix(lines, line)
    if tree is None:  # the error is in this very statement: up to the next one
        return _next_top_level(lines, line) - 1
    for statement in tree.body:
        start = min(
            [statement.lineno] + [d.lineno for d in getattr(statement, "decorator_list", [])]
        )
        end = statement.end_lineno or statement.lineno
        if start <= line <= end:
            return end
    return line


def _parse_prefix(lines: list[str], line: int) -> ast.Module | None:
    """The parse of the longest prefix of *lines* that parses and ends at a top-level
    statement boundary after *line* (the whole text first)."""
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError as exc:
        error_line = exc.lineno or len(lines)
    # Cut before the error's line, then before each top-level statement start above it.
    last = min(error_line, len(lines))
    cuts = [n for n in range(last, line, -1) if n == last or _starts_statement(lines, n)]
    for cut in cuts:
        try:
            return ast.parse("\n".join(lines[: cut - 1]))
        except SyntaxError:
            continue
    return None


def _starts_statement(lines: list[str], number: int) -> bool:
    """Whether line *number* looks like the start of a top-level statement."""
    text = lines[number - 1]
    return bool(text) and not text[0].isspace() and text[0] != "#" and not _CONTINUATION.match(text)


def _next_top_level(lines: list[str], line: int) -> int:
    """The first line after *line* that starts a top-level statement (past the end: one
    more than the last line)."""
    for number in range(line + 1, len(lines) + 1):
        if _starts_statement(lines, number):
            return number
    return len(lines) + 1


def _string_lines(text: str) -> set[int]:
    """Lines after the first line of a multi-line string (a marker there is text)."""
    inside: set[int] = set()
    tokens = tokenize.generate_tokens(io.StringIO(text + "\n").readline)
    # Code that does not tokenize further down: the strings found so far still count.
    with contextlib.suppress(tokenize.TokenError, SyntaxError):
        for token in tokens:
            if token.type == tokenize.STRING and token.end[0] > token.start[0]:
                inside.update(range(token.start[0] + 1, token.end[0] + 1))
    return inside


def prefix(text: str, end_line: int) -> str:
    """Lines 1..*end_line* of *text*, ending with a newline: what Run cell runs."""
    lines = text.split("\n")[:end_line]
    return "\n".join(lines) + "\n"


def describe_cells(text: str, end_line: int) -> tuple[int, int] | None:
    """``(first, last)`` numbered cells a run up to *end_line* covers (``None`` when no
    numbered cell ends there)."""
    numbered = [c for c in cell_ranges(text) if c.number > 0 and c.start <= end_line]
    if not numbered:
        return None
    return numbered[0].number, numbered[-1].number
