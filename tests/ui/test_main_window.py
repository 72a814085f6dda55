"""The main window driven like a user: seed lessons, Backward clicks, errors, cancel, undo."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import torch
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

import playground
from playground.core.errors import ScriptFailed, ScriptRefused
from playground.core.lesson import parse_lesson
from playground.resources import example_scripts

LESSON3_CORE = """import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
"""

LESSON4_CORE = """import torch
x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
y = x * x + 2
z = y.view(2, 2)
w = torch.tensor([[1.0, 0.1], [1.0, 0.01]])
"""

ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def _discard_changes(window) -> None:
    window.editor.document().setModified(False)


@pytest.fixture
def make_window(qtbot):
    made = []

    def make(script: str = ""):
        window = playground.main_window(script)
        qtbot.addWidget(window, before_close_func=_discard_changes)
        made.append(window)
        return window

    yield make
    for window in made:
        window.worker.shutdown()


def _find(window, cls, name):
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name!r}"
    return widget


def _x_grad(window) -> list[float]:
    return window.session.state.tensors["x"].grad.values.flatten().tolist()


def _wait_for_source(qtbot, window, source: str) -> None:
    qtbot.waitUntil(
        lambda: (
            window.session.run is not None
            and window.session.run.source == source
            and not window.worker.is_busy()
        ),
        timeout=10_000,
    )


def _show_active(qtbot, window) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)


PYTHON_DRIVER = r"""
import contextlib, io, json, runpy, sys
outputs = {}
for path in sys.argv[1:]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        runpy.run_path(path, run_name="__main__")
    outputs[path] = buffer.getvalue()
