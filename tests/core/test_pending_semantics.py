"""Differences from Python found by the differential tests, still open: these FAIL until fixed.

The scripts are in ``tests/cases/pending/`` and are checked exactly like
``tests/cases/*.py`` in ``test_against_python.py`` (same reference runner). When one
passes, move it up into ``tests/cases/``.

* ``err_wrapper_name_*``: an operator applied to a builtin, a torch function, a tensor
  method or a module fails like in Python, but the message names the interpreter's
  wrapper classes (``'Function'``, ``'Method'``, ``'ModuleProxy'``) instead of Python's
  (``'builtin_function_or_method'``, ``'type'``, ``'module'``).
* ``err_repeated_keyword``: ``print(1, 2, sep="", sep="-")`` is a SyntaxError for Python
  (found by ``compile``, not by ``ast.parse``), so nothing runs; the interpreter runs it.
* The CLI ignores a PEP 263 coding declaration (``test_cli_honours_the_coding_declaration``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_against_python import REFERENCE_RUNNER, _id, declared, mask

from playground.core.errors import ScriptFailed, ScriptRefused
from playground.core.runner import run_script

PENDING_DIR = Path(__file__).resolve().parent.parent / "cases" / "pending"
PENDING = sorted(PENDING_DIR.glob("*.py"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, dict]:
    """What real Python does with each pending script."""
    out = tmp_path_factory.mktemp("pending") / "reference.json"
    proc = subprocess.run(
        [sys.executable, "-c", REFERENCE_RUNNER, str(out), "grad", *map(str, PENDING)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return {r["path"]: r for r in json.loads(out.read_text())}


@pytest.mark.parametrize("path", PENDING, ids=_id)
def test_pending_case_matches_python(path, reference):
    """Same stdout, same error type, message and line as Python (or refused, when Python's
    compiler refuses the file)."""
    ref = reference[str(path)]
    source = path.read_text()
    assert ref["error"] and ref["error"]["type"] == declared(source, "expect-error")[0]
    result = run_script(source)
    expected = ref["error"]
    if expected["type"] == "SyntaxError":
        assert isinstance(result.error, ScriptRefused), result.error
        assert result.stdout == "" and result.error.line == expected["line"]
        assert expected["message"] in result.error.message
        return
    assert mask(result.stdout) == mask(ref["stdout"])
    assert isinstance(result.error, ScriptFailed), result.error
    assert (result.error.exc_type, result.error.message, result.error.line) == (
        expected["type"],
        expected["message"],
        expected["line"],
    )


def test_cli_honours_the_coding_declaration(tmp_path, capsys):
    """PEP 263: ``# -*- coding: latin-1 -*-`` makes Python decode the file as Latin-1 and
    print ``café``; the CLI reads UTF-8 only and refuses the file (exit 2)."""
    from playground.cli import main

    script = tmp_path / "latin1.py"
    script.write_bytes(b'# -*- coding: latin-1 -*-\nimport torch\nprint("caf\xe9")\n')
    python = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert python.stdout == "café\n"
    code = main(["run", str(script)])
    captured = capsys.readouterr()
    assert (code, captured.out) == (0, "café\n"), captured.err
