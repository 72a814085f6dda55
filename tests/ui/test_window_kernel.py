"""Whatever a script does to its kernel child, the window stays up, says what happened in
one line, keeps the script and the last good state, and the next run works."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.conftest import LESSON3


@pytest.fixture
def window(open_window):
    return open_window(LESSON3)


def _run(window, qtbot, source: str) -> None:
    window.editor.setPlainText(source)
    window.run_now()
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=30_000)


def _works_again(window, qtbot) -> None:
    _run(window, qtbot, LESSON3 + "print('again')\n")
    assert window.session.run.stdout == "again\n"
    qtbot.mouseClick(window.findChild(QPushButton, "backwardButton"), Qt.MouseButton.LeftButton)
    assert window.session.state.tensors["x"].grad.values.tolist() == [[4.5, 4.5], [4.5, 4.5]]


@pytest.mark.parametrize(
    ("source", "line", "signal"),
    [
        ("import ctypes\nctypes.string_at(0)\n", 2, "SIGSEGV"),
        ("import torch\nx = torch.ones([1] * 100000)\nx.tolist()\n", 3, "SIGSEGV"),
        ("import os\nos.abort()\n", 2, "SIGABRT"),
    ],
    ids=["null-pointer", "tolist-100000-dims", "abort"],
)
def test_a_crash_is_one_line_and_loses_nothing(window, qtbot, source, line, signal):
    good = window.session.state
    _run(window, qtbot, source)
    message = window.statusBar().currentMessage()
    assert message == (
        f"{line}: the script crashed the process running it ({signal}); "
        "your script and the window are unaffected"
    )
    assert window.editor.toPlainText() == source
    assert window.editor.error_line() == line
    assert window.session.state is good
    assert window.tensor_table.model().rowCount() == 4
    _works_again(window, qtbot)
    assert window.editor.error_line() is None


def test_a_huge_tensor_shows_without_tolist(window, qtbot):
    """``torch.ones([1] * 100000)`` runs; the panels get its description, never its values."""
    _run(window, qtbot, "import torch\nx = torch.ones([1] * 100000)\n")
    view = window.session.state.tensors["x"]
    assert view.values is None and "100,000 dimensions" in view.text
    assert window.tensor_table.model().rowCount() == 1


def test_stop_ends_a_gil_holding_call(window, qtbot):
    good = window.session.state
    window.editor.setPlainText("x = 0.5 in range(10**18)\n")
    window.run_now()
    qtbot.wait(500)
    started = time.monotonic()
    window.actions_by_name["stop"].trigger()
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=5000)
    assert time.monotonic() - started < 2
    assert window.session.state is good
    assert window.editor.toPlainText() == "x = 0.5 in range(10**18)\n"
    _works_again(window, qtbot)


def test_a_memory_blow_up_is_stopped_with_its_line(window, qtbot):
    window.session.kernel.limits.memory_bytes = 400 << 20
    source = "import torch\nkeep = []\nwhile True:\n    keep.append(torch.ones(10_000_000))\n"
    _run(window, qtbot, source)
    message = window.statusBar().currentMessage()
    assert message.endswith("the script used more than 400 MiB and was stopped at line 4")
    _works_again(window, qtbot)


def test_a_blocked_write_is_pythons_error_at_its_line(window, qtbot, tmp_path):
    target = tmp_path / "out.txt"
    _run(window, qtbot, f"open({str(target)!r}, 'w').write('x')\n")
    error = window.session.run.error
    assert error.format() == (
        f"1:1: PermissionError: [Errno 13] Permission denied: '{target}' "
        "(scripts run without write, network or process access)"
    )
    assert not target.exists()


def test_a_utf8_bom_file_opens_and_runs(window, qtbot, tmp_path):
    path = tmp_path / "bom.py"
    path.write_bytes(b"\xef\xbb\xbf" + LESSON3.encode() + b"print('bom ok')\n")
    assert window.files.load(path)
    assert window.editor.toPlainText() == LESSON3 + "print('bom ok')\n"
    assert window.mode == "restricted" and window.trust_bar.isVisible()
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=10_000)
    window.run_now()
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=10_000)
    assert window.session.run.stdout == "bom ok\n" and window.session.run.mode == "restricted"


def test_trusting_a_file_runs_it_as_python_and_is_remembered(window, qtbot, tmp_path):
    path = tmp_path / "mine.py"
    path.write_text("import math\nprint(math.pi > 3)\n")
    window.files.load(path)
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=10_000)
    # `import math` is outside the subset: refused before anything ran, marked in the editor
    qtbot.waitUntil(lambda: window.editor.error_line() == 1, timeout=10_000)
    assert "Nothing ran" in window.console.toPlainText()
    window.trust_bar.button.click()
    qtbot.waitUntil(
        lambda: not window.worker.is_busy() and window.session.run.mode == "python",
        timeout=10_000,
    )
    assert window.session.run.stdout == "True\n" and not window.trust_bar.isVisible()
    window.files.load(path)
    assert window.mode == "python"  # same path, same content: trusted
    path.write_text("import math\nprint(math.e)\n")
    window.files.load(path)
    assert window.mode == "restricted"  # changed since it was trusted
