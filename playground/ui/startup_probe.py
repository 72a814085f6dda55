"""Start-up probe: with ``GRADIENT_PLAYGROUND_STARTUP_PROBE=1`` the app prints one line at the
first paint of its window and quits, so a benchmark can time a cold start to a painted window
(``tests/benchmarks/bench_bundle_start.py`` times the bundle against the venv)."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

#: Environment variable that turns the probe on.
PROBE_ENV = "GRADIENT_PLAYGROUND_STARTUP_PROBE"
#: Start of the line printed at the first paint (followed by seconds since process start).
PROBE_LINE = "startup-probe: first paint"

_IMPORTED_AT = time.perf_counter()


def seconds_since_process_start() -> float:
    """Wall time since this process started (Linux: from ``/proc``; elsewhere since this
    module was imported)."""
    try:
        with open("/proc/self/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime
        with open("/proc/uptime", "rb") as fh:
            uptime = float(fh.read().split()[0])
        return max(uptime - started, 0.0)
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _IMPORTED_AT


class _FirstPaint(QObject):
    """Event filter: on the watched window's first paint, print the probe line and quit."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Report the first ``QEvent.Paint`` of the window, then leave the event loop."""
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            elapsed = seconds_since_process_start()
            print(f"{PROBE_LINE} {elapsed:.3f}", file=sys.stdout, flush=True)
            QTimer.singleShot(0, lambda: QApplication.exit(0))
        return False


def requested() -> bool:
    """Whether the probe is turned on in the environment."""
    return os.environ.get(PROBE_ENV, "") not in ("", "0")


def install_if_requested(window: QWidget) -> bool:
    """Watch *window* for its first paint when the probe is on; True if installed."""
    if not requested():
        return False
    window.installEventFilter(_FirstPaint(window))
    return True
