"""What goes into the PyInstaller bundle: our data files, and the torch files left out.

Imported by ``gradient-playground.spec`` (and by ``tests/test_packaging.py``). The filters
are measured facts (see docs/packaging.md): without them the bundle is ~1.3 GB because
``libtorch_cpu.so`` is collected twice and torch's C++ tests, headers and tools come along.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

#: Name of the bundle folder, its executable and the desktop entry.
NAME = "gradient-playground"
#: Folders of ``resources/`` shipped in the bundle (when they exist).
RESOURCE_FOLDERS = ("examples", "icons", "translations")
#: Libraries that torch keeps in ``torch/lib``; a second copy at the top level is waste.
TORCH_LIB_PREFIXES = ("libtorch", "libc10", "libshm")
#: C++ test libraries shipped inside the torch wheel.
TORCH_TEST_LIBS = frozenset(
    {
        "libjitbackend_test.so",
        "libtorchbind_test.so",
        "libbackend_with_compiler.so",
        "libaoti_custom_ops.so",
    }
)
#: ``torch/bin`` is test binaries and protoc, except this tool torch needs at start-up.
TORCH_BIN_KEEP = frozenset({"torch_shm_manager"})
#: Python packages never imported by the app (Python-level excludes save little).
EXCLUDED_MODULES = ("tkinter", "matplotlib", "IPython", "PyQt5", "PyQt6", "PySide2", "pytestqt")


def bundle_datas(repo: Path) -> list[tuple[str, str]]:
    """``(source, destination folder)`` pairs of our own files, under ``resources/``."""
    resources = repo / "resources"
    datas = [
        (str(resources / sub), f"resources/{sub}")
        for sub in RESOURCE_FOLDERS
        if (resources / sub).is_dir()
    ]
    datas.append((str(resources / f"{NAME}.desktop"), "resources"))
    return datas


def drop_reason(dest: str, torch_lib_names: Iterable[str] = ()) -> str | None:
    """Why the bundle entry with destination *dest* is left out (``None`` keeps it)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    name = parts[-1]
    if len(parts) == 1 and name.startswith(TORCH_LIB_PREFIXES) and name in set(torch_lib_names):
        return "top-level duplicate of torch/lib"
    if parts[:2] in (("torch", "test"), ("torch", "include")):
        return "torch tests and C++ headers"
    if parts[:1] == ("torch",) and name in TORCH_TEST_LIBS:
        return "torch test library"
    if parts[:2] == ("torch", "bin") and name not in TORCH_BIN_KEEP:
        return "torch/bin tool"
    if parts[:3] == ("PySide6", "Qt", "translations"):
        return "Qt's own translations (7 MB; the app installs no QTranslator for Qt)"
    return None


def torch_lib_names(toc: Iterable[tuple]) -> set[str]:
    """File names of the entries that land in ``torch/lib``."""
    return {
        PurePosixPath(entry[0]).name
        for entry in toc
        if PurePosixPath(entry[0]).parts[:2] == ("torch", "lib")
    }


def keep(toc: Iterable[tuple], lib_names: Iterable[str]) -> list[tuple]:
    """*toc* (PyInstaller ``(dest, source, kind)`` entries) without the dropped ones."""
    names = set(lib_names)
    return [entry for entry in toc if drop_reason(entry[0], names) is None]
