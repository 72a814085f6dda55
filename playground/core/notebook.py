"""Jupyter notebooks as percent scripts, and back, with jupytext and nbformat.

``.ipynb`` -> text: code cells become ``# %%`` cells and markdown cells ``# %% [markdown]``
text cells (jupytext's percent format, the one lessons use). What only IPython runs is
dropped, each with a :class:`DroppedLine` note for the console: line magics
(``%matplotlib inline``, ``%timeit x``), cell magics (``%%time``: the cell's Python is
kept; ``%%bash``: the whole cell goes), shell lines (``!pip install torch``), help
(``x?``) and ``get_ipython()`` calls. ``%time STATEMENT`` keeps its statement.

Text -> ``.ipynb``: cells back as jupytext reads them, without outputs or execution
counts. A file that is not a notebook raises :class:`NotebookError`: one line saying
what is wrong and where, never a traceback. Qt-free and torch-free.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
import textwrap
import tokenize
import warnings
from dataclasses import dataclass
from typing import Any

from playground.core.errors import PlaygroundError

#: Largest notebook accepted (bytes): outputs (images) make notebooks far bigger than
#: their code, and they are dropped.
MAX_NOTEBOOK_BYTES = 50_000_000
#: Cell magics whose body is Python: the magic line goes, the code stays.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "prun", "capture"})
#: Lines looked at for the end of a dropped ``get_ipython()`` statement.
MAX_STATEMENT_LINES = 50
#: jupytext's percent format for a Python script.
PERCENT = {"extension": ".py", "format_name": "percent"}
#: The kernel a notebook written from a script names (Jupyter opens it with Python).
PYTHON_KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}

#: What each kind of note says (``{cell}``, ``{line}``, ``{text}``); the window shows the
#: same sentences translated (``playground.ui.notebook_notes``).
NOTE_TEMPLATES = {
    "magic": "cell {cell}, line {line}: dropped the IPython magic {text}",
    "time": "cell {cell}, line {line}: dropped {text}, its statement is kept",
    "cell_magic": "cell {cell}, line {line}: dropped the cell magic {text}, the cell's code is kept",
    "cell": "cell {cell}: dropped the whole cell, its {text} magic does not run Python",
    "shell": "cell {cell}, line {line}: dropped the shell command {text}",
    "help": "cell {cell}, line {line}: dropped the IPython help request {text}",
    "get_ipython": "cell {cell}, line {line}: dropped the IPython call {text}",
}

_CELL_MAGIC = re.compile(r"%%(\w+)")
_TIME = re.compile(r"(\s*)%time\s+(\S.*)$")
_LINE_MAGIC = re.compile(r"\s*%{1,2}\w")
_SHELL = re.compile(r"\s*!")
_ASSIGNED = re.compile(r"\s*[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*([%!])")
_HELP = re.compile(r"\s*(?:\?{1,2}[\w.]+|[\w.]+\?{1,2})\s*$")
_GET_IPYTHON = re.compile(r"\bget_ipython\s*\(")


class NotebookError(PlaygroundError):
    """The file is not a notebook the playground can read (the message says why, where)."""


@dataclass(frozen=True)
class DroppedLine:
    """One line (or cell) of IPython-only code left out of the script."""

    #: 1-based cell number in the notebook, as Jupyter counts (markdown cells too).
    cell: int
    #: 1-based line in that cell (1 for a whole cell).
    line: int
    #: The line as it was (the magic's name for a whole cell).
    text: str
    #: A key of :data:`NOTE_TEMPLATES`.
    kind: str

    def describe(self) -> str:
        """The note in English, e.g. ``cell 2, line 1: dropped the IPython magic %matplotlib
        inline``."""
        return NOTE_TEMPLATES[self.kind].format(cell=self.cell, line=self.line, text=self.text)


@dataclass(frozen=True)
class Converted:
    """A notebook as a percent script, with what was dropped on the way."""

    text: str
    dropped: tuple[DroppedLine, ...] = ()


# ---------------------------------------------------------------------------- reading
def notebook_to_script(data: bytes | str) -> Converted:
    """The percent script of the notebook *data* (the ``.ipynb`` file's content)."""
    import jupytext

    notebook = _read_notebook(data)
    dropped: list[DroppedLine] = []
    cells = []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type == "code":
            source, notes = clean_code_cell(cell.source, number)
            dropped.extend(notes)
            if source is None:
                continue
            cell.source = source
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    notebook.cells = cells
    return Converted(jupytext.writes(notebook, fmt=PERCENT), tuple(dropped))


def _read_notebook(data: bytes | str) -> Any:
    """The validated nbformat-4 notebook in *data*; :class:`NotebookError` if it is none."""
    import nbformat

    text = _decode(data)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotebookError(
            f"not a Jupyter notebook: invalid JSON at line {exc.lineno}, column {exc.colno} "
            f"({exc.msg})"
        ) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("nbformat"), int):
        raise NotebookError("not a Jupyter notebook: the JSON has no 'nbformat' version")
    if raw["nbformat"] >= 4 and not isinstance(raw.get("cells"), list):
        raise NotebookError("not a valid Jupyter notebook: 'cells' is not a list of cells")
    try:
        with warnings.catch_warnings():  # missing cell ids: old notebooks, read fine
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(text, as_version=4)
            nbformat.validate(notebook)
    except Exception as exc:  # nbformat raises many kinds (ValidationError, KeyError, ...)
        raise NotebookError(f"not a valid Jupyter notebook: {_schema_message(exc)}") from None
    language = _language(notebook.metadata)
    if language and language.lower() != "python":
        raise NotebookError(f"the notebook's language is {language!r}, not Python")
    return notebook


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotebookError(
            f"not a Jupyter notebook: not UTF-8 text at byte {exc.start} ({exc.reason})"
        ) from None


