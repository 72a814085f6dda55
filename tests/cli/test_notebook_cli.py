"""``gradient-playground run / graph / screenshot NOTEBOOK.ipynb``: notebooks on the command line."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest
import torch
from PySide6.QtGui import QImage

from tests.notebook_sample import DROPPED, build_notebook, code_cells_source


@pytest.fixture
def notebook(tmp_path):
    path = tmp_path / "lesson.ipynb"
    path.write_text(build_notebook(), encoding="utf-8")
    return path


def test_run_prints_what_python_prints_for_the_code_cells(notebook, tmp_path, run_cli, python_exe):
    cells = tmp_path / "cells.py"
    cells.write_text(code_cells_source(), encoding="utf-8")
    python = subprocess.run([python_exe, str(cells)], capture_output=True, text=True, timeout=300)
    assert python.returncode == 0, python.stderr
    code, out, err = run_cli(notebook)
    assert code == 0, err
    assert out == python.stdout
    # The notes go to stderr, one line each, naming the cell, the line and what was dropped.
    notes = [line for line in err.splitlines() if ": note: " in line]
    assert len(notes) == len(DROPPED)
    for cell, line, text in DROPPED:
        assert any(f"cell {cell}, line {line}:" in n and text in n for n in notes), (cell, text)


def test_run_restricted_runs_the_notebook_too(notebook, run_cli):
    code, out, err = run_cli("--restricted", notebook)
    x = torch.ones(2, 2, requires_grad=True)
    ((x + 2) * (x + 2) * 3).mean().backward()
    assert code == 0, err
    assert str(x.grad) in out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"cells": [', "invalid JSON at line 1, column 12"),
        ("print('a script named .ipynb')\n", "invalid JSON at line 1, column 1"),
        ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": 3}', "not a list"),
    ],
)
def test_a_corrupt_notebook_is_one_line_and_exit_2(tmp_path, run_cli, content, words):
    path = tmp_path / "broken.ipynb"
    path.write_text(content, encoding="utf-8")
    code, out, err = run_cli(path)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err and str(path) in err
    assert "Traceback" not in err


def test_graph_draws_the_notebooks_graph(notebook, tmp_path, capsys):
    from playground.cli.graph import main

    out = tmp_path / "graph.svg"
    assert main([str(notebook), "-o", str(out)]) == 0
    text = " ".join(ET.parse(out).getroot().itertext())
    for word in ("MulBackward0", "AddBackward0", "MeanBackward0"):
        assert word in text
    err = capsys.readouterr().err
    assert "dropped the IPython magic %matplotlib inline" in err


def test_screenshot_of_a_notebook(notebook, tmp_path, qapp, capsys):
    from playground.cli.screenshot import main

    out = tmp_path / "shot.png"
    assert main([str(notebook), "-o", str(out), "--size", "1280x800"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    assert "dropped the shell command !pip install torch" in capsys.readouterr().err
