"""Whether the GUI thread is idle, for Run ×N loops to wait on. Qt- and torch-free.

:data:`GUI_IDLE` is set while the GUI thread sleeps and cleared while it works;
:func:`gui_busy` wraps redraws and paints (the plot panel), and
:class:`playground.ui.repeat_worker.RepeatWorker` connects :func:`on_gui_awake` /
:func:`on_gui_about_to_block` to the GUI thread's event dispatcher.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Set while the GUI thread is idle; cleared while it paints (see :func:`gui_busy`).
#: Run ×N loops wait on it before each run, so the GUI never waits for the GIL.
GUI_IDLE = threading.Event()
GUI_IDLE.set()
_busy_depth = 0


def is_busy() -> bool:
    """Whether a :func:`gui_busy` block is running."""
    return _busy_depth > 0


def on_gui_awake() -> None:
    """The GUI thread woke up (events to handle): hold the loops back."""
    GUI_IDLE.clear()


def on_gui_about_to_block() -> None:
    """The GUI thread is about to sleep: let the loops run again."""
    if _busy_depth == 0:
        GUI_IDLE.set()


@contextmanager
def gui_busy() -> Iterator[None]:
    """Hold Run ×N loops back while the block runs (GUI thread only; re-entrant).

    A worker thread running a tight Python/PyTorch loop takes the GIL back within
    microseconds, so every Python callback of a pyqtgraph paint would wait up to the
    interpreter's switch interval: the window would stall for hundreds of ms. Wrapping
    redraws and paints in this keeps them as fast as with no loop running.
    """
    global _busy_depth
    _busy_depth += 1
    GUI_IDLE.clear()
    try:
        yield
    finally:
        _busy_depth -= 1
        if _busy_depth == 0:
            GUI_IDLE.set()