print(json.dumps(outputs))
"""


@pytest.fixture(scope="module")
def python_outputs() -> dict[str, str]:
    """What real Python prints for each lesson (one interpreter for all, to import torch once)."""
    paths = [str(p) for p in example_scripts()]
    done = subprocess.run(
        [sys.executable, "-c", PYTHON_DRIVER, *paths], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_automation_contract_object_names(make_window):
    window = make_window(LESSON3_CORE)
    assert _find(window, QPlainTextEdit, "codeEditor").toPlainText() == LESSON3_CORE
    for cls, name in [
        (QComboBox, "rootSelector"),
        (QWidget, "gradientEditor"),
        (QCheckBox, "retainGraphCheck"),
        (QCheckBox, "zeroBeforeBackwardCheck"),
        (QPushButton, "backwardButton"),
        (QPushButton, "zeroGradButton"),
        (QPushButton, "runButton"),
        (QDockWidget, "graphDock"),
        (QDockWidget, "plotDock"),
    ]:
        _find(window, cls, name)
    assert _find(window, QPlainTextEdit, "console").isReadOnly()
    assert _find(window, QCheckBox, "retainGraphCheck").isChecked()
    assert not _find(window, QCheckBox, "zeroBeforeBackwardCheck").isChecked()
    assert not window.isVisible(), "main_window() builds, it does not show"


def test_three_backward_clicks_accumulate_like_pytorch(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    assert _find(window, QComboBox, "rootSelector").currentText() == "out"
    assert not _find(window, QWidget, "gradientEditor").isVisibleTo(window)
    button = _find(window, QPushButton, "backwardButton")
    x = torch.ones(2, 2, requires_grad=True)
    out = ((x + 2) * (x + 2) * 3).mean()
    for _ in range(3):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        out.backward(retain_graph=True)
        assert _x_grad(window) == x.grad.flatten().tolist()
    assert _x_grad(window) == [13.5] * 4
    console = _find(window, QPlainTextEdit, "console").toPlainText()
    shown = [" ".join(str(torch.full((2, 2), v)).split()) for v in (4.5, 9.0, 13.5)]
    positions = [console.index(f"x.grad = {text}") for text in shown]
    assert positions == sorted(positions)


def test_ctrl_b_clicks_backward(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    _show_active(qtbot, window)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert _x_grad(window) == [4.5] * 4


def test_second_backward_without_retain_graph_shows_pytorchs_error(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    _find(window, QCheckBox, "retainGraphCheck").setChecked(False)
    button = _find(window, QPushButton, "backwardButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert _x_grad(window) == [4.5] * 4
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    x = torch.ones(2, 2, requires_grad=True)
    out = ((x + 2) * (x + 2) * 3).mean()
    out.backward()
    with pytest.raises(RuntimeError) as expected:
        out.backward()
    console = _find(window, QPlainTextEdit, "console").toPlainText()
    assert str(expected.value) in console
    assert "Trying to backward through the graph a second time" in console
    assert _x_grad(window) == [4.5] * 4, "the failed backward added nothing"
    # still usable: Run re-runs the script and Backward works again
    qtbot.mouseClick(_find(window, QPushButton, "runButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.state.tensors["x"].grad is None)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert _x_grad(window) == [4.5] * 4


def test_zero_before_backward_and_zero_grad_modes(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    button = _find(window, QPushButton, "backwardButton")
    _find(window, QCheckBox, "zeroBeforeBackwardCheck").setChecked(True)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert _x_grad(window) == [4.5] * 4
    qtbot.mouseClick(_find(window, QPushButton, "zeroGradButton"), Qt.MouseButton.LeftButton)
    assert _x_grad(window) == [0.0] * 4
    _find(window, QCheckBox, "zeroGradToNoneCheck").setChecked(True)
    qtbot.mouseClick(_find(window, QPushButton, "zeroGradButton"), Qt.MouseButton.LeftButton)
    assert window.session.state.tensors["x"].grad is None


def test_non_scalar_root_gets_a_gradient_grid(make_window, qtbot):
    window = make_window(LESSON4_CORE)
    assert _find(window, QComboBox, "rootSelector").currentText() == "z"
    grid = _find(window, QWidget, "gradientEditor")
    assert grid.isVisibleTo(window)
    assert (grid.rowCount(), grid.columnCount()) == (2, 2)
    assert [grid.item(r, c).text() for r in range(2) for c in range(2)] == ["1.0"] * 4
    grid.set_values([1.0, 0.1, 1.0, 0.01])
    qtbot.mouseClick(_find(window, QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
    (x * x + 2).view(2, 2).backward(torch.tensor([[1.0, 0.1], [1.0, 0.01]]))
    assert _x_grad(window) == x.grad.tolist()
    assert torch.allclose(torch.tensor(_x_grad(window)), torch.tensor([2.0, 0.4, 6.0, 0.09]))


@pytest.mark.parametrize("path", example_scripts(), ids=lambda p: p.stem)
def test_each_lesson_from_the_examples_menu_prints_what_python_prints(
    make_window, qtbot, path, python_outputs
):
    window = make_window("")
    action = next(a for a in window.examples_menu.actions() if path.name in a.statusTip())
    action.trigger()
    source = path.read_text(encoding="utf-8")
    _wait_for_source(qtbot, window, source)
    assert window.editor.toPlainText() == source
    assert window.session.run.error is None
    console = window.console.toPlainText()
    assert ADDRESS.sub("", console) == ADDRESS.sub("", python_outputs[str(path)])


def test_refused_script_keeps_the_last_good_state(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    good = window.session.state
    window.editor.appendPlainText("oops = (")
    last = window.editor.blockCount()
    qtbot.waitUntil(lambda: window.editor.error_line() == last, timeout=5000)
    assert window.session.state is good
    assert "x" in window.session.state.tensors
    console = window.console.toPlainText()
    assert "Nothing ran" in console and f"{last}:" in console
    qtbot.mouseClick(_find(window, QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    assert _x_grad(window) == [4.5] * 4, "Backward still works on the last good run"


def test_failing_script_is_adopted_up_to_the_error(make_window, qtbot):
    script = "import torch\nx = torch.ones(3, requires_grad=True)\ny = x * 2\ny.backward()\n"
    window = make_window(script)
    error = window.session.run.error
    assert isinstance(error, ScriptFailed) and not isinstance(error, ScriptRefused)
    assert error.line == 4
    assert set(window.session.run.tensors()) == {"x", "y"}
    with pytest.raises(RuntimeError) as expected:
        (torch.ones(3, requires_grad=True) * 2).backward()
    console = window.console.toPlainText()
    assert f"4:1: RuntimeError: {expected.value}" in console
    assert window.editor.error_line() == 4
    assert (
        "grad can be implicitly created only for scalar outputs"
        in window.editor.tooltip_for_line(4)
    )


def test_long_script_is_cancelled_and_window_keeps_responding(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    good = window.session.state
    ticks = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    with qtbot.waitSignal(window.worker.runStarted, timeout=5000):
        window.editor.appendPlainText("for i in range(10**6):\n    y = x * 2\n")
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=5000)  # the event loop keeps turning
    assert window.worker.is_busy()
    with qtbot.waitSignal(window.worker.runCancelled, timeout=10_000):
        window.actions_by_name["stop"].trigger()
    assert window.session.state is good
    assert "cancelled" in window.run_time_label.text()
    timer.stop()


def test_typing_is_debounced_into_one_run(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    finished = []
    window.worker.runFinished.connect(finished.append)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, "print(out)")
    expected = LESSON3_CORE + "print(out)"
    _wait_for_source(qtbot, window, expected)
    assert len(finished) == 1
    y = torch.ones(2, 2, requires_grad=True) + 2
    assert window.console.toPlainText() == str((y * y * 3).mean()) + "\n"


def test_no_grad_toggle_is_code_and_one_ctrl_z_undoes_it(make_window, qtbot):
    source = (
        "import torch\nx = torch.tensor(1., requires_grad=True)\ny1 = x ** 2\n"
        "y2 = x ** 3\ny3 = y1 + y2\n"
    )
    window = make_window(source)
    assert window.session.state.tensors["y2"].requires_grad
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.document().findBlockByNumber(3).position())
    window.editor.setTextCursor(cursor)
    window.actions_by_name["toggleNoGrad"].trigger()
    wrapped = source.replace("y2 = x ** 3\n", "with torch.no_grad():\n    y2 = x ** 3\n")
    assert window.editor.toPlainText() == wrapped
    _wait_for_source(qtbot, window, wrapped)
    assert not window.session.state.tensors["y2"].requires_grad
    _show_active(qtbot, window)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText() == source
    _wait_for_source(qtbot, window, source)
    assert window.session.state.tensors["y2"].requires_grad


def test_grad_mode_switch_rewrites_the_script(make_window, qtbot, tmp_path):
    """The switch writes torch.set_grad_enabled(False) under the import (one undo step);
    the run, and the saved file in plain Python, then record no graph."""
    window = make_window(LESSON3_CORE)
    action = window.actions_by_name["gradMode"]
    action.trigger()
    off = LESSON3_CORE.replace("import torch\n", "import torch\ntorch.set_grad_enabled(False)\n", 1)
    assert window.editor.toPlainText() == off
    assert action.isChecked() and "no_grad" in window.grad_mode_label.text()
    _wait_for_source(qtbot, window, off)
    torch.set_grad_enabled(False)
    try:
        expected = torch.ones(2, 2, requires_grad=True) + 2
    finally:
        torch.set_grad_enabled(True)
    assert window.session.state.tensors["y"].grad_fn is None and expected.grad_fn is None
    assert window.session.run.grad_enabled  # a rewrite, not a hidden run option
    assert _find(window, QComboBox, "rootSelector").count() == 0
    assert not _find(window, QPushButton, "backwardButton").isEnabled()
    script = tmp_path / "off.py"
    script.write_text(off + "print(y.grad_fn, y.requires_grad)\n")
    plain = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert plain.stdout == "None False\n"
    window.editor.undo()
    assert window.editor.toPlainText() == LESSON3_CORE
    assert not action.isChecked() and "ON" in window.grad_mode_label.text()
    _wait_for_source(qtbot, window, LESSON3_CORE)
    assert window.session.state.tensors["y"].grad_fn is not None


def test_grad_mode_switch_follows_the_typed_code(make_window):
    """Typing (or deleting) the statement by hand moves the switch too; toggling it off
    removes the statement."""
    window = make_window(LESSON3_CORE)
    action = window.actions_by_name["gradMode"]
    typed = "import torch\ntorch.set_grad_enabled(False)\nx = torch.ones(2)\n"
    window.editor.setPlainText(typed)
    assert action.isChecked()
    action.trigger()
    assert window.editor.toPlainText() == "import torch\nx = torch.ones(2)\n"
    assert not action.isChecked()


def test_layout_is_remembered(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    window.show()
    qtbot.waitExposed(window)
    window.plot_dock.setFloating(True)
    window.inspector_dock.hide()
    window.close()
    again = make_window(LESSON3_CORE)
    again.show()
    qtbot.waitExposed(again)
    assert again.plot_dock.isFloating()
    assert again.inspector_dock.isHidden()


def test_close_with_unsaved_changes_asks_and_can_be_cancelled(make_window, qtbot, monkeypatch):
    window = make_window(LESSON3_CORE)
    window.show()
    window.editor.appendPlainText("# new")
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Cancel),
    )
    assert not window.close()
    assert window.isVisible() and asked


def test_every_menu_action_has_a_shortcut(make_window):
    window = make_window("")
    lessons = [a for a in window.examples_menu.actions() if not a.isSeparator()]
    # Ctrl+1 … Ctrl+9 open the first nine lessons; the later ones are reached through
    # the menu (Alt+X), as there are no more digits.
    beyond_nine = set(lessons[9:])
    assert all(not a.shortcut().isEmpty() for a in lessons[:9])
    for menu in window.menuBar().findChildren(type(window.recent_menu)):
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None or action in beyond_nine:
                continue
            if menu in (window.recent_menu, window.language_menu):  # no shortcut to need
                continue
            assert not action.shortcut().isEmpty(), f"{action.text()!r} has no shortcut"


def _table_text(window, name: str, column: int) -> str:
    from playground.ui.tensor_table import COLUMNS

    table = _find(window, QTableView, "tensorTable")
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    assert model.headerData(column, Qt.Orientation.Horizontal) == COLUMNS[column]
    return model.index(row, column).data()


def test_tensor_table_shows_grad_after_each_click(make_window, qtbot):
    from playground.ui.tensor_table import GRAD, GRAD_FN

    window = make_window(LESSON3_CORE)
    assert _table_text(window, "out", GRAD_FN) == "MeanBackward0"
    before = _table_text(window, "x", GRAD)
    button = _find(window, QPushButton, "backwardButton")
    shown = []
    for _ in range(3):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        shown.append(_table_text(window, "x", GRAD))
    assert before != shown[0]
    assert [s.count(v) for s, v in zip(shown, ("4.5", "9.", "13.5"), strict=True)] == [4, 4, 4]


def test_requires_grad_checkbox_rewrites_code_and_one_ctrl_z_restores(make_window, qtbot):
    from playground.ui.tensor_table import REQUIRES_GRAD

    source = "import torch\nx = torch.ones(2, 2)\ny = x * 2\n"
    window = make_window(source)
    assert window.session.state.tensors["y"].grad_fn is None
    table = _find(window, QTableView, "tensorTable")
    model = table.model()
    index = model.index(0, REQUIRES_GRAD)
    assert model.index(0, 0).data() == "x"
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    edited = window.editor.toPlainText()
    assert edited == "import torch\nx = torch.ones(2, 2, requires_grad=True)\ny = x * 2\n"
    _wait_for_source(qtbot, window, edited)
    assert window.session.state.tensors["y"].grad_fn is not None
    _show_active(qtbot, window)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText() == source
    _wait_for_source(qtbot, window, source)
    assert window.session.state.tensors["y"].grad_fn is None


def test_add_tensor_form_appends_code_that_runs(make_window, qtbot, monkeypatch):
    from playground.ui import forms

    window = make_window(LESSON3_CORE)

    def accept(dialog):
        dialog.name_edit.setText("w")
        dialog.shape_edit.setText("2, 2")
        dialog.requires_grad_check.setChecked(True)
        return forms.QDialog.DialogCode.Accepted

    monkeypatch.setattr(forms.AddTensorDialog, "exec", accept)
    window.actions_by_name["addTensor"].trigger()
    text = window.editor.toPlainText()
    assert text.startswith(LESSON3_CORE) and text != LESSON3_CORE
    _wait_for_source(qtbot, window, text)
    w = window.session.state.tensors["w"]
    assert w.shape == (2, 2) and w.requires_grad and w.is_leaf
    window.editor.undo()
    assert window.editor.toPlainText() == LESSON3_CORE


def test_selecting_a_row_shows_the_tensor_in_the_inspector(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    table = _find(window, QTableView, "tensorTable")
    _show_active(qtbot, window)
    window.tensors_dock.raise_()
    index = table.model().index(2, 0)
    assert index.data() == "z"
    with qtbot.waitSignal(table.tensorSelected) as blocker:
        qtbot.mouseClick(
            table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
        )
    assert blocker.args == ["z"]
    assert window.selected_tensor == "z"
    assert window.inspector.shown_name() == "z"
    qtbot.waitUntil(lambda: not window.inspector_dock.visibleRegion().isEmpty())
    # a failing backward brings the console (tabbed with the inspector) back to the front
    _find(window, QCheckBox, "retainGraphCheck").setChecked(False)
    button = _find(window, QPushButton, "backwardButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.console_dock.visibleRegion().isEmpty())


RUN_APP_DRIVER = r"""
import json, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from playground.ui.app import make_application, run_app
from playground.ui.main_window import MainWindow

