"""Gradient Playground: learn and debug PyTorch autograd by doing.

The package is split in two:

* :mod:`playground.core` is Qt-free: the safe interpreter, graph extraction and
  layout, run history and file formats. It imports and runs without PySide6.
* :mod:`playground.ui` holds every Qt/pyqtgraph class; it only orchestrates and draws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QMainWindow


def main_window(script: str = "", *, restricted: bool = False) -> QMainWindow:
    """Build (without showing) a fully wired main window with *script* loaded and run.

    This is the automation contract used by the tests and by users' own scripts; a
    ``QApplication`` must exist before calling it. The script runs in Python mode, like
    typed code; ``restricted=True`` runs it in the restricted subset. The first run is
    synchronous: it waits for the kernel.
    """
    from playground.ui.main_window import build_main_window

    return build_main_window(script, restricted=restricted)
