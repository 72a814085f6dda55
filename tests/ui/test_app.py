"""The first start: the welcome script the window opens with when no file is given."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from playground.resources import welcome_script
from playground.ui.main_window import MainWindow

WELCOME_SCRIPT = welcome_script()


def _discard(window) -> None:
    window.editor.document().setModified(False)


def test_welcome_script_fits_the_editor_at_1280x800(qtbot):
    """No line of the welcome script is cut at the right edge of the editor (the hint
    "... then 9.0, then 13.5" used to run off it)."""
    window = MainWindow(WELCOME_SCRIPT, remember_layout=False)
    qtbot.addWidget(window, before_close_func=_discard)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    editor = window.editor
    room = editor.viewport().width() - 2 * editor.document().documentMargin()
    for line in WELCOME_SCRIPT.splitlines():
        assert editor.fontMetrics().horizontalAdvance(line) <= room, line
    assert editor.horizontalScrollBar().maximum() == 0


def test_welcome_script_says_what_to_click_and_is_lesson_3(qtbot):
    """The hint names the Backward button, the values it will show and where the other
    lessons are; clicking Backward three times gives exactly those values."""
    window = MainWindow(WELCOME_SCRIPT, remember_layout=False)
    qtbot.addWidget(window, before_close_func=_discard)
    assert "Backward (Ctrl+B)" in WELCOME_SCRIPT and "Examples menu" in WELCOME_SCRIPT
    button = window.findChild(QPushButton, "backwardButton")
    seen = []
    for _ in range(3):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        seen.append(float(window.session.state.tensors["x"].grad.values[0, 0]))
    assert seen == [4.5, 9.0, 13.5]
    for value in ("4.5", "9.0", "13.5"):
        assert value in WELCOME_SCRIPT


RECOVERY_DRIVER = r"""
import json
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from playground.ui.app import make_application, run_app
from playground.ui.files import recovery_path
from playground.ui.main_window import MainWindow

recovery_path().parent.mkdir(parents=True, exist_ok=True)
recovery_path().write_text("import torch\nrestored = torch.ones(1)\n", encoding="utf-8")
seen = {}

def question(parent, *args, **kwargs):
    seen["parent_visible"] = parent.window().isVisible()
    return QMessageBox.StandardButton.Yes

QMessageBox.question = staticmethod(question)

def close_it():
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    seen["text"] = window.editor.toPlainText()
    window.editor.document().setModified(False)
    window.close()

make_application()
QTimer.singleShot(300, close_it)
QTimer.singleShot(30_000, lambda: QApplication.exit(99))  # fail, never hang
seen["rc"] = run_app(None)
print(json.dumps(seen))
"""


def test_recovery_is_offered_over_the_shown_window(tmp_path):
    """After a crash, "Restore them?" is asked with the window already on screen (it
    used to pop up over an empty screen, before the window existed visibly).

    Runs in its own process: the end of ``app.exec()`` must not leak into other tests."""
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, GRADIENT_PLAYGROUND_CONFIG_DIR=str(tmp_path / "config"))
    proc = subprocess.run(
        [sys.executable, "-c", RECOVERY_DRIVER],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen == {
        "parent_visible": True,
        "text": "import torch\nrestored = torch.ones(1)\n",
        "rc": 0,
    }


def test_the_welcome_scripts_count_the_lessons_there_are():
    """Both welcome scripts name how many lessons the Examples menu has."""
    from playground.resources import example_scripts, resources_dir

    count = len(example_scripts())
    english = (resources_dir() / "welcome" / "welcome.py").read_text(encoding="utf-8")
    chinese = (resources_dir() / "welcome" / "welcome_zh_CN.py").read_text(encoding="utf-8")
    assert f"# {count} lessons: Examples menu" in english
    assert f"共 {count} 课" in chinese
