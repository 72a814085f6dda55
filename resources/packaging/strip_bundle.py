"""Strip debug symbols from the big shared libraries of a built bundle.

``python resources/packaging/strip_bundle.py dist/gradient-playground`` runs
``strip --strip-unneeded`` on torch's and Qt's libraries (``torch/``, ``PySide6/`` with Qt and
its plugins, ``shiboken6/``), igraph's extension module and Python's own ``libpython`` and
``lib-dynload`` modules (those last two ship with debug info: ~30 MB), then prints the bundle's
size.  Nothing else is touched: stripping numpy's OpenBLAS breaks it ("ELF load command
address/offset not page-aligned"), so ``numpy``, ``numpy.libs`` and ``igraph.libs`` (libraries
rewritten by auditwheel) are left alone.  Running it twice is harmless.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

#: Glob patterns (inside the bundle's ``_internal``) of the libraries that are stripped.
STRIP_PATTERNS = (
    "torch/**/*.so*",
    "PySide6/**/*.so*",
    "shiboken6/**/*.so*",
    "igraph/*.so",
    "python3*/lib-dynload/*.so",
    "libpython3*.so*",
)


def internal_dir(bundle: Path) -> Path:
    """The folder holding the collected files (``_internal`` since PyInstaller 6)."""
    inner = bundle / "_internal"
    return inner if inner.is_dir() else bundle


def libraries_to_strip(bundle: Path) -> Iterator[Path]:
    """The libraries :data:`STRIP_PATTERNS` names in *bundle* (ELF files, not symlinks)."""
    root = internal_dir(bundle)
    seen: set[Path] = set()
    for pattern in STRIP_PATTERNS:
        for path in sorted(root.glob(pattern)):
            if path not in seen and path.is_file() and not path.is_symlink() and is_elf(path):
                seen.add(path)
                yield path


def is_elf(path: Path) -> bool:
    """Whether *path* starts with the ELF magic number."""
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def tree_size(path: Path) -> int:
    """Bytes used by the regular files under *path* (symlinks not followed)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def strip_bundle(bundle: Path, strip: str = "strip") -> tuple[int, int, int]:
    """Strip the libraries; returns ``(libraries stripped, bytes before, bytes after)``."""
    before = tree_size(bundle)
    libraries = list(libraries_to_strip(bundle))
    for library in libraries:
        subprocess.run([strip, "--strip-unneeded", str(library)], check=True)
    return len(libraries), before, tree_size(bundle)


def main(argv: list[str]) -> int:
    """Command line: ``strip_bundle.py BUNDLE_DIR``."""
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: strip_bundle.py BUNDLE_DIR", file=sys.stderr)
        return 2
    strip = shutil.which("strip")
    if strip is None:
        print("strip_bundle: `strip` (binutils) not found; bundle left unstripped", file=sys.stderr)
        return 1
    count, before, after = strip_bundle(Path(argv[0]), strip)
    mib = 1024 * 1024
    print(
        f"strip_bundle: stripped {count} libraries: {before / mib:.0f} MiB -> {after / mib:.0f} MiB "
        f"({argv[0]})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
