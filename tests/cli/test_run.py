"""``gradient-playground run``: stdout exactly as Python, located errors, exit codes, no Qt
and no torch in the CLI process, and nothing a script does takes the CLI down."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SEED_DIR = Path(__file__).resolve().parent.parent / "seed"
ADDRESS = re.compile(r"0x[0-9a-f]+")
MODES = [(), ("--restricted",)]


def _mask(text: str) -> str:
    return ADDRESS.sub("ADDR", text)


def _script(tmp_path: Path, source: str, name: str = "s.py") -> Path:
    path = tmp_path / name
    path.write_text(source)
    return path


@pytest.mark.parametrize("mode", MODES, ids=["python", "restricted"])
@pytest.mark.parametrize("n", range(1, 7))
def test_seed_lessons_print_the_expected_output(n, mode, run_cli):
    code, out, err = run_cli(*mode, SEED_DIR / f"lesson{n}.py")
    assert code == 0, err
    assert _mask(out) == _mask((SEED_DIR / f"lesson{n}.out").read_text())
    assert err == ""


def test_python_mode_error_lists_script_frames_then_the_located_line(tmp_path, run_cli):
    script = _script(
        tmp_path,
        "import torch\nprint('first')\ndef f(a):\n    return a @ torch.ones(3)\nf(torch.ones(2))\n",
    )
    code, out, err = run_cli(script)
    assert (code, out) == (1, "first\n")
    assert err.splitlines()[:2] == [
        f"  {script}:5 in <module>: f(torch.ones(2))",
        f"  {script}:4 in f: return a @ torch.ones(3)",
    ]
    assert err.splitlines()[2].startswith(f"{script}:4:12: RuntimeError: ")
    assert "Traceback" not in err and "site-packages" not in err


def test_restricted_error_is_one_line_and_exits_1(tmp_path, run_cli):
    script = _script(tmp_path, "import torch\nprint('first')\nx = torch.ones(2) @ torch.ones(3)\n")
    code, out, err = run_cli("--restricted", script)
    assert (code, out) == (1, "first\n")
    assert err.count("\n") == 1 and err.startswith(f"{script}:3:5: RuntimeError: ")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import os\n", ":1:8: import of module 'os' is not available in the playground"),
        ("x = (\n", ":1:5: SyntaxError: "),
        ("import torch\nx = torch.ones(10**6, 10**6)\n", ":2:5: a tensor of"),
    ],
)
def test_restricted_refusals_and_limits_exit_2(tmp_path, run_cli, source, expected):
    code, out, err = run_cli("--restricted", _script(tmp_path, source))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and expected in err


def test_python_mode_runs_what_restricted_mode_refuses(tmp_path, run_cli, python_exe):
    source = (
        "import math\nimport torch\ndef f(x):\n    return x * math.pi\nprint(f(torch.ones(1)))\n"
    )
    script = _script(tmp_path, source)
    python = subprocess.run([python_exe, str(script)], capture_output=True, text=True)
    code, out, err = run_cli(script)
    assert (code, out, err) == (0, python.stdout, "")
    assert run_cli("--restricted", script)[0] == 2


def test_syntax_error_in_python_mode_is_pythons(tmp_path, run_cli):
    code, out, err = run_cli(_script(tmp_path, "x = (\n"))
    assert code == 1 and out == ""
    assert err == f"{tmp_path / 's.py'}:1:5: SyntaxError: '(' was never closed\n"


def test_warnings_go_to_stderr_with_the_script_line(tmp_path, run_cli):
    script = _script(
        tmp_path, "import torch\nx = torch.ones(1) * 1\ny = torch.tensor(x)\nprint(y)\n"
    )
    for mode in MODES:
        code, out, err = run_cli(*mode, script)
        assert (code, out) == (0, "tensor([1.])\n")
        assert err.startswith(f"{script}:3: UserWarning: To copy construct from a tensor")
        assert "  y = torch.tensor(x)\n" in err


def test_usage_help_and_missing_file(tmp_path, run_cli, capsys):
    from playground.cli import main

    assert main(["run"]) == 2
    assert "--restricted" in capsys.readouterr().err
    code, _out, err = run_cli(tmp_path / "missing.py")
    assert code == 2 and "cannot read" in err


def test_coding_declarations_bom_and_rot13(tmp_path, run_cli):
    latin = tmp_path / "latin1.py"
    latin.write_bytes(b'# -*- coding: latin-1 -*-\nprint("caf\xe9")\n')
    assert run_cli(latin)[:2] == (0, "café\n")
    bom = tmp_path / "bom.py"
    bom.write_bytes(b'\xef\xbb\xbfprint("bom")\n')
    assert run_cli(bom)[:2] == (0, "bom\n")
    rot = tmp_path / "rot.py"
    rot.write_bytes(b"# coding: rot13\nprint(1)\n")
    code, out, err = run_cli(rot)
    assert (code, out) == (2, "")
    assert err == f"{rot}: SyntaxError: encoding problem: rot13\n"


def _cli(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "playground", "run", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


def test_subprocess_never_imports_qt_or_torch(tmp_path):
    script = _script(
        tmp_path, "import torch\nx = torch.ones(2, requires_grad=True)\nprint((x * 3).sum())\n"
    )
    probe = (
        "import sys\nfrom playground.cli import main\ncode = main(['run', sys.argv[1]])\n"
        "sys.stdout.flush()\n"
        "print(sorted(m for m in ('PySide6', 'torch') if m in sys.modules), code, file=sys.stderr)\n"
    )
    ours = subprocess.run(
        [sys.executable, "-c", probe, str(script)], capture_output=True, text=True, timeout=120
    )
    assert ours.stdout == "tensor(6., grad_fn=<SumBackward0>)\n"
    assert ours.stderr.strip() == "[] 0"


@pytest.mark.parametrize(
    ("source", "signal_name", "line"),
    [
        ("import ctypes\nprint('before', flush=True)\nctypes.string_at(0)\n", "SIGSEGV", 3),
        ("import torch\nx = torch.ones([1] * 100000)\nprint('made')\nx.tolist()\n", "SIGSEGV", 4),
        ("import os, signal\nprint('before')\nos.kill(os.getpid(), signal.SIGFPE)\n", "SIGFPE", 3),
        ("import os\nprint('before')\nos.abort()\n", "SIGABRT", 3),
    ],
    ids=["null-pointer", "tolist-100000-dims", "sigfpe", "abort"],
)
def test_a_crashing_script_is_one_line_never_a_signal(tmp_path, source, signal_name, line):
    script = _script(tmp_path, source)
    ours = _cli(str(script))
    assert ours.returncode == 1, ours.stderr
    assert ours.stderr.splitlines()[-1] == (
        f"{script}:{line}: the script crashed the process running it ({signal_name}); "
        "your script and the window are unaffected"
    )
    assert "Traceback" not in ours.stderr
    assert ours.stdout in ("before\n", "made\n")


@pytest.mark.parametrize(
    "source",
    [
        "print('start', flush=True)\nx = 0.5 in range(10**18)\n",
        "print('start', flush=True)\nx = sum(range(10**18))\n",
    ],
    ids=["float-in-range", "sum-of-huge-range"],
)
def test_a_gil_holding_hang_is_stopped_at_its_line(tmp_path, source):
    script = _script(tmp_path, source)
    ours = _cli("--max-seconds", "2", str(script))
    assert ours.returncode == 2
    assert ours.stderr == f"{script}:2: the script ran longer than 2 s and was stopped at line 2\n"


def test_memory_blow_up_is_stopped_at_its_line(tmp_path):
    script = _script(tmp_path, "x = []\nfor i in range(10**9):\n    x.append(str(i) * 10)\n")
    ours = _cli("--max-memory-mb", "300", str(script))
    assert ours.returncode == 2
    # The loop is on its header or its body when it is stopped.
    assert re.fullmatch(
        rf"{re.escape(str(script))}:([23]): the script used more than 300 MiB and was "
        r"stopped at line \1\n",
        ours.stderr,
    ), ours.stderr


def test_a_killed_run_has_shown_what_it_printed(tmp_path):
    script = _script(tmp_path, "print('one', flush=True)\nprint('two')\nwhile True:\n    pass\n")
    ours = _cli("--max-seconds", "1", str(script))
    assert ours.stdout == "one\ntwo\n" and ours.returncode == 2


def test_piped_into_head_ends_quietly(tmp_path):
    script = _script(tmp_path, "for i in range(100000):\n    print(i)\n")
    pipe = subprocess.run(
        f"{sys.executable} -m playground run {script} | head -3",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert pipe.stdout == "0\n1\n2\n"
    assert pipe.stderr == ""


def test_modules_beside_the_script_are_not_imported(tmp_path, run_cli):
    """Isolated sys.path (``-I``): a companion module beside a script never runs."""
    marker = tmp_path / "hijacked"
    (tmp_path / "helper.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    script = _script(tmp_path, "import sys\nprint('' in sys.path)\nimport helper\n")
    code, out, err = run_cli(script)
    assert (code, out) == (1, "False\n")
    assert err.endswith(f"{script}:3:1: ModuleNotFoundError: No module named 'helper'\n")
    assert not marker.exists()


def test_a_huge_error_message_is_capped(tmp_path, run_cli):
    script = _script(tmp_path, "raise ValueError('x' * 10**7)\n")
    code, _out, err = run_cli(script)
    assert code == 1
    assert len(err) < 11_000 and "(10,000,000 characters, cut)" in err


def test_blocked_write_says_why(tmp_path, run_cli):
    outside = tmp_path / "out.txt"
    script = _script(tmp_path, f"open({str(outside)!r}, 'w')\n")
    code, _out, err = run_cli(script)
    assert code == 1
    assert err.endswith(
        f"{script}:1:1: PermissionError: [Errno 13] Permission denied: '{outside}' "
        "(scripts run without write, network or process access)\n"
    )
    assert not outside.exists()


def test_output_written_to_the_file_descriptors_is_shown(tmp_path, run_cli):
    """C-level writes to fds 1 and 2 (``printf`` in an extension, ``os.write``) are caught."""
    script = _script(
        tmp_path, "import os\nprint('py')\nos.write(1, b'from C\\n')\nos.write(2, b'err\\n')\n"
    )
    code, out, err = run_cli(script)
    assert (code, out, err) == (0, "py\nfrom C\n", "err\n")


def test_unencodable_output_is_pythons_error(tmp_path, run_cli, python_exe):
    script = _script(tmp_path, 'print("ok")\nprint("\\ud800")\n')
    python = subprocess.run([python_exe, str(script)], capture_output=True, text=True)
    code, out, err = run_cli(script)
    assert (code, out) == (python.returncode, python.stdout) == (1, "ok\n")
    assert err.splitlines()[-1] == f"{script}:2:1: {python.stderr.splitlines()[-1]}"


@pytest.mark.parametrize(
    ("source", "code", "reason"),
    [
        ("import os\nos.system('touch MARKER')\nprint(os.path.exists('MARKER'))\n", 0, None),
        ("import subprocess\nsubprocess.run(['touch', 'MARKER'])\n", 1, "PermissionError"),
        ("import torch\ny = torch.ones(40000, 40000)\n", 2, "used more than 1000 MiB"),
        ("n = 10**10**10\n", 2, "ran longer than 3 s"),
        ("for i in range(10**12):\n    pass\n", 2, "ran longer than 3 s"),
        ("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n", 1, "PermissionError"),
        ("import socket\nsocket.create_connection(('127.0.0.1', 9))\n", 1, "PermissionError"),
    ],
    ids=[
        "os-system",
        "subprocess",
        "ones-40000-square",
        "int-tower",
        "range-1e12",
        "kill-parent",
        "socket",
    ],
)
def test_python_mode_attacks_are_contained(tmp_path, source, code, reason):
    marker = tmp_path / "pwned"
    script = _script(tmp_path, source.replace("MARKER", str(marker)))
    ours = _cli("--max-seconds", "3", "--max-memory-mb", "1000", str(script))
    assert ours.returncode == code, ours.stderr
    assert not marker.exists()
    assert "Traceback" not in ours.stderr
    if reason is not None:
        assert reason in ours.stderr.splitlines()[-1]
    else:
        assert ours.stdout == "False\n"