def _schema_message(exc: Exception) -> str:
    """First line of nbformat's message, with where in the notebook it is (``cell 3``)."""
    lines = str(exc).strip().splitlines() or [type(exc).__name__]
    message = lines[0].rstrip(":")
    path = list(getattr(exc, "absolute_path", None) or ())
    if len(path) >= 2 and path[0] == "cells" and isinstance(path[1], int):
        rest = ".".join(str(p) for p in path[2:])
        return f"cell {path[1] + 1}{' ' + rest if rest else ''}: {message}"
    if path:
        return f"{'.'.join(str(p) for p in path)}: {message}"
    return message


def _language(metadata: Any) -> str:
    kernel = metadata.get("kernelspec") or {}
    info = metadata.get("language_info") or {}
    language = kernel.get("language") or info.get("name") or ""
    return str(language)


def clean_code_cell(source: str, cell: int) -> tuple[str | None, list[DroppedLine]]:
    """*source* without its IPython-only lines, and a note for each; ``None`` for a cell
    whose cell magic does not run Python (``%%bash``), which goes whole."""
    lines = source.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    notes: list[DroppedLine] = []
    offset = 0  # lines cut from the top (a cell magic and the blank lines above it)
    match = _CELL_MAGIC.match(lines[first]) if first is not None else None
    if match and first is not None:
        if match.group(1) not in PYTHON_CELL_MAGICS:
            return None, [DroppedLine(cell, first + 1, "%%" + match.group(1), "cell")]
        notes.append(DroppedLine(cell, first + 1, lines[first].strip(), "cell_magic"))
        offset = first + 1
        del lines[:offset]
    candidates = {i: kind for i, line in enumerate(lines) if (kind := _line_kind(line))}
    for i in _inside_strings(lines, candidates):
        del candidates[i]
    kept: list[str] = []
    continued = False
    skip_to = -1
    for i, line in enumerate(lines):
        if continued or i <= skip_to:  # a continuation line of a dropped one
            continued = line.rstrip().endswith("\\")
            continue
        kind = candidates.get(i)
        if kind is None:
            kept.append(line)
            continue
        notes.append(DroppedLine(cell, i + 1 + offset, line.strip(), kind))
        timed = _TIME.match(line) if kind == "time" else None
        if timed:
            kept.append(timed.group(1) + timed.group(2))
        elif line[: len(line) - len(line.lstrip())]:
            kept.append(line[: len(line) - len(line.lstrip())] + "pass")  # keep the block
        continued = line.rstrip().endswith("\\")
        if kind == "get_ipython":
            skip_to = _statement_end(lines, i)
    return "\n".join(kept), notes


