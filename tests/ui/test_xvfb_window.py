"""A real window on a real X server: Xvfb + Qt's ``xcb`` platform, in a subprocess.

Catches what the offscreen platform hides: missing xcb libraries, a window that
never maps, a crash in real painting. Skipped (with the reason shown) only where
``Xvfb`` is not installed; CI installs it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = r"""
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from playground.ui.app import make_application
from playground.ui.main_window import MainWindow

app = make_application()
source = open(sys.argv[1], encoding="utf-8").read()
window = MainWindow(source)
window.resize(1280, 800)
window.show()
report = {"platform": QGuiApplication.platformName()}

def finish():
    panel = window.backward_panel
    panel.backward_button.click()
    panel.backward_button.click()
    x = window.session.state.tensors["x"]
    image = window.grab()
    report.update(
        exposed=window.windowHandle().isExposed(),
        grad=x.grad.values.flatten().tolist(),
        root=panel.root_selector.currentText(),
        width=image.width(),
        height=image.height(),
        distinct_colors=len({image.toImage().pixel(x, y)
                             for x in range(0, image.width(), 37)
                             for y in range(0, image.height(), 23)}),
    )
    window.editor.document().setModified(False)
    window.close()
    app.quit()

QTimer.singleShot(500, finish)
app.exec()
print(json.dumps(report))
"""

SCRIPT = """import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
"""


def _start_xvfb() -> tuple[subprocess.Popen, str]:
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = pipe.readline().strip()
    return server, f":{display}"


@pytest.mark.xvfb
@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("Xvfb") is None, reason="Xvfb is not installed here (CI installs it)"
)
def test_window_opens_on_xcb_and_backward_works(tmp_path: Path):
    script = tmp_path / "lesson.py"
    script.write_text(SCRIPT, encoding="utf-8")
    server, display = _start_xvfb()
    try:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(script)],
            capture_output=True,
            text=True,
            env=env,
            timeout=90,
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["platform"] == "xcb"
    assert report["exposed"] is True
    assert report["root"] == "out"
    assert report["grad"] == [9.0, 9.0, 9.0, 9.0]  # two Backward clicks, retain graph on
    assert (report["width"], report["height"]) == (1280, 800)
    assert report["distinct_colors"] > 5, "the window painted something"
