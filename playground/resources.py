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


def help_page(name: str = "language", language: str | None = None) -> str:
    """The Markdown text of the help page ``NAME`` (Help menu) in *language* (default: the
    interface's): ``resources/help/NAME.<language>.md`` when there is one, else the English
    ``resources/help/NAME.md``."""
    folder = resources_dir() / "help"
    code = language or interface_language()
    translated = folder / f"{name}.{code}.md"
    if code != "en" and translated.is_file():
        return translated.read_text(encoding="utf-8")
    return (folder / f"{name}.md").read_text(encoding="utf-8")


def interface_language() -> str:
    """The language code the window shows (``"en"``, ``"zh_CN"``).

    Only ``playground.ui.i18n`` installs a translator, so while it is not imported (the
    CLI, the kernel) the interface is English; importing it from here would make this
    Qt-free module load Qt.
    """
    i18n = sys.modules.get("playground.ui.i18n")
    return i18n.current_language() if i18n is not None else "en"
