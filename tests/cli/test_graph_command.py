"""``gradient-playground graph``: headless SVG/PNG export of a script's autograd graph.

The script runs in a kernel child (the shared warm kernel of ``gradient-playground
run``); this process only draws the plain graph it sends. The tests compute the
expected gradients with PyTorch here.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
import torch
from PySide6.QtGui import QImage

from playground.cli.graph import main
from tests.conftest import REPO_ROOT, SEED_DIR

NO_BACKWARD = """import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
w = torch.tensor([3.0, 4.0])
y = x * w
loss = y.sum()
"""


def svg_text(path) -> str:
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    return " ".join(root.itertext())


def test_svg_of_a_seed_lesson(tmp_path):
    out = tmp_path / "lesson5.svg"
    assert main([str(SEED_DIR / "lesson5.py"), "-o", str(out)]) == 0
    text = svg_text(out)
    for word in ("y3", "AddBackward0", "PowBackward0", "made under no_grad", "grad 2"):
        assert word in text


def test_backward_flag_calls_backward_on_the_last_scalar(tmp_path):
    script = tmp_path / "s.py"
    script.write_text(NO_BACKWARD)
    out = tmp_path / "s.svg"
    assert main([str(script), "-o", str(out)]) == 0
    assert "grad [" not in svg_text(out)
    assert main([str(script), "-o", str(out), "--backward"]) == 0
    text = svg_text(out)
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (x * torch.tensor([3.0, 4.0])).sum().backward()
    assert x.grad.tolist() == [3.0, 4.0]
    assert "grad [3, 4]" in text  # x.grad as PyTorch computes it
    assert "[1, 1]" in text  # the gradient along SumBackward0 -> MulBackward0


def test_backward_starts_at_the_last_scalar_with_a_grad_fn(tmp_path, capsys):
    script = tmp_path / "s.py"
    script.write_text(NO_BACKWARD + "z = x * 2\n")  # z comes later, but is not a scalar
    out = tmp_path / "s.svg"
    assert main([str(script), "-o", str(out), "--backward"]) == 0
    assert capsys.readouterr().err == ""
    text = svg_text(out)
    assert "grad [3, 4]" in text  # loss.backward(): x.grad = w
    assert "[1, 1]" in text


def test_a_script_that_already_ran_backward_shows_that_pass(tmp_path, capsys):
    script = tmp_path / "s.py"
    script.write_text(NO_BACKWARD + "loss.backward()\n")
    out = tmp_path / "s.svg"
    assert main([str(script), "-o", str(out), "--backward"]) == 0
    assert "already called backward()" in capsys.readouterr().err
    assert "grad [3, 4]" in svg_text(out)  # once, not twice


def test_restricted_mode(tmp_path, capsys):
    script = tmp_path / "s.py"
    script.write_text(NO_BACKWARD)
    out = tmp_path / "r.svg"
    assert main(["--restricted", str(script), "-o", str(out), "--backward"]) == 0
    assert "grad [3, 4]" in svg_text(out)
    refused = tmp_path / "refused.py"
    refused.write_text("import os\nimport torch\nx = torch.ones(2, requires_grad=True)\n")
    bad = tmp_path / "refused.svg"
    assert main(["--restricted", str(refused), "-o", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refused.py:1" in err and "Traceback" not in err
    assert not bad.exists()  # nothing ran: nothing to draw
    # Python mode (the default) runs it like python would
    assert main([str(refused), "-o", str(bad)]) == 0
    assert "x" in svg_text(bad).split()  # the leaf's node


def test_a_crashing_script_is_one_line(tmp_path, capsys):
    script = tmp_path / "crash.py"
    script.write_text("import ctypes\nimport torch\nx = torch.ones(2)\nctypes.string_at(0)\n")
    out = tmp_path / "c.svg"
    assert main([str(script), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{script}:4:" in err and "crashed" in err


def test_png_output(tmp_path):
    out = tmp_path / "g.png"
    assert main([str(SEED_DIR / "lesson3.py"), "-o", str(out), "--saved"]) == 0
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 760


def test_errors(tmp_path, capsys):
    assert main([str(SEED_DIR / "lesson1.py"), "-o", str(tmp_path / "a.jpg")]) == 2
    assert "must end in .svg or .png" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.py"), "-o", str(tmp_path / "a.svg")]) == 2
    out = tmp_path / "l1.svg"
    # lesson 1 has no scalar to differentiate: still draws the graph, exits 1
    assert main([str(SEED_DIR / "lesson1.py"), "-o", str(out), "--backward"]) == 1
    assert "no scalar tensor with a grad_fn" in capsys.readouterr().err
    assert "MulBackward0" in svg_text(out)
    bad = tmp_path / "bad.py"
    bad.write_text("import torch\nx = torch.ones(2, requires_grad=True)\ny = x @ torch.ones(3)\n")
    assert main([str(bad), "-o", str(out)]) == 1
    assert "3:" in capsys.readouterr().err


@pytest.mark.slow
def test_real_command_line(tmp_path):
    out = tmp_path / "cli.svg"
    done = subprocess.run(
        [sys.executable, "-m", "playground", "graph", str(SEED_DIR / "lesson3.py"), "-o", str(out)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert "MeanBackward0" in svg_text(out)


@pytest.mark.slow
def test_the_command_never_imports_torch(tmp_path):
    out = tmp_path / "g.png"
    check = (
        "import sys\nfrom playground.cli import main\n"
        f"code = main(['graph', {str(SEED_DIR / 'lesson3.py')!r}, '-o', {str(out)!r}, "
        "'--backward'])\n"
        "print(code, 'torch' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", check],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert done.stdout.split() == ["0", "False"], done.stderr
    assert not QImage(str(out)).isNull()


def test_direction_option(tmp_path):
    shapes = {}
    for direction in ("TB", "LR"):
        out = tmp_path / f"{direction}.png"
        assert main([str(SEED_DIR / "lesson3.py"), "-o", str(out), "--direction", direction]) == 0
        image = QImage(str(out))
        shapes[direction] = image.width() / image.height()
    assert shapes["LR"] > 2 * shapes["TB"]  # left to right: a wide, short picture
    out = tmp_path / "lr.svg"
    assert main([str(SEED_DIR / "lesson3.py"), "-o", str(out), "--direction", "LR"]) == 0
    assert "MulBackward0" in svg_text(out) and "AccumulateGrad" in svg_text(out)
    assert main([str(SEED_DIR / "lesson3.py"), "-o", str(out), "--direction", "RL"]) == 2
