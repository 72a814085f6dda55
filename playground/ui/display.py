"""Whether Qt can open a window here."""

from __future__ import annotations

import os
import sys


def has_display() -> bool:
    """Whether Qt can open a window here (a display, or a platform chosen explicitly)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True
