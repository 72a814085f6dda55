"""Security holes found by the attack suite, still open: these tests FAIL until fixed.

Fixed ones move into ``test_security.py`` (15 bombs, ``import torch.nn``, the
unencodable-output CLI crash and the long-graph segfault, found here first, are there now).
"""

from __future__ import annotations

import gc
import weakref

from playground.core.errors import ScriptFailed
from playground.core.runner import run_script


def test_failed_run_is_freed_without_the_cycle_collector():
    """A run that ends in an error keeps all its tensors alive after its ``RunResult`` is
    dropped, until the cycle collector happens to run (the error's traceback holds the
    interpreter's frames, which hold the namespace). In the window, the next run can then
    allocate a second memory budget on top (a bomb sequence here peaked at 1.9 GB). A run
    that ends normally is freed at once."""
    ok = run_script("import torch\nx = torch.ones(1000)\n")
    failed = run_script("import torch\nx = torch.ones(1000)\ny = 1 / 0\n")
    assert ok.error is None and isinstance(failed.error, ScriptFailed)
    refs = [weakref.ref(ok.namespace["x"]), weakref.ref(failed.namespace["x"])]
    gc.disable()
    try:
        del ok, failed
        alive = [ref() is not None for ref in refs]
    finally:
        gc.enable()
    assert alive == [False, False]
