"""Plain data passed from the interpreter to everything else (graph, history, UI).

These are the contracts between the modules; keep them small and Qt-free.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from playground.core.errors import PlaygroundError

#: Key under which the interpreter stores, in ``grad_fn.metadata``, the 1-based
#: script line of the statement that created that backward node.
NODE_LINE_KEY = "playground_line"
#: Key under which Python mode stores the module a backward node was created in:
#: ``"model.0 (Linear)"``.
NODE_MODULE_KEY = "playground_module"


@dataclass(frozen=True)
class Assignment:
    """Where a name was last bound by a top-level or nested assignment statement.

    ``line``/``col`` are 1-based and ``end_line``/``end_col`` are the end of the
    whole statement (``end_col`` exclusive, 1-based like ``col``), so an editor can
    select exactly that statement's text.
    """

    name: str
    line: int
    col: int
    end_line: int
    end_col: int
    #: ``torch.is_grad_enabled()`` when the statement ran (False under ``no_grad``).
    grad_enabled: bool


@dataclass(frozen=True)
class OutputChunk:
    """A piece of the run's output, in the order it was produced."""

    kind: Literal["stdout", "stderr", "warning"]
    text: str
    line: int | None = None


@dataclass(frozen=True)
class BackwardCall:
    """One backward pass: ``t.backward(...)`` / ``torch.autograd.grad(...)`` in the
    script, or a click of the Backward button / one step of Run ×N."""

    kind: Literal["backward", "autograd.grad"]
    #: The tensors differentiated (``outputs``); one for ``t.backward()``.
    roots: tuple[Any, ...]
    #: 1-based script line, or ``None`` for a GUI-driven backward.
    line: int | None
    source: Literal["script", "button", "repeat"]


class BackwardObserver(Protocol):
    """Told around every backward pass the interpreter performs (history, tracing)."""

    def backward_started(self, call: BackwardCall, namespace: Mapping[str, Any]) -> None:
        """Called just before PyTorch's backward runs."""

    def backward_finished(
        self, call: BackwardCall, namespace: Mapping[str, Any], error: BaseException | None
    ) -> None:
        """Called right after it returned (``error`` is what it raised, if anything)."""


@dataclass
class RunResult:
    """Everything one run of a script left behind: live PyTorch objects included."""

    source: str
    #: The user's variables after the run (or up to the failing statement), in
    #: first-assignment order; values are the real objects (tensors, ints, ...).
    namespace: dict[str, Any]
    #: What ``print`` wrote, exactly as Python would write it to stdout.
    stdout: str
    #: stdout and warnings interleaved in order (for the console).
    chunks: list[OutputChunk]
    #: ``None`` when the script ran to the end.
    error: PlaygroundError | None
    #: Last binding statement of each name in ``namespace``.
    assignments: dict[str, Assignment] = field(default_factory=dict)
    statements_run: int = 0
    duration_s: float = 0.0
    #: Whether the whole script ran under ``torch.no_grad()`` (the GUI's grad-mode switch).
    grad_enabled: bool = True

    @property
    def ok(self) -> bool:
        """True when the script ran to the end without an error."""
        return self.error is None

    def tensors(self) -> dict[str, Any]:
        """The tensor-valued variables, in namespace order."""
        torch = sys.modules.get("torch")  # no torch loaded: no tensors (and no import here)
        if torch is None:
            return {}
        return {k: v for k, v in self.namespace.items() if isinstance(v, torch.Tensor)}
