"""Run a script headlessly: check it, interpret it, collect everything it left behind.

:func:`run_script` is what the window, the CLI and the tests call. It never raises
for anything the script does: every problem ends up in ``RunResult.error``.
"""

from __future__ import annotations

import threading
import time
import warnings
from collections.abc import Callable, Sequence

import torch

from playground.core.checker import check_script
from playground.core.errors import ScriptRefused
from playground.core.interpreter import Interpreter
from playground.core.limits import DEFAULT_LIMITS, Limits
from playground.core.result import BackwardObserver, OutputChunk, RunResult

__all__ = ["check_script", "run_script"]


def _seed() -> None:
    """``torch.manual_seed(0)``; on a CPU-only machine straight to the CPU generator
    (``torch.manual_seed`` also queues CUDA seeding, which costs a millisecond)."""
    if torch.cuda.is_available():
        torch.manual_seed(0)
    else:
        torch.default_generator.manual_seed(0)


def run_script(
    source: str,
    *,
    grad_enabled: bool = True,
    observers: Sequence[BackwardObserver] = (),
    cancel: threading.Event | None = None,
    limits: Limits = DEFAULT_LIMITS,
    on_output: Callable[[OutputChunk], None] | None = None,
) -> RunResult:
    """Check and run ``source`` with real PyTorch; return what it printed and built.

    ``torch.manual_seed(0)`` is called first; ``grad_enabled=False`` runs the whole
    script under ``torch.no_grad()``; ``on_output`` is told every output chunk as it is made. Warnings go to ``RunResult.chunks`` (kind
    ``"warning"``), never to ``stdout``. The caller's grad mode is restored afterwards.
    """
    started = time.perf_counter()
    try:
        tree = check_script(source, limits)
    except ScriptRefused as refused:
        return RunResult(
            source=source,
            namespace={},
            stdout="",
            chunks=[],
            error=refused,
            duration_s=time.perf_counter() - started,
            grad_enabled=grad_enabled,
        )
    previous_mode = torch.is_grad_enabled()
    with warnings.catch_warnings(record=True) as log:
        warnings.simplefilter("always")
        interpreter = Interpreter(
            source, limits=limits, observers=observers, cancel=cancel, warning_log=log
        )
        interpreter.output.listener = on_output
        try:
            _seed()
            with torch.set_grad_enabled(grad_enabled):
                error = interpreter.run(tree)
        finally:
            torch.set_grad_enabled(previous_mode)
    namespace = interpreter.user_namespace()
    return RunResult(
        source=source,
        namespace=namespace,
        stdout="".join(interpreter.output.parts),
        chunks=interpreter.output.chunks,
        error=error,
        assignments={k: v for k, v in interpreter.assignments.items() if k in namespace},
        statements_run=interpreter.statements_run,
        duration_s=time.perf_counter() - started,
        grad_enabled=grad_enabled,
    )
