"""Notebooks in the window: open (File > Open, Open Recent, the command line), the Console's
notes on the dropped lines, restricted until trusted, Save / Save As as .ipynb or .py,
recovery."""

from __future__ import annotations

import os
import subprocess
import sys

import nbformat
import pytest
import torch
from PySide6.QtWidgets import QFileDialog, QMessageBox

from playground.core.notebook import NOTE_TEMPLATES, notebook_to_script
from playground.ui import notebook_notes
from playground.ui.files import FileController, pending_recovery
from tests.notebook_sample import DROPPED, build_notebook, kept_cells


@pytest.fixture
def notebook(tmp_path):
    path = tmp_path / "lesson.ipynb"
    path.write_text(build_notebook(), encoding="utf-8")
    return path


def _open_dialog(monkeypatch, path):
    asked = []

    def get_open_file_name(parent, caption, folder, filters, *args):
        asked.append(filters)
        return str(path), "Notebooks (*.ipynb)"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open_file_name))
    return asked


def _wait_for_notes(qtbot, window):
    qtbot.waitUntil(lambda: "IPython-only" in window.console.toPlainText(), timeout=60_000)
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=60_000)


def _cells_of(path):
    notebook = nbformat.read(str(path), as_version=4)
    nbformat.validate(notebook)
    return notebook, [(c.cell_type, c.source) for c in notebook.cells]


def test_file_open_shows_the_code_and_the_console_notes(open_window, qtbot, monkeypatch, notebook):
    window = open_window("")
    filters = _open_dialog(monkeypatch, notebook)
    window.actions_by_name["open"].trigger()
    assert "Python scripts (*.py)" in filters[0] and "Notebooks (*.ipynb)" in filters[0]
    assert window.source() == notebook_to_script(build_notebook()).text
    for kind, source in kept_cells():
        if kind == "code":
            assert source in window.source()
    assert "%matplotlib" not in window.source() and "!pip" not in window.source()
    # A file from disk: restricted until trusted, like a .py.
    assert window.mode == "restricted" and window.trust_bar.isVisibleTo(window)
    _wait_for_notes(qtbot, window)
    console = window.console.toPlainText()
    for cell, line, text in DROPPED:
        assert f"cell {cell}, line {line}:" in console and text in console
    x = torch.ones(2, 2, requires_grad=True)
    ((x + 2) * (x + 2) * 3).mean().backward()
    assert " ".join(str(x.grad).split()) in " ".join(console.split())  # the run's print
    window.trust_current_file()
    assert window.mode == "python"
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=60_000)
    assert window.windowTitle().startswith("lesson.ipynb")


def test_save_writes_the_notebook_back_and_it_reopens_equal(open_window, qtbot, notebook):
    window = open_window("")
    assert window.files.load(notebook)
    text = window.source()
    cursor = window.editor.textCursor()
    cursor.setPosition(text.index("x.grad.sum().item())") + len("x.grad.sum().item())"))
    cursor.insertText("\nprint('one more line')")  # typed at the end of the last cell
    assert window.files.save()
    saved, cells = _cells_of(notebook)
    expected = kept_cells()
    expected[-1] = (expected[-1][0], expected[-1][1] + "\nprint('one more line')")
    assert cells == expected
    for cell in saved.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    edited = window.source()
    assert window.files.load(notebook)
    assert window.source() == edited and edited.replace("\nprint('one more line')", "") == text
    assert not window.files.is_modified()