def _statement_end(lines: list[str], start: int) -> int:
    """Index of the last line of the Python statement starting at line *start* (a call
    whose brackets close lines further down); *start* when it does not parse."""
    for end in range(start, min(len(lines), start + MAX_STATEMENT_LINES)):
        chunk = textwrap.dedent("\n".join(lines[start : end + 1]))
        try:
            ast.parse(chunk)
        except SyntaxError:
            continue
        return end
    return start


def _line_kind(line: str) -> str | None:
    """Which IPython-only construct *line* is (a :data:`NOTE_TEMPLATES` key), if any."""
    if _TIME.match(line):
        return "time"
    if _LINE_MAGIC.match(line):
        return "magic"
    if _SHELL.match(line):
        return "shell"
    assigned = _ASSIGNED.match(line)
    if assigned:
        return "magic" if assigned.group(1) == "%" else "shell"
    if _HELP.match(line):
        return "help"
    if _GET_IPYTHON.search(line) and _calls_get_ipython(line):
        return "get_ipython"
    return None


def _calls_get_ipython(line: str) -> bool:
    """Whether *line*'s code (not a comment or a string in it) calls ``get_ipython()``."""
    names = []
    with contextlib.suppress(tokenize.TokenError, SyntaxError):  # an unclosed bracket
        for token in tokenize.generate_tokens(io.StringIO(line + "\n").readline):
            names.append((token.type, token.string))
    return any(
        kind == tokenize.NAME and text == "get_ipython" and after == "("
        for (kind, text), (_, after) in zip(names, names[1:], strict=False)
    )


def _inside_strings(lines: list[str], candidates: dict[int, str]) -> list[int]:
    """Candidate lines that are really inside a multi-line string (a docstring line that
    starts with ``!`` or ``%``), found by tokenizing with the candidates blanked."""
    if not candidates:
        return []
    blanked, continued = [], False
    for i, line in enumerate(lines):
        gone = i in candidates or continued
        blanked.append("" if gone else line)
        continued = gone and line.rstrip().endswith("\\")
    inside: set[int] = set()
    tokens = tokenize.generate_tokens(io.StringIO("\n".join(blanked) + "\n").readline)
    # Code that is no Python further down stops the scan; the strings found so far count.
    with contextlib.suppress(tokenize.TokenError, SyntaxError):
        for token in tokens:
            if token.type == tokenize.STRING and token.end[0] > token.start[0]:
                inside.update(range(token.start[0], token.end[0]))  # 0-based lines after start
    return [i for i in candidates if i in inside]


# ---------------------------------------------------------------------------- writing
def script_to_notebook(text: str) -> str:
    """The ``.ipynb`` text (nbformat 4 JSON) of the percent script *text*, without
    outputs or execution counts."""
    import jupytext
    import nbformat

    try:
        notebook = jupytext.reads(text, fmt=PERCENT)
    except Exception as exc:  # jupytext's header parser raises YAML and value errors
        raise NotebookError(f"cannot write a notebook: {_schema_message(exc)}") from None
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    metadata = notebook.metadata
    jupytext_meta = metadata.get("jupytext")
    if isinstance(jupytext_meta, dict):
        jupytext_meta.pop("text_representation", None)
        if not jupytext_meta:
            del metadata["jupytext"]
    metadata.setdefault("kernelspec", dict(PYTHON_KERNELSPEC))
    return nbformat.writes(notebook, version=4) + "\n"


def read_notebook_cells(data: bytes | str) -> list[tuple[str, str]]:
    """``(cell_type, source)`` of every cell of the notebook *data* (for checks and tests)."""
    return [(cell.cell_type, cell.source) for cell in _read_notebook(data).cells]
