"""``gradient-playground screenshot``: the window rendered offscreen to a PNG."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from playground.cli.screenshot import parse_size, render

LESSON = """import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
"""


def test_parse_size():
    assert parse_size("1600x1000") == (1600, 1000)
    assert parse_size("1280X800") == (1280, 800)
    for bad in ("1600", "ax3", "10x10", "1600x"):
        with pytest.raises(argparse.ArgumentTypeError):
            parse_size(bad)


def test_render_clicks_backward_and_writes_the_size_asked(qapp, tmp_path):
    out = tmp_path / "shot.png"
    console = render(LESSON, out, backward=True, size=(1280, 800))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    x = __import__("torch").ones(2, 2, requires_grad=True)
    ((x + 2) * (x + 2) * 3).mean().backward()
    assert any(" ".join(str(x.grad).split()) in line for line in console)
    colours = {image.pixel(px, py) for px in range(0, 1280, 40) for py in range(0, 800, 40)}
    assert len(colours) > 5, "the image is not blank"


def test_render_does_not_touch_the_saved_layout(qapp, tmp_path):
    from playground.ui.files import config_dir

    render(LESSON, tmp_path / "a.png", backward=False, size=(1280, 800))
    settings_file = config_dir() / "settings.ini"
    assert not settings_file.exists() or "window" not in settings_file.read_text()


@pytest.mark.slow
def test_cli_subcommand_writes_png(tmp_path):
    script = tmp_path / "lesson.py"
    script.write_text(LESSON, encoding="utf-8")
    out = tmp_path / "out" / "shot.png"
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the command picks offscreen by itself
    env.pop("DISPLAY", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "playground",
            "screenshot",
            str(script),
            "-o",
            str(out),
            "--backward",
            "--size",
            "1366x768",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {out}"
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)


def test_missing_script_is_a_clear_error(tmp_path, capsys):
    from playground.cli.screenshot import main

    assert main([str(tmp_path / "nope.py"), "-o", str(tmp_path / "x.png")]) == 1
    assert "cannot read" in capsys.readouterr().err
