"""``gradient-playground run``: stdout exactly as Python, one-line errors, exit codes, no Qt."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from playground.cli_run import main

SEED_DIR = Path(__file__).resolve().parent / "seed"

ADDRESS = re.compile(r"0x[0-9a-f]+")


def _mask(text: str) -> str:
    return ADDRESS.sub("ADDR", text)


@pytest.mark.parametrize("n", range(1, 7))
def test_seed_lessons_print_the_expected_output(n, capsys):
    assert main([str(SEED_DIR / f"lesson{n}.py")]) == 0
    out, err = capsys.readouterr()
    assert _mask(out) == _mask((SEED_DIR / f"lesson{n}.out").read_text())
    assert err == ""


def test_pytorch_error_prints_one_line_and_exits_1(tmp_path, capsys):
    script = tmp_path / "bad.py"
    script.write_text("import torch\nprint('first')\nx = torch.ones(2) @ torch.ones(3)\n")
    assert main([str(script)]) == 1
    out, err = capsys.readouterr()
    assert out == "first\n"
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{script}:3:5: RuntimeError: ")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import os\n", ":1:8: import of module 'os' is not available in the playground"),
        ("x = (\n", ":1:5: SyntaxError: "),
        ("import torch\nx = torch.ones(10**6, 10**6)\n", ":2:5: a tensor of"),
    ],
)
def test_refused_or_limited_script_exits_2(tmp_path, capsys, source, expected):
    script = tmp_path / "s.py"
    script.write_text(source)
    assert main([str(script)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and expected in err


def test_warnings_go_to_stderr_with_the_script_line(tmp_path, capsys):
    script = tmp_path / "w.py"
    script.write_text("import torch\nx = torch.ones(1) * 1\ny = torch.tensor(x)\nprint(y)\n")
    assert main([str(script)]) == 0
    out, err = capsys.readouterr()
    assert out == "tensor([1.])\n"
    assert err.startswith(f"{script}:3: UserWarning: To copy construct from a tensor")
    assert "  y = torch.tensor(x)\n" in err


def test_usage_and_missing_file(tmp_path, capsys):
    assert main([]) == 2
    assert main([str(tmp_path / "missing.py")]) == 2
    err = capsys.readouterr().err
    assert "usage" in err and "cannot read" in err


def test_subprocess_matches_python_and_never_imports_qt(tmp_path):
    script = tmp_path / "s.py"
    script.write_text("import torch\nx = torch.ones(2, requires_grad=True)\nprint((x * 3).sum())\n")
    probe = (
        "import sys\nfrom playground.cli import main\ncode = main(['run', sys.argv[1]])\n"
        "sys.stdout.flush()\nprint('QT' if 'PySide6' in sys.modules else 'NOQT', code, file=sys.stderr)\n"
    )
    ours = subprocess.run(
        [sys.executable, "-c", probe, str(script)], capture_output=True, text=True, timeout=120
    )
    python = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert ours.stdout == python.stdout == "tensor(6., grad_fn=<SumBackward0>)\n"
    assert ours.stderr.strip() == "NOQT 0"


def test_coding_declaration_is_honoured(tmp_path, capsys):
    script = tmp_path / "latin1.py"
    script.write_bytes(b'# -*- coding: latin-1 -*-\nprint("caf\xe9")\n')
    assert main([str(script)]) == 0
    assert capsys.readouterr().out == "café\n"
    bogus = tmp_path / "bogus.py"
    bogus.write_bytes(b"# -*- coding: bogus -*-\nprint(1)\n")
    assert main([str(bogus)]) == 2
    assert "bogus" in capsys.readouterr().err
