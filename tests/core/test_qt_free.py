"""The core never imports Qt: every module of playground.core imports and runs with
PySide6 and pyqtgraph made unimportable (the napari rule, checked headless)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO_ROOT, SEED_DIR

BLOCKED_IMPORT = r"""
import importlib, pkgutil, sys
for blocked in ("PySide6", "shiboken6", "pyqtgraph"):
    sys.modules[blocked] = None  # any import of them now raises ImportError
import playground.core
names = sorted(m.name for m in pkgutil.iter_modules(playground.core.__path__))
for name in names:
    importlib.import_module(f"playground.core.{name}")
from playground.core.session import Session
session = Session()
run = session.run(open(sys.argv[1]).read())
session.adopt(run)
assert session.backward("out2") is None
import playground.cli.run
print(len(names), run.result.stdout.count("tensor"), session.current.history.count)
"""


def test_core_imports_and_runs_without_qt():
    lesson3 = SEED_DIR / "lesson3.py"  # the seed's block, with its two backward calls
    proc = subprocess.run(
        [sys.executable, "-c", BLOCKED_IMPORT, str(lesson3)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    modules, tensors_printed, backward_runs = map(int, proc.stdout.split())
    assert modules >= 15
    assert tensors_printed == (SEED_DIR / "lesson3.out").read_text().count("tensor")  # four
    assert backward_runs == 3  # two in the script, one from the session
