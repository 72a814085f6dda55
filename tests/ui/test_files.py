"""Files: atomic save, open, recent files, ask before losing changes, recovery copy."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSaveFile
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from playground.ui import files
from playground.ui.editor import CodeEditor
from playground.ui.files import FileController, config_dir, pending_recovery, recovery_path

SCRIPT = "import torch\nx = torch.ones(2, requires_grad=True)\n"


@pytest.fixture
def controller(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    editor = CodeEditor(window)
    return FileController(editor, window), editor


def _answer(monkeypatch, button):
    asked = []

    def question(*args, **kwargs):
        asked.append(args[2])
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_config_dir_honours_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv(files.CONFIG_DIR_ENV, str(tmp_path / "cfg"))
    assert config_dir() == tmp_path / "cfg"
    store = files.settings()
    assert Path(store.fileName()) == tmp_path / "cfg" / "settings.ini"


def test_save_as_writes_the_script_and_clears_modified(controller, tmp_path):
    ctl, editor = controller
    editor.set_script(SCRIPT)
    editor.insertPlainText("# edited\n")
    assert ctl.is_modified()
    target = tmp_path / "lesson.py"
    assert ctl.save_as(target)
    assert target.read_text(encoding="utf-8") == editor.toPlainText()
    assert not ctl.is_modified()
    assert ctl.recent_files()[0] == str(target.resolve())


def test_failed_atomic_save_keeps_the_old_file(controller, tmp_path, monkeypatch):
    ctl, editor = controller
    target = tmp_path / "keep.py"
    target.write_text("old contents\n", encoding="utf-8")
    editor.set_script("new contents\n")
    monkeypatch.setattr(QSaveFile, "commit", lambda self: False)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warned.append(a[2])))
    assert not ctl.save_as(target)
    assert target.read_text(encoding="utf-8") == "old contents\n"
    assert warned and "cannot write" in warned[0]
    assert not list(tmp_path.glob("keep.py?*")), "no temporary file left behind"


def test_save_without_a_path_asks_for_one(controller, tmp_path, monkeypatch):
    ctl, editor = controller
    editor.set_script(SCRIPT)
    target = tmp_path / "asked"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert ctl.save()
    assert (tmp_path / "asked.py").read_text(encoding="utf-8") == SCRIPT
    assert ctl.display_name() == "asked.py"


def test_open_asks_before_discarding_changes(controller, tmp_path, monkeypatch):
    ctl, editor = controller
    other = tmp_path / "other.py"
    other.write_text("y = 2\n", encoding="utf-8")
    editor.set_script(SCRIPT)
    editor.insertPlainText("unsaved = 1\n")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not ctl.open(other)
    assert asked and "unsaved changes" in asked[0]
    assert "unsaved = 1" in editor.toPlainText()
    _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert ctl.open(other)
    assert editor.toPlainText() == "y = 2\n"
    assert not ctl.is_modified()


def test_recovery_copy_is_written_and_restored(controller, qtbot, monkeypatch):
    ctl, editor = controller
    editor.set_script(SCRIPT)
    assert ctl.write_recovery() is None  # nothing unsaved, nothing written
    editor.insertPlainText("lost = 3\n")
    ctl.recovery_timer.setInterval(20)
    qtbot.waitUntil(lambda: recovery_path().is_file(), timeout=3000)
    assert pending_recovery() == (editor.toPlainText(), None)
    text = editor.toPlainText()
    # next start: a fresh editor is offered the copy
    window = QWidget()
    qtbot.addWidget(window)
    fresh = CodeEditor(window)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert FileController(fresh, window).offer_recovery()
    assert asked and "unsaved changes" in asked[0]
    assert fresh.toPlainText() == text
    assert fresh.document().isModified()


def test_declined_recovery_is_deleted(controller, monkeypatch):
    ctl, editor = controller
    editor.set_script(SCRIPT)
    editor.insertPlainText("x = 1\n")
    ctl.write_recovery()
    _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert not ctl.offer_recovery()
    assert pending_recovery() is None
    assert not os.path.exists(recovery_path())


def test_saving_deletes_the_recovery_copy(controller, tmp_path):
    ctl, editor = controller
    editor.set_script(SCRIPT)
    editor.insertPlainText("x = 1\n")
    ctl.write_recovery()
    assert ctl.save_as(tmp_path / "saved.py")
    assert pending_recovery() is None


def test_an_example_is_titled_by_its_lesson_file_until_saved_or_new(controller, tmp_path):
    """Examples ▸ 3 shows "03_gradients_accumulate.py" (not "untitled.py") in the title
    and as the Save As suggestion; it is still not a file of the user's until saved."""
    from playground.resources import example_scripts

    ctl, editor = controller
    lesson = example_scripts()[2]
    titles = []
    ctl.pathChanged.connect(lambda _p: titles.append(ctl.display_name()))
    assert ctl.open_example(lesson)
    assert ctl.path is None
    assert ctl.display_name() == lesson.name == titles[-1]
    assert ctl.new()
    assert ctl.display_name() == "untitled.py" == titles[-1]
    assert ctl.open_example(lesson)
    assert ctl.save_as(tmp_path / "mine.py")
    assert ctl.display_name() == "mine.py"
