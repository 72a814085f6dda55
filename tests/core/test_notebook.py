"""``.ipynb`` <-> percent script (playground.core.notebook), on a real notebook structure."""

from __future__ import annotations

import ast
import json
import subprocess

import jupytext
import nbformat
import pytest

from playground.core.errors import PlaygroundError
from playground.core.notebook import (
    NOTE_TEMPLATES,
    NotebookError,
    clean_code_cell,
    notebook_to_script,
    read_notebook_cells,
    script_to_notebook,
)
from playground.core.source_file import read_source
from tests.notebook_sample import DROPPED, build_notebook, code_cells_source, kept_cells


def test_cells_become_percent_cells_and_the_magics_are_dropped_with_notes():
    converted = notebook_to_script(build_notebook())
    assert {(d.cell, d.line, d.text) for d in converted.dropped} == DROPPED
    # jupytext reads the script back into the same cells (types and sources).
    again = jupytext.reads(converted.text, fmt="py:percent")
    assert [(c.cell_type, c.source) for c in again.cells] == kept_cells()
    assert "# %% [markdown]" in converted.text
    ast.parse(converted.text)  # plain Python: the text cells are comments
    for note in converted.dropped:
        sentence = note.describe()
        assert f"cell {note.cell}" in sentence and note.text in sentence


def test_round_trip_keeps_every_cell_and_drops_outputs():
    text = notebook_to_script(build_notebook()).text
    written = script_to_notebook(text)
    notebook = nbformat.reads(written, as_version=4)
    nbformat.validate(notebook)
    assert [(c.cell_type, c.source) for c in notebook.cells] == kept_cells()
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    assert notebook.metadata.kernelspec.name == "python3"
    assert "text_representation" not in notebook.metadata.get("jupytext", {})
    # ... and the notebook written reads as the same script again.
    assert notebook_to_script(written).text == text
    assert notebook_to_script(written).dropped == ()


def test_the_script_prints_what_python_prints_for_the_code_cells(python_exe, tmp_path):
    script = tmp_path / "nb.py"
    script.write_text(notebook_to_script(build_notebook()).text, encoding="utf-8")
    cells = tmp_path / "cells.py"
    cells.write_text(code_cells_source(), encoding="utf-8")
    ours = subprocess.run([python_exe, str(script)], capture_output=True, text=True, timeout=300)
    theirs = subprocess.run([python_exe, str(cells)], capture_output=True, text=True, timeout=300)
    assert theirs.returncode == 0, theirs.stderr
    assert ours.stdout == theirs.stdout and "4.5" in ours.stdout


def test_a_plain_script_becomes_a_python_notebook():
    written = script_to_notebook("import math\nprint(math.pi)\n")
    notebook = nbformat.reads(written, as_version=4)
    nbformat.validate(notebook)
    assert [(c.cell_type, c.source) for c in notebook.cells] == [
        ("code", "import math\nprint(math.pi)")
    ]
    assert notebook.metadata.kernelspec.language == "python"


@pytest.mark.parametrize(
    ("source", "kept", "dropped"),
    [
        # A line magic and a shell line inside a string are text, not IPython.
        ('s = """\n!not a shell line\n%not a magic\n"""', None, []),
        ("%time y = 2 * 3\nprint(y)", "y = 2 * 3\nprint(y)", [(1, "time")]),
        (
            "for i in range(2):\n    %timeit i\n    print(i)",
            "for i in range(2):\n    pass\n    print(i)",
            [(2, "magic")],
        ),
        ("files = !ls\nprint(1)", "print(1)", [(1, "shell")]),
        ("x = 1\nx?\n??x", "x = 1", [(2, "help"), (3, "help")]),
        (
            "get_ipython().run_line_magic(\n    'load_ext', 'x')\nprint(2)",
            "print(2)",
            [(1, "get_ipython")],
        ),
        ('print("get_ipython()")  # get_ipython() in a comment', None, []),
        ("!pip install \\\n    torch\nprint(3)", "print(3)", [(1, "shell")]),
        ("\n%%capture\nprint(4)", "print(4)", [(2, "cell_magic")]),
    ],
)
def test_ipython_lines(source, kept, dropped):
    result, notes = clean_code_cell(source, 7)
    assert result == (source if kept is None else kept)
    assert [(n.line, n.kind) for n in notes] == dropped
    assert all(n.cell == 7 for n in notes)
    ast.parse(result)  # what is left is Python


def test_a_cell_magic_that_is_not_python_drops_the_whole_cell():
    data = json.loads(build_notebook())
    data["cells"].insert(2, nbformat.v4.new_code_cell("%%bash\necho hi"))
    converted = notebook_to_script(json.dumps(data))
    assert (3, 1, "%%bash", "cell") in {(d.cell, d.line, d.text, d.kind) for d in converted.dropped}
    assert "echo hi" not in converted.text


def test_every_note_kind_has_a_sentence():
    kinds = {"magic", "time", "cell_magic", "cell", "shell", "help", "get_ipython"}
    assert set(NOTE_TEMPLATES) == kinds


def _bad_cell() -> str:
    data = json.loads(build_notebook())
    del data["cells"][2]["source"]
    return json.dumps(data)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b'{"cells": [', "invalid JSON at line 1, column 12"),
        (b"[1, 2]", "no 'nbformat'"),
        (
            b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": 3}',
            "'cells' is not a list",
        ),
        (_bad_cell(), "cell 3"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8 text at byte 0"),
        (
            b'{"nbformat": 4, "nbformat_minor": 5, "cells": [], '
            b'"metadata": {"kernelspec": {"name": "ir", "display_name": "R", "language": "R"}}}',
            "language is 'R'",
        ),
    ],
)
def test_a_file_that_is_no_notebook_is_one_line_saying_what_and_where(data, words):
    with pytest.raises(NotebookError) as caught:
        notebook_to_script(data)
    message = str(caught.value)
    assert words in message and "\n" not in message and "Traceback" not in message


def test_read_source_reads_notebooks_and_scripts(tmp_path):
    notebook = tmp_path / "lesson.ipynb"
    notebook.write_text(build_notebook(), encoding="utf-8")
    loaded = read_source(notebook)
    assert loaded.text == notebook_to_script(build_notebook()).text
    assert {(d.cell, d.line, d.text) for d in loaded.dropped} == DROPPED
    script = tmp_path / "script.py"
    script.write_text("print(1)\n", encoding="utf-8")
    assert read_source(script).text == "print(1)\n" and read_source(script).dropped == ()
    broken = tmp_path / "broken.ipynb"
    broken.write_text("not json", encoding="utf-8")
    with pytest.raises(PlaygroundError, match="invalid JSON at line 1, column 1"):
        read_source(broken)


def test_read_notebook_cells_lists_types_and_sources():
    assert read_notebook_cells(build_notebook())[0] == ("markdown", kept_cells()[0][1])
