"""Regression: void-returning PySide6 calls must not leak (or over-release) ``None``.

Some PySide6 releases returned ``None`` from void C++ methods without a new
reference; after ~2^31 or fewer calls (much sooner on a debug build) Python aborted
with "deallocating None". The graph and plot panels make hundreds of thousands of
such calls (``QPainterPath.cubicTo`` for edges, ``setPos`` for nodes), so this runs
200,000 of each in a fresh interpreter and checks it exits cleanly with ``None``'s
reference count unchanged.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = r"""
import sys
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QApplication, QGraphicsRectItem

app = QApplication([])
path = QPainterPath()
item = QGraphicsRectItem(0.0, 0.0, 10.0, 10.0)
before = sys.getrefcount(None)
for i in range(200_000):
    path.cubicTo(1.0, 2.0, 3.0, 4.0, float(i), 6.0)
    item.setPos(float(i), 1.0)
    item.setZValue(1.0)
after = sys.getrefcount(None)
assert path.elementCount() == 1 + 3 * 200_000, path.elementCount()
assert item.pos().x() == 199_999.0
print(after - before)
"""


def test_void_calls_keep_none_refcount_and_exit_cleanly():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    drift = int(done.stdout.strip().splitlines()[-1])
    # 600,000 calls: a per-call leak or over-release would move the count by ~600,000.
    assert abs(drift) < 100, f"None refcount drifted by {drift}"