seen = {}
def inspect_and_close():
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    if window.session.state is None:  # the window paints first; the kernel answers later
        QTimer.singleShot(50, inspect_and_close)
        return
    seen.update(text=window.editor.toPlainText(), title=window.windowTitle(),
                visible=window.isVisible(), roots=window.session.state.roots,
                mode=window.mode, torch="torch" in sys.modules)
    window.close()  # the last window: the event loop must end by itself

make_application()
QTimer.singleShot(300, inspect_and_close)
QTimer.singleShot(30_000, lambda: QApplication.exit(99))  # fail, never hang
seen["rc"] = run_app(sys.argv[1])
print(json.dumps(seen))
"""


def test_run_app_opens_the_file_and_quits_cleanly(tmp_path):
    # In its own process: app.exec() ending (aboutToQuit) must not leak into other tests.
    script = tmp_path / "mine.py"
    script.write_text(LESSON3_CORE, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", RUN_APP_DRIVER, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["rc"] == 0
    assert seen["text"] == LESSON3_CORE
    assert seen["title"].startswith("mine.py")
    assert seen["visible"]
    assert seen["roots"] == ["y", "z", "out"]
    assert seen["mode"] == "restricted"  # a file from disk, not trusted yet
    assert seen["torch"] is False  # the app's own start-up path never imports torch


def test_run_app_refuses_a_missing_file(tmp_path, capsys):
    from playground.ui.app import run_app

    assert run_app(str(tmp_path / "missing.py")) == 2
    assert "no such file" in capsys.readouterr().err


CLICK_DRIVER = r"""
import contextlib, io, json, runpy, sys
import torch
results = {}
for arg in sys.argv[1:]:
    path, root, grad_name = arg.split("::")
    torch.manual_seed(0)  # as the window seeds each run
    with contextlib.redirect_stdout(io.StringIO()):
        ns = runpy.run_path(path, run_name="__main__")
    t = ns[root]
    if grad_name:
        gradient = ns[grad_name]
    else:
        gradient = None if t.numel() == 1 else torch.ones_like(t)
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # hooks may print
            t.backward(gradient=gradient, retain_graph=True)
        error = None
    except RuntimeError as exc:
        error = str(exc)
    grads = {
        k: " ".join(str(v.grad).split())
        for k, v in ns.items()
        if isinstance(v, torch.Tensor) and v.is_leaf and v.requires_grad and v.grad is not None
    }
    results[path] = {"error": error, "grads": grads}
