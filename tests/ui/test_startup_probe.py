"""The start-up probe: the app prints one line at its first paint and quits."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from playground.ui import startup_probe


@pytest.mark.slow
def test_the_app_quits_at_its_first_paint_when_probed(tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        GRADIENT_PLAYGROUND_STARTUP_PROBE="1",
        GRADIENT_PLAYGROUND_CONFIG_DIR=str(tmp_path),
    )
    completed = subprocess.run(
        [sys.executable, "-m", "playground"], capture_output=True, text=True, env=env, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    out = completed.stdout.splitlines()
    lines = [line for line in out if line.startswith(startup_probe.PROBE_LINE)]
    assert len(lines) == 1
    assert float(lines[0].split()[-1]) > 0


@pytest.mark.parametrize(("value", "on"), [("1", True), ("yes", True), ("0", False), ("", False)])
def test_requested_follows_the_environment(monkeypatch, value, on):
    monkeypatch.setenv(startup_probe.PROBE_ENV, value)
    assert startup_probe.requested() is on


def test_not_installed_without_the_variable(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    monkeypatch.delenv(startup_probe.PROBE_ENV, raising=False)
    widget = QWidget()
    qtbot.addWidget(widget)
    assert startup_probe.install_if_requested(widget) is False
    assert widget.findChildren(startup_probe._FirstPaint) == []


def test_installed_probe_prints_once_at_the_first_paint(qtbot, monkeypatch, capsys):
    from PySide6.QtWidgets import QApplication, QWidget

    monkeypatch.setenv(startup_probe.PROBE_ENV, "1")
    exits = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))
    widget = QWidget()
    qtbot.addWidget(widget)
    assert startup_probe.install_if_requested(widget) is True
    widget.show()
    qtbot.waitUntil(lambda: exits == [0])
    widget.repaint()
    out = capsys.readouterr().out
    assert out.count(startup_probe.PROBE_LINE) == 1