def test_save_as_picks_notebook_or_script_by_name_and_filter(
    open_window, qtbot, monkeypatch, notebook, tmp_path
):
    window = open_window("")
    assert window.files.load(notebook)
    text = window.source()
    # A name without a suffix, with the Notebooks filter chosen: a .ipynb.
    chosen = []

    def get_save_file_name(parent, caption, name, filters, *args):
        chosen.append((name, filters))
        return str(tmp_path / "copy"), "Notebooks (*.ipynb)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    assert window.files.save_as()
    assert chosen[0][0] == "lesson.ipynb" and "Notebooks (*.ipynb)" in chosen[0][1]
    assert window.files.path == (tmp_path / "copy.ipynb").resolve()
    assert _cells_of(tmp_path / "copy.ipynb")[1] == kept_cells()
    # As a .py: the percent script itself, which jupytext reads as the same cells.
    assert window.files.save_as(tmp_path / "copy.py")
    assert (tmp_path / "copy.py").read_text(encoding="utf-8") == text
    import jupytext

    again = jupytext.read(str(tmp_path / "copy.py"))
    assert [(c.cell_type, c.source) for c in again.cells] == kept_cells()


def test_a_script_saved_as_a_notebook_opens_as_the_same_script(open_window, tmp_path):
    window = open_window("import torch\nx = torch.ones(3, requires_grad=True)\nprint(x * 2)\n")
    target = tmp_path / "typed.ipynb"
    assert window.files.save_as(target)
    _saved, cells = _cells_of(target)
    assert cells == [("code", "import torch\nx = torch.ones(3, requires_grad=True)\nprint(x * 2)")]
    assert window.files.load(target)
    assert "print(x * 2)" in window.source()
    assert window.mode == "restricted"  # its own save is still a file from disk


def test_open_recent_reopens_the_notebook(open_window, qtbot, notebook):
    window = open_window("")
    assert window.files.load(notebook)
    assert str(notebook.resolve()) in window.files.recent_files()
    window.files.new()
    window._fill_recent_menu()
    action = next(a for a in window.recent_menu.actions() if a.text() == str(notebook.resolve()))
    action.trigger()
    assert window.files.path == notebook.resolve()
    assert window.source() == notebook_to_script(build_notebook()).text
    _wait_for_notes(qtbot, window)


def test_a_corrupt_notebook_is_one_line_in_a_warning_and_nothing_is_lost(
    open_window, monkeypatch, tmp_path
):
    window = open_window("print('kept')\n")
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [', encoding="utf-8")
    warned = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: warned.append(text))
    )
    assert not window.files.load(broken)
    assert len(warned) == 1
    message = warned[0].split("\n", 1)[1]
    assert "invalid JSON at line 1, column 12" in message and "\n" not in message
    assert window.source() == "print('kept')\n"


def test_recovery_of_an_edited_notebook_saves_back_as_a_notebook(qtbot, notebook, open_window):
    window = open_window("")
    assert window.files.load(notebook)
    window.editor.appendPlainText("print('unsaved')")
    assert window.files.write_recovery() is not None
    text, original = pending_recovery()
    assert original == str(notebook.resolve()) and text == window.source()
    window.editor.document().setModified(False)
    # A later session restores it and saves it where it came from, as a notebook.
    from PySide6.QtWidgets import QWidget

    from playground.ui.editor import CodeEditor

    host = QWidget()
    qtbot.addWidget(host)
    editor = CodeEditor(host)
    later = FileController(editor, host)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
        )
        assert later.offer_recovery()
    assert later.save()
    cells = _cells_of(notebook)[1]
    assert cells[-1][1].endswith("print('unsaved')")


def test_the_windows_note_sentences_are_the_cores():
    assert {k: str(v) for k, v in notebook_notes.TEMPLATES.items()} == NOTE_TEMPLATES


@pytest.mark.slow
def test_the_command_line_opens_the_window_with_a_notebook(notebook, tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        GRADIENT_PLAYGROUND_STARTUP_PROBE="1",
        GRADIENT_PLAYGROUND_CONFIG_DIR=str(tmp_path / "config"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "playground", str(notebook)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "startup-probe: first paint" in done.stdout
    settings = (tmp_path / "config" / "settings.ini").read_text(encoding="utf-8")
    assert "lesson.ipynb" in settings  # loaded (and so in the recent files)
