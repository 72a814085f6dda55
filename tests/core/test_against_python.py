"""The interpreter against real Python: the seed's six code blocks, every built-in lesson
and every ``tests/cases/*.py``.

Each script runs twice: once in real Python + PyTorch (one ``sys.executable`` subprocess
that runs every script in turn with ``runpy``, ``torch.manual_seed(0)`` before each, like
the interpreter does) and once through ``run_script``. Their stdout must be equal once
object addresses are masked. Scripts that raise in real Python must fail in the
interpreter at the same line with the same exception type and message (and, through the
CLI, write ``SCRIPT.py:LINE:COL: TypeName: message`` to stderr and exit 1). Scripts that
warn must show the same warning in ``RunResult.chunks``.

A case may declare what real Python does, so that a broken case cannot pass silently::

    # expect-error: RuntimeError
    # expect-warning: <a substring of the warning's message>

A built-in lesson written as full Python (``PYTHON_MODE_LESSONS``) must be refused by the
interpreter at the line that needs Python mode; it is then run in Python mode, as the
window runs lessons, and compared with real Python the same way.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from playground.core.errors import ScriptFailed, ScriptRefused
from playground.core.runner import run_script
from playground.kernel.python_mode import run_python
from playground.resources import example_scripts
from tests.conftest import PYTHON_MODE_LESSONS, SEED_DIR, assert_refused_for_python_mode

CASES_DIR = Path(__file__).resolve().parent.parent / "cases"
ADDRESS = re.compile(r"0x[0-9a-fA-F]+")

#: Runs each script given on the command line in real Python, in this one process, and
#: writes a JSON list: stdout, the error (type, message, line, col) and warnings.
REFERENCE_RUNNER = r"""
import contextlib, io, json, sys, traceback, types, warnings
import torch

results = []
grad_enabled = sys.argv[2] == "grad"
for path in sys.argv[3:]:
    torch.manual_seed(0)
    torch.set_grad_enabled(True)
    out = io.StringIO()
    error = None
    scope = {"__name__": "__main__", "__file__": path}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            code = compile(open(path).read(), path, "exec")
            with contextlib.redirect_stdout(out), torch.set_grad_enabled(grad_enabled):
                exec(code, scope)
        except SyntaxError as exc:  # the compiler's: nothing ran
            error = {"type": "SyntaxError", "message": exc.msg, "line": exc.lineno, "col": exc.offset}
        except Exception as exc:
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == path]
            last = frames[-1]
            error = {
                "type": type(exc).__name__,
                "printed_type": traceback.format_exception_only(exc)[-1].partition(":")[0],
                "message": str(exc),
                "line": last.lineno,
                "col": last.colno,
                "end_col": last.end_colno,
            }
    torch.set_grad_enabled(True)
    results.append(
        {
            "path": path,
            "stdout": out.getvalue(),
            "error": error,
            "warnings": [str(w.message) for w in caught],
            "names": {
                k: repr(v) for k, v in scope.items()
                if not k.startswith("__") and not isinstance(v, types.ModuleType)
            },
        }
    )
with open(sys.argv[1], "w") as fh:
    json.dump(results, fh)
"""


SEED_LESSONS = sorted(SEED_DIR.glob("lesson*.py"))
PYTHON_MODE_PATHS = [p for p in example_scripts() if p.name in PYTHON_MODE_LESSONS]


def _scripts() -> list[Path]:
    return [*SEED_LESSONS, *example_scripts(), *sorted(CASES_DIR.glob("*.py"))]


SCRIPTS = _scripts()


def run_ours(path: Path, *, grad_enabled: bool = True):
    """``run_script`` of ``path``; a lesson written as full Python must be refused there
    (at its line) and is run in Python mode instead."""
    source = path.read_text()
    result = run_script(source, grad_enabled=grad_enabled)
    if path in PYTHON_MODE_PATHS:
        assert_refused_for_python_mode(result.error, source)
        assert result.statements_run == 0 and result.stdout == ""
        result, _globals = run_python(source, grad_enabled=grad_enabled)
    return result


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def mask(text: str) -> str:
    """Replace object addresses (``0x7f...``), which differ between runs."""
    return ADDRESS.sub("0xADDR", text)


def declared(source: str, key: str) -> list[str]:
    """Values of ``# key: value`` header comments of a case."""
    return [m.group(1).strip() for m in re.finditer(rf"^# {key}:(.*)$", source, re.M)]


