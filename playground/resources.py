"""Find bundled resources (examples, icons, translations) from source and from a bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: next to the package in a checkout, or inside a
    PyInstaller bundle (``sys._MEIPASS``)."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root is not None:
        return Path(bundle_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def examples_dir() -> Path:
    """Folder of the built-in lessons (``*.py``)."""
    return resources_dir() / "examples"


def example_scripts() -> list[Path]:
    """The built-in lessons, sorted by file name."""
    return sorted(examples_dir().glob("*.py"))


def icon_path(name: str = "gradient-playground.svg") -> Path:
    """Path of an icon file in ``resources/icons``."""
    return resources_dir() / "icons" / name


def welcome_script() -> str:
    """The script shown when the app starts without a file (the seed's gradient example,
    with what to click); it is the kernel's to run, the window only shows its text."""
    return (resources_dir() / "welcome" / "welcome.py").read_text(encoding="utf-8")


def help_page(name: str = "language") -> str:
    """The Markdown text of the help page ``resources/help/NAME.md`` (Help menu)."""
    return (resources_dir() / "help" / f"{name}.md").read_text(encoding="utf-8")
