"""Cell boundaries and the top-level statement at a line (playground.core.cells)."""

from __future__ import annotations

import ast

import jupytext
import pytest

from playground.core.cells import (
    cell_at,
    cell_end_line,
    cell_ranges,
    describe_cells,
    first_code_cell,
    marker_lines,
    prefix,
    statement_end_line,
)
from playground.core.notebook import notebook_to_script
from tests.notebook_sample import build_notebook

SCRIPT = '''# ---
# jupyter:
#   kernelspec:
#     name: python3
# ---

# %% [markdown]
# # Title

# %%
import torch

x = torch.ones(2,
               requires_grad=True)
doc = """
# %% inside a string: no cell
"""

# %%
for i in range(2):
    y = x * i
else:
    y = x


@staticmethod
def f():
    return 1
out = y.sum()
'''


def test_cells_are_those_jupytext_reads():
    text = notebook_to_script(build_notebook()).text
    notebook = jupytext.reads(text, fmt="py:percent")
    cells = [c for c in cell_ranges(text) if c.number > 0]
    assert [c.kind for c in cells] == [c.cell_type for c in notebook.cells]
    lines = text.split("\n")
    for cell, nb_cell in zip(cells, notebook.cells, strict=True):
        body = "\n".join(lines[cell.start : cell.end])  # the lines under the marker
        assert nb_cell.source.split("\n")[0] in body


def test_the_header_is_cell_zero_and_markers_in_strings_do_not_count():
    cells = cell_ranges(SCRIPT)
    assert [(c.number, c.start, c.end, c.kind) for c in cells] == [
        (0, 1, 6, "header"),
        (1, 7, 9, "markdown"),
        (2, 10, 18, "code"),
        (3, 19, 29, "code"),
    ]
    assert marker_lines(SCRIPT) == [7, 10, 19]


def test_code_above_the_first_marker_is_cell_one():
    text = "import torch\nx = 1\n# %%\ny = 2\n"
    assert [(c.number, c.start, c.end) for c in cell_ranges(text)] == [(1, 1, 2), (2, 3, 4)]
    assert cell_end_line(text, 1) == 2 and cell_end_line(text, 4) == 4
    assert [(c.number, c.start, c.end) for c in cell_ranges("x = 1")] == [(1, 1, 1)]


def test_cell_end_line_and_what_a_run_covers():
    assert cell_end_line(SCRIPT, 12) == 18
    assert cell_end_line(SCRIPT, 10) == 18  # on the marker itself
    assert cell_end_line(SCRIPT, 25) == 29
    assert cell_at(SCRIPT, 99).number == 3
    assert describe_cells(SCRIPT, 18) == (1, 2)
    assert describe_cells(SCRIPT, 5) is None
    assert prefix(SCRIPT, 18) == "\n".join(SCRIPT.split("\n")[:18]) + "\n"


def _python_statement_ends(text: str) -> dict[int, int]:
    """line -> last line of the top-level statement holding it, as Python's ast says."""
    ends = {}
    for node in ast.parse(text).body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        for line in range(first, node.end_lineno + 1):
            ends[line] = node.end_lineno
    return ends


def test_statement_end_line_is_the_end_of_pythons_top_level_statement():
    ends = _python_statement_ends(SCRIPT)
    for line in range(1, len(SCRIPT.split("\n")) + 1):
        assert statement_end_line(SCRIPT, line) == ends.get(line, line), line


@pytest.mark.parametrize(
    "broken_tail",
    ["y = (\n", "def g(:\n    pass\n", "  bad indent\n", "x = 'unclosed\n", "%matplotlib inline\n"],
)
def test_a_syntax_error_after_the_cursor_does_not_matter(broken_tail):
    text = SCRIPT + broken_tail
    ends = _python_statement_ends(SCRIPT)  # Python's answer for the part that parses
    for line in (11, 13, 14, 20, 21, 22, 26, 28, 29):
        assert statement_end_line(text, line) == ends[line], line


def test_a_syntax_error_in_the_statement_itself_runs_up_to_the_next_statement():
    text = "x = 1\ny = (2,\n   3\nz = 4\n"
    assert statement_end_line(text, 2) == 3
    assert statement_end_line(text, 1) == 1


def test_a_lesson_opens_at_its_first_code_cell_not_its_header_or_text():
    """A jupytext header, a markdown cell and a raw cell come first; the first code
    cell is the one jupytext reads as code (the lines jupytext gives its source)."""
    text = (
        "# ---\n# jupyter:\n#   title: t\n# ---\n\n"
        "# %% [markdown]\n# Text\n\n# %% [raw]\n# raw\n\n# %%\nimport torch\nx = 1\n"
    )
    cell = first_code_cell(text)
    assert cell is not None and cell.kind == "code"
    lines = text.split("\n")
    code = [c for c in jupytext.reads(text, fmt="py:percent").cells if c.cell_type == "code"]
    assert lines[cell.start] == code[0].source.split("\n")[0] == "import torch"
    assert first_code_cell("import torch\nx = 1\n") is None  # a plain script: no marker
