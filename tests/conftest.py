"""Test-wide setup: headless Qt, isolated settings and user folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Must happen before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
# The seed's six code blocks and exactly what PyTorch 2.13 prints for each (copied from
# shared/seed/expected so that a clone anywhere has them).
SEED_DIR = REPO_ROOT / "tests" / "seed"
EXAMPLES_DIR = REPO_ROOT / "resources" / "examples"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Point QSettings/recovery folders at a temp dir so tests never touch the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("GRADIENT_PLAYGROUND_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    yield


@pytest.fixture
def python_exe() -> str:
    """The interpreter running the tests (for comparisons with real Python)."""
    return sys.executable
