"""Python mode against Python itself, on a corpus of tutorial-style autograd scripts.

Every script in ``tests/cases_python/`` runs twice: in real CPython (``torch.manual_seed(0)``
first, each in a fresh forked process, so warn-once flags and global state are per
script as with ``python SCRIPT.py``) and through ``gradient-playground run``. stdout, the
exit code and the error line (innermost script line and column, type and message) must
be identical.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "cases_python"
SCRIPTS = sorted(CORPUS.glob("*.py"))

#: Runs each script as ``python SCRIPT.py`` would (seeded), in a fresh fork; prints JSON.
REFERENCE_DRIVER = r"""
import io, json, os, sys, tempfile, traceback
import torch

def qualified(exc):
    kind = type(exc)
    name = kind.__qualname__
    if kind.__module__ not in ("__main__", "builtins"):
        name = f"{kind.__module__}.{name}"
    return name

results = {}
for path in sys.argv[1:]:
    out_fd, out_path = tempfile.mkstemp()
    pid = os.fork()
    if pid == 0:
        os.dup2(out_fd, 1)
        sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8")
        info = {"code": 0, "error": None}
        try:
            source = open(path, encoding="utf-8").read()
            code = compile(source, path, "exec")
            torch.manual_seed(0)
            sys.argv = [path]
            glob = {"__name__": "__main__", "__file__": path}
            exec(code, glob)
        except SystemExit as exc:
            info["code"] = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException as exc:
            info["code"] = 1
            if isinstance(exc, SyntaxError) and exc.filename == path:
                line, col = exc.lineno, exc.offset
                text = f"{qualified(exc)}: {exc.msg}"
            else:
                frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == path]
                line = frames[-1].lineno if frames else None
                col = frames[-1].colno + 1 if frames and frames[-1].colno is not None else None
                text = f"{qualified(exc)}: {exc}"
            info["error"] = {"line": line, "col": col, "text": text}
        sys.stdout.flush()
        with open(out_path + ".json", "w") as fh:
            json.dump(info, fh)
        os._exit(0)
    os.waitpid(pid, 0)
    with open(out_path, encoding="utf-8") as fh:
        stdout = fh.read()
    with open(out_path + ".json") as fh:
        info = json.load(fh)
    info["stdout"] = stdout
    results[path] = info
    os.remove(out_path)
    os.remove(out_path + ".json")
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def reference() -> dict[str, dict]:
    """What real Python does with every script of the corpus."""
    done = subprocess.run(
        [sys.executable, "-c", REFERENCE_DRIVER, *map(str, SCRIPTS)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_corpus_is_large_enough():
    assert len(SCRIPTS) >= 100
    errors = [p for p in SCRIPTS if p.name.startswith("err_")]
    assert len(errors) >= 15


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.stem)
def test_python_mode_is_python(path, reference, run_cli):
    expected = reference[str(path)]
    code, out, err = run_cli(path)
    assert out == expected["stdout"]
    assert code == expected["code"], err
    assert "Traceback" not in err
    error = expected["error"]
    if error is None:
        return
    location = ":".join(str(p) for p in (path, error["line"], error["col"]) if p is not None)
    assert err.endswith(f"{location}: {error['text']}\n"), err[-2000:]


BLOCKED = sorted((CORPUS / "blocked").glob("*.py"))


@pytest.mark.parametrize("path", BLOCKED, ids=lambda p: p.stem)
def test_what_the_sandbox_blocks_fails_with_pythons_exception(path, run_cli):
    """Each script says what it expects (``# expect: PermissionError``): writing outside the
    scratch folder, sockets and processes fail with that exception at their line, exit 1."""
    expected = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")
    code, _out, err = run_cli(path)
    assert code == 1
    last = err.splitlines()[-1]
    assert last.startswith(f"{path}:") and f": {expected}: " in last, last
    assert "Traceback" not in err