def _run_reference(tmp_path_factory, mode: str) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("reference") / f"reference-{mode}.json"
    proc = subprocess.run(
        [sys.executable, "-c", REFERENCE_RUNNER, str(out), mode, *map(str, SCRIPTS)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return {r["path"]: r for r in json.loads(out.read_text())}


def assert_same_error(error, expected: dict | None, *, python_mode: bool = False) -> None:
    """The interpreter's error is Python's: same type, message and line; a file Python's
    compiler rejects (SyntaxError, nothing runs) is refused at that line. Python mode
    names the type as Python's traceback prints it (``torch.autograd.gradcheck.X``)."""
    if expected is None:
        assert error is None, error
    elif expected["type"] == "SyntaxError":
        assert isinstance(error, ScriptRefused), error
        assert error.line == expected["line"] and expected["message"] in error.message, error
    else:
        assert isinstance(error, ScriptFailed), error
        assert (error.exc_type, error.message, error.line) == (
            expected["printed_type" if python_mode else "type"],
            expected["message"],
            expected["line"],
        )


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, dict]:
    """What real Python + PyTorch does with every script (one subprocess for all)."""
    return _run_reference(tmp_path_factory, "grad")


@pytest.fixture(scope="module")
def reference_no_grad(tmp_path_factory) -> dict[str, dict]:
    """The same, with each whole script run under ``torch.no_grad()``."""
    return _run_reference(tmp_path_factory, "no_grad")


def test_there_are_many_cases():
    """The seed's six code blocks, at least twelve lessons (issue 12) and at least sixty
    cases of our own; the full-Python lessons named are built-in lessons."""
    assert len(SEED_LESSONS) == 6
    assert len(example_scripts()) >= 12
    assert len(PYTHON_MODE_PATHS) == len(PYTHON_MODE_LESSONS)
    assert len(list(CASES_DIR.glob("*.py"))) >= 60


@pytest.mark.parametrize("path", SCRIPTS, ids=_id)
def test_case_declares_what_python_does(path, reference):
    """The case's header says whether real Python raises or warns, and it does."""
    source = path.read_text()
    ref = reference[str(path)]
    expected_errors = declared(source, "expect-error")
    if expected_errors:
        assert ref["error"] is not None, "real Python did not raise"
        assert ref["error"]["type"] == expected_errors[0]
    else:
        assert ref["error"] is None, f"real Python raised {ref['error']}"
    for text in declared(source, "expect-warning"):
        assert any(text in w for w in ref["warnings"]), ref["warnings"]


@pytest.mark.parametrize("path", SCRIPTS, ids=_id)
def test_interpreter_matches_python(path, reference):
    """Same stdout (addresses masked), same error at the same line, same warnings."""
    ref = reference[str(path)]
    source = path.read_text()
    result = run_ours(path)
    assert torch.is_grad_enabled() and not torch.is_inference_mode_enabled(), "grad mode leaked"
    assert mask(result.stdout) == mask(ref["stdout"])
    printed = "".join(c.text for c in result.chunks if c.kind == "stdout")
    assert mask(printed) == mask(ref["stdout"])
    assert_same_error(result.error, ref["error"], python_mode=path in PYTHON_MODE_PATHS)
    if result.error is not None:
        line_text = source.splitlines()[result.error.line - 1]
        assert result.error.col is not None and 1 <= result.error.col <= len(line_text)
    warnings_seen = "\n".join(c.text for c in result.chunks if c.kind == "warning")
    for text in declared(source, "expect-warning"):
        assert text in warnings_seen, [c for c in result.chunks if c.kind == "warning"]


@pytest.mark.parametrize("path", SCRIPTS, ids=_id)
def test_grad_switch_off_matches_python_under_no_grad(path, reference_no_grad):
    """``run_script(grad_enabled=False)`` (the window's grad switch) behaves like Python
    running the whole script inside ``with torch.no_grad():``."""
    ref = reference_no_grad[str(path)]
    result = run_ours(path, grad_enabled=False)
    assert torch.is_grad_enabled(), "grad mode leaked"
    assert mask(result.stdout) == mask(ref["stdout"])
    assert_same_error(result.error, ref["error"], python_mode=path in PYTHON_MODE_PATHS)


@pytest.mark.parametrize("path", SCRIPTS, ids=_id)
def test_variables_match_python(path, reference):
    """The variables left behind (also after an error) are those of Python, with equal
    values: what the window's tensor table and graph show is what Python would hold."""
    names = reference[str(path)]["names"]
    result = run_ours(path)
    namespace = dict(result.namespace)
    if path in PYTHON_MODE_PATHS:
        # Python mode also lists a module's parameters by their dotted path (model.bias).
        for key in [k for k in namespace if "." in k]:
            owner, *attrs = key.split(".")
            assert namespace.pop(key) is functools.reduce(getattr, attrs, namespace[owner])
    ours = {k: mask(repr(v)) for k, v in namespace.items()}
    assert sorted(ours) == sorted(names)
    for name, value in names.items():
        assert ours[name] == mask(value), name


ERROR_CASES = [p for p in SCRIPTS if declared(p.read_text(), "expect-error")]


@pytest.mark.parametrize("path", ERROR_CASES, ids=_id)
def test_cli_reports_script_errors(path, reference, capsys):
    """``gradient-playground run``: stdout up to the error, one stderr line, exit 1 (exit 2
    and nothing run when Python's compiler rejects the file)."""
    from playground.cli import main

    ref = reference[str(path)]
    code = main(["run", "--restricted", str(path)])
    captured = capsys.readouterr()
    error = ref["error"]
    compile_error = error["type"] == "SyntaxError"
    assert code == (2 if compile_error else 1)
    assert mask(captured.out) == mask(ref["stdout"])
    first_line = error["message"].splitlines()[0] if error["message"] else ""
    kind = "" if compile_error else f"{error['type']}: "
    pattern = rf"{re.escape(str(path))}:{error['line']}:\d+: {kind}"
    assert re.match(pattern, captured.err), captured.err
    assert first_line in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    "path",
    [p for p in SCRIPTS if not declared(p.read_text(), "expect-error")][::7] + PYTHON_MODE_PATHS,
    ids=_id,
)
def test_cli_prints_what_python_prints(path, reference, capsys):
    """A sample of the passing scripts through the CLI in-process: exit 0, same stdout
    (``--restricted``, but full-Python lessons as Python)."""
    from playground.cli import main

    restricted = [] if path in PYTHON_MODE_PATHS else ["--restricted"]
    code = main(["run", *restricted, str(path)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert mask(captured.out) == mask(reference[str(path)]["stdout"])


@pytest.mark.slow
@pytest.mark.parametrize(
    "path",
    [SEED_DIR / "lesson3.py", CASES_DIR / "err_backward_twice.py"],
    ids=_id,
)
def test_cli_subprocess_matches_python_subprocess(path):
    """The real commands side by side: ``python SCRIPT.py`` vs ``python -m playground run``."""
    python = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=120
    )
    ours = subprocess.run(
        [sys.executable, "-m", "playground", "run", "--restricted", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert mask(ours.stdout) == mask(python.stdout)
    assert ours.returncode == (1 if python.returncode else 0)
    if python.returncode:
        last = python.stderr.strip().splitlines()[-1]
        exc_type, _, message = last.partition(": ")
        line = re.findall(rf'File "{re.escape(str(path))}", line (\d+)', python.stderr)[-1]
        assert re.match(rf"{re.escape(str(path))}:{line}:\d+: {exc_type}: ", ours.stderr)
        assert ours.stderr.count("\n") == 1, ours.stderr
        assert "Traceback" not in ours.stderr


#: name -> (file bytes, what ``python FILE`` prints): files as editors save them.
FILE_FORMS = {
    "empty": (b"", ""),
    "utf8_bom": (b'\xef\xbb\xbfimport torch\nprint("bom", torch.ones(1))\n', "bom tensor([1.])\n"),
    "crlf": (b"import torch\r\nx = torch.ones(2)\r\nprint(x)\r\n", "tensor([1., 1.])\n"),
    "shebang": (b'#!/usr/bin/env python\nimport torch\nprint("shebang")\n', "shebang\n"),
    "tabs": (b"import torch\nif True:\n\tx = 1\n\tprint(x)\n", "1\n"),
    "no_final_newline": (b'import torch\nprint("end")', "end\n"),
    "unicode": ('import torch\nprint("∂L/∂x = ", 1.5)\n'.encode(), "∂L/∂x =  1.5\n"),
    "pep263_latin1": (b'# -*- coding: latin-1 -*-\nimport torch\nprint("caf\xe9")\n', "café\n"),
}


@pytest.mark.parametrize("name", list(FILE_FORMS))
def test_cli_reads_files_like_python(name, tmp_path, capsys):
    """BOM, CRLF, shebang, tabs, no final newline, non-ASCII, a PEP 263 coding declaration:
    the CLI prints what Python does."""
    from playground.cli import main

    content, printed = FILE_FORMS[name]
    script = tmp_path / "script.py"
    script.write_bytes(content)
    code = main(["run", "--restricted", str(script)])
    captured = capsys.readouterr()
    assert (code, captured.out, captured.err) == (0, printed, "")


@pytest.mark.parametrize("name", ["missing", "directory", "invalid_utf8"])
def test_cli_unreadable_script_exit_2(name, tmp_path, capsys):
    """A script that cannot be read is one stderr line naming it, exit 2, no traceback."""
    from playground.cli import main

    script = tmp_path / "script.py"
    if name == "directory":
        script.mkdir()
    elif name == "invalid_utf8":
        script.write_bytes(b'import torch\nprint("\xff\xfe")\n')
    code = main(["run", "--restricted", str(script)])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert captured.err.startswith(str(script)) and captured.err.count("\n") == 1
    assert "Traceback" not in captured.err


def test_warnings_interleave_with_output_at_their_line():
    """A warning sits between the prints around it, tagged with its statement's line, and is
    named like Python names it (``UserWarning: ...``); it never reaches stdout."""
    source = (
        "import torch\n"
        "x = torch.ones(2, requires_grad=True)\n"
        'print("a")\n'
        "y = x * 2\n"
        "g = y.grad\n"
        'print("b", g)\n'
    )
    result = run_script(source)
    kinds = [(c.kind, c.line) for c in result.chunks]
    assert kinds == [("stdout", 3), ("warning", 5), ("stdout", 6)]
    assert result.chunks[1].text.startswith("UserWarning: The .grad attribute of a Tensor")
    assert result.stdout == "a\nb None\n"