print(json.dumps(results))
"""


def lesson_root(path) -> tuple[str | None, str]:
    """The root the lesson names (the window picks it) and its gradient grid's variable."""
    lesson = parse_lesson(path.read_text(encoding="utf-8"))
    assert lesson is not None, f"{path.name} is not a lesson"
    return lesson.root, lesson.gradient or ""


@pytest.fixture(scope="module")
def python_clicks() -> dict[str, dict]:
    """What plain PyTorch does for one Backward click after each lesson (one process)."""
    args = []
    for path in example_scripts():
        root, gradient = lesson_root(path)
        if root:
            args.append(f"{path}::{root}::{gradient}")
    done = subprocess.run(
        [sys.executable, "-c", CLICK_DRIVER, *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("path", example_scripts(), ids=lambda p: p.stem)
def test_one_backward_click_after_each_lesson_matches_pytorch(
    make_window, qtbot, path, python_clicks
):
    window = make_window(path.read_text(encoding="utf-8"))
    selector = _find(window, QComboBox, "rootSelector")
    button = _find(window, QPushButton, "backwardButton")
    root, _gradient = lesson_root(path)
    if root is None:  # lesson 2: nothing has a grad_fn, so there is nothing to click
        assert selector.count() == 0 and not button.isEnabled()
        return
    assert selector.currentText() == root
    grid = _find(window, QWidget, "gradientEditor")
    assert grid.isVisibleTo(window) == (window.session.state.tensors[root].numel() != 1)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    expected = python_clicks[str(path)]
    console = window.console.toPlainText()
    if expected["error"]:
        assert expected["error"] in console
    for name, grad in expected["grads"].items():
        live = window.session.state.tensors[name].grad
        assert " ".join(str(live).split()) == grad
        if not expected["error"]:
            assert f"{name}.grad = {grad}" in console


def test_inspector_value_edit_becomes_a_literal_and_one_ctrl_z_restores(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    window.select_tensor("x")
    model = window.inspector.value_model
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, 1), "3", Qt.ItemDataRole.EditRole)
    edited = window.editor.toPlainText()
    assert edited != LESSON3_CORE
    _wait_for_source(qtbot, window, edited)
    x = window.session.state.tensors["x"]
    assert x.tolist() == [[1.0, 3.0], [1.0, 1.0]] and x.requires_grad and x.is_leaf
    qtbot.mouseClick(_find(window, QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    expected = torch.tensor([[1.0, 3.0], [1.0, 1.0]], requires_grad=True)
    ((expected + 2) * (expected + 2) * 3).mean().backward()
    assert _x_grad(window) == expected.grad.flatten().tolist()
    _show_active(qtbot, window)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.toPlainText() == LESSON3_CORE


def test_recent_files_menu_reopens_a_saved_script(make_window, qtbot, tmp_path):
    window = make_window(LESSON3_CORE)
    target = tmp_path / "kept.py"
    assert window.files.save_as(target)
    assert window.windowTitle().startswith("kept.py")
    window.actions_by_name["new"].trigger()
    _wait_for_source(qtbot, window, "")
    window.recent_menu.aboutToShow.emit()
    entry = next(a for a in window.recent_menu.actions() if a.text() == str(target.resolve()))
    entry.trigger()
    _wait_for_source(qtbot, window, LESSON3_CORE)
    assert window.files.path == target.resolve()
    assert _find(window, QComboBox, "rootSelector").currentText() == "out"


def test_run_n_times_from_the_plot_dock_accumulates_like_a_loop(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    spin = window.plot_panel.findChild(QWidget, "repeatSpin")
    spin.setValue(20)
    with qtbot.waitSignal(window.repeat_runner.repeatFinished, timeout=20_000) as blocker:
        qtbot.mouseClick(
            window.plot_panel.findChild(QPushButton, "repeatButton"), Qt.MouseButton.LeftButton
        )
    outcome = blocker.args[0]
    assert (outcome.requested, outcome.done, outcome.error) == (20, 20, None)
    x = torch.ones(2, 2, requires_grad=True)
    out = ((x + 2) * (x + 2) * 3).mean()
    for _ in range(20):
        out.backward(retain_graph=True)
    assert _x_grad(window) == x.grad.flatten().tolist()
    assert window.session.state.history.count == 20
    assert "Run ×20: 20 backward passes" in window.console.toPlainText()


def test_failed_backward_status_message_is_short_and_points_to_the_console(make_window, qtbot):
    """PyTorch's 300-character message does not run under the status bar's run time at
    1280 px: the status bar says what failed; the console has the full text."""
    window = make_window(LESSON3_CORE)
    _find(window, QCheckBox, "retainGraphCheck").setChecked(False)
    button = _find(window, QPushButton, "backwardButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    message = window.statusBar().currentMessage()
    assert message == "out.backward(retain_graph=False) failed: RuntimeError (see the Console)"
    assert (
        "Trying to backward through the graph a second time"
        in _find(window, QPlainTextEdit, "console").toPlainText()
    )


def test_second_backward_hint_names_the_scripts_own_backward(make_window, qtbot):
    """Lesson 4 calls z.backward(w) itself: a click with "retain graph" ticked still fails,
    and the console says why (line 6 freed the graph) instead of only "keep it ticked"."""
    window = make_window(LESSON4_CORE + "z.backward(w)\nprint(x.grad)\n")
    assert _find(window, QCheckBox, "retainGraphCheck").isChecked()
    _find(window, QComboBox, "rootSelector").setCurrentText("z")
    qtbot.mouseClick(_find(window, QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    console = _find(window, QPlainTextEdit, "console").toPlainText()
    assert "Trying to backward through the graph a second time" in console
    hint = console.rsplit("Trying to backward through the graph a second time", 1)[1]
    assert "line 6" in hint and "retain_graph=True" in hint


def test_second_backward_hint_after_a_click_without_retain_graph(make_window, qtbot):
    """Ticking "retain graph" after the graph was freed is not enough: the hint says to Run."""
    window = make_window(LESSON3_CORE)
    retain = _find(window, QCheckBox, "retainGraphCheck")
    retain.setChecked(False)
    button = _find(window, QPushButton, "backwardButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    retain.setChecked(True)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    console = _find(window, QPlainTextEdit, "console").toPlainText()
    hint = console.rsplit("Trying to backward through the graph a second time", 1)[1]
    assert "Run (Ctrl+R)" in hint


def test_about_says_version_and_how_to_start(make_window, monkeypatch):
    """Help ▸ About names the version and PyTorch it runs, and tells a newcomer
    where to start (Examples menu, Backward, the keyboard)."""
    shown = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a: shown.append(a[2])))
    window = make_window(LESSON3_CORE)
    window.actions_by_name["about"].trigger()
    (text,) = shown
    assert f"version {playground.__version__}" in text
    assert f"PyTorch {torch.__version__}" in text
    for hint in ("Examples", "Backward (Ctrl+B)", "Ctrl+1", "Zero grad (Ctrl+0)"):
        assert hint in text, hint


def test_a_long_status_message_is_elided_before_the_run_time(make_window, qtbot):
    """Any temporary status text (an edit that could not be applied, a refused run) is
    cut with "…" before it would run under "Python mode  grad mode: ON  ran in N ms"."""
    window = make_window(LESSON3_CORE)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    bar = window.statusBar()
    long_text = "Edit not applied: " + "requires_grad cannot be set here because " * 10
    bar.showMessage(long_text, 8000)
    shown = bar.currentMessage()
    assert shown.endswith("…") and len(shown) < len(long_text)
    # before the first permanent label (the mode, "Python mode"), not under it
    free = min(w.geometry().left() for w in (window.mode_label, window.grad_mode_label))
    assert window.mode_label.geometry().left() < window.grad_mode_label.geometry().left()
    assert bar.fontMetrics().horizontalAdvance(shown) < free
    assert bar.toolTip() == long_text
    bar.showMessage("short", 8000)
    assert bar.currentMessage() == "short"


def _set_requires_grad_cell(window, name: str, checked: bool) -> None:
    from playground.ui.tensor_table import REQUIRES_GRAD

    model = _find(window, QTableView, "tensorTable").model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    index = model.index(row, REQUIRES_GRAD)
    assert model.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)


def test_lesson_2_untick_then_tick_requires_grad_gives_back_the_lesson(
    make_window, qtbot, python_outputs
):
    path = next(p for p in example_scripts() if p.name == "02_requires_grad_in_place.py")
    source = path.read_text(encoding="utf-8")
    window = make_window(source)
    assert window.session.state.tensors["x"].requires_grad
    _set_requires_grad_cell(window, "x", False)
    off = window.editor.toPlainText()
    # The lesson's own call is flipped where it stands, nothing else moves (not even
    # the same words in the lesson's text cells, which are comments).
    lines = source.splitlines(keepends=True)
    call = lines.index("x.requires_grad_(True)\n")
    lines[call] = "x.requires_grad_(False)\n"
    assert off == "".join(lines)
    _wait_for_source(qtbot, window, off)
    assert not window.session.state.tensors["x"].requires_grad
    unticked = subprocess.run(
        [sys.executable, "-c", off], capture_output=True, text=True, timeout=60, check=True
    )
    assert window.console.toPlainText() == unticked.stdout
    assert unticked.stdout.startswith("False\nNone\nFalse\nNone\n")
    _set_requires_grad_cell(window, "x", True)
    assert window.editor.toPlainText() == source
    _wait_for_source(qtbot, window, source)
    assert window.console.toPlainText() == python_outputs[str(path)]
    assert python_outputs[str(path)].startswith("False\nNone\nTrue\nNone\n")


def test_backward_and_zero_grad_bring_the_console_tab_forward(make_window, qtbot):
    window = make_window(LESSON3_CORE)
    _show_active(qtbot, window)
    assert window.console_dock in window.tabifiedDockWidgets(window.inspector_dock)
    window.inspector_dock.raise_()
    qtbot.waitUntil(lambda: window.console_dock.visibleRegion().isEmpty())
    qtbot.mouseClick(_find(window, QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.console_dock.visibleRegion().isEmpty())
    assert "x.grad = " in window.console.toPlainText()
    window.inspector_dock.raise_()
    qtbot.waitUntil(lambda: window.console_dock.visibleRegion().isEmpty())
    qtbot.mouseClick(_find(window, QPushButton, "zeroGradButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.console_dock.visibleRegion().isEmpty())
    # A console the user closed stays closed.
    window.console_dock.close()
    qtbot.mouseClick(_find(window, QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    assert _x_grad(window) == [4.5] * 4
    assert not window.show_console_tab()
    assert not window.console_dock.isVisible()
    # A floated console is left where the user put it.
    window.console_dock.show()
    window.console_dock.setFloating(True)
    assert not window.show_console_tab()


def test_zero_grad_is_disabled_while_no_leaf_has_a_grad(make_window, qtbot):
    from playground.ui.backward_panel import NO_GRAD_TO_ZERO_TIP

    window = make_window(LESSON3_CORE)
    button = _find(window, QPushButton, "zeroGradButton")
    actions = [window.actions_by_name[n] for n in ("zeroGrad", "zeroGradNone")]
    assert window.session.state.tensors["x"].grad is None
    assert not button.isEnabled() and not any(a.isEnabled() for a in actions)
    assert button.toolTip() == NO_GRAD_TO_ZERO_TIP
    assert all(a.toolTip() == NO_GRAD_TO_ZERO_TIP for a in actions)
    qtbot.mouseClick(_find(window, QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    assert button.isEnabled() and all(a.isEnabled() for a in actions)
    assert actions[0].toolTip().startswith("x.grad.zero_() on every leaf")
    actions[0].trigger()  # zeroes in place: there is still a .grad (of zeros)
    assert _x_grad(window) == [0.0] * 4
    assert button.isEnabled()
    actions[1].trigger()  # .grad = None: nothing left to zero
    assert window.session.state.tensors["x"].grad is None
    assert not button.isEnabled() and not any(a.isEnabled() for a in actions)


def test_help_opens_the_language_reference_inside_the_app(make_window, qtbot):
    """Help ▸ Language reference (F1) shows the supported-language page, rendered from
    the Markdown the bundle ships, with the refused → write-instead table."""
    from playground.resources import help_page

    window = make_window(LESSON3_CORE)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert [a.objectName() for a in help_menu.actions() if a.objectName()] == [
        "languageReference",
        "about",
    ]
    assert window.actions_by_name["languageReference"].shortcut().toString() == "F1"
    window.actions_by_name["languageReference"].trigger()
    browser = window.help_browser
    assert browser is not None and browser.isVisible()
    text = browser.browser.toPlainText()
    assert "Python mode (the default)" in text and "Write instead" in text
    assert "## " not in text  # rendered, not shown as Markdown source
    assert "Python mode (the default)" in help_page()
    window.actions_by_name["languageReference"].trigger()
    assert window.help_browser is browser  # one window, brought to the front
    browser.close()


def test_examples_menu_names_the_lessons_in_code_words(make_window):
    """The Examples menu says `requires_grad` and `grad_fn`, not "requires grad"."""
    window = make_window(LESSON3_CORE)
    titles = [a.text() for a in window.examples_menu.actions()]
    assert titles[:6] == [
        "1. requires_grad and grad_fn",
        "2. requires_grad_() in place",
        "3. Gradients accumulate in .grad",
        "4. backward() of a non-scalar",
        "5. torch.no_grad()",
        "6. .data",
    ]


def test_a_fixed_error_leaves_no_trace(make_window, qtbot):
    """The wave, its tooltip, the gutter mark and the status message go the moment the
    fixed script runs."""
    broken = "import torch\nx = torch.ones(2, requires_grad=True)\ny = (x * 2\n"
    window = make_window(broken)
    window.show()
    assert window.editor.error_line() == 3
    assert window.editor.tooltip_for_line(3)
    assert "SyntaxError" in window.statusBar().currentMessage()
    fixed = broken.replace("(x * 2", "x * 2")
    window.editor.setPlainText(fixed)
    window.run_now()
    _wait_for_source(qtbot, window, fixed)
    assert window.editor.error_line() is None
    assert window.editor.tooltip_for_line(3) is None
    assert window.statusBar().currentMessage() == ""
    kinds = [s.format.underlineStyle() for s in window.editor.extraSelections()]
    assert QTextCharFormat.UnderlineStyle.WaveUnderline not in kinds


def test_stop_clears_the_previous_error(make_window, qtbot):
    """A Stop is not an error of the code: the earlier error's marks go too."""
    window = make_window("import torch\nx = torch.ones(2)\nx.backward()\n")
    assert window.editor.error_line() == 3
    window.editor.setPlainText("import time\nwhile True:\n    time.sleep(0.01)\n")
    window.run_now()
    qtbot.waitUntil(window.worker.is_busy, timeout=5000)
    qtbot.wait(300)
    window.actions_by_name["stop"].trigger()
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=10000)
    qtbot.waitUntil(lambda: window.editor.error_line() is None, timeout=5000)
    assert "RuntimeError" not in window.statusBar().currentMessage()
    assert window.editor.tooltip_for_line(3) is None
