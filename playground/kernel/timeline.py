"""The forward timeline: the tensors and the autograd graph after each top-level statement.

Python mode tells :class:`Timeline` of every top-level statement after it ran (a loop at
top level is one statement). It records then, as bounded plain data like the state
message's, which named tensors exist (the Tensors panel's rows) and the autograd graph
of those tensors at that moment, so the window can replay the forward pass.

Bounded: at most :data:`MAX_STATEMENTS` statements, :data:`MAX_BYTES` bytes of encoded
snapshots and :data:`MAX_SECONDS` seconds spent recording; past any of them nothing
more is recorded and the message says where it stopped and why.
"""

from __future__ import annotations

import ast
import time
from typing import Any

import torch

from playground.core.graph import extract_graph
from playground.kernel.names import user_namespace
from playground.kernel.python_mode import static_assignments
from playground.kernel.snapshot import cap_graph, tensor_view
from playground.protocol import codec
from playground.protocol.views import TensorView, graph_to_wire, tensor_to_wire

#: Most statements recorded.
MAX_STATEMENTS = 300
#: Most bytes of encoded snapshots kept.
MAX_BYTES = 4 << 20
#: Most seconds spent taking snapshots in one run.
MAX_SECONDS = 3.0
#: Most graph nodes per statement (nearest the named tensors first).
MAX_NODES = 300
#: Most tensor rows per statement.
MAX_TENSORS = 200
#: Longest statement text kept (its first line).
TEXT_CHARS = 120
#: Why the recording stopped early.
LIMITS = ("statements", "bytes", "time", "error")


class Timeline:
    """Snapshots of the script's tensors and graph after each top-level statement."""

    def __init__(
        self,
        source: str,
        *,
        max_statements: int = MAX_STATEMENTS,
        max_bytes: int = MAX_BYTES,
        max_seconds: float = MAX_SECONDS,
    ) -> None:
        self.source = source
        self.lines = source.splitlines()
        self.max_statements = max_statements
        self.max_bytes = max_bytes
        self.max_seconds = max_seconds
        #: The recorded snapshots (plain data), in order of execution.
        self.entries: list[dict[str, Any]] = []
        #: Top-level statements that ran (recorded or not).
        self.executed = 0
        #: Why recording stopped (one of :data:`LIMITS`), or ``None``.
        self.limit: str | None = None
        self.bytes = 0
        self.seconds = 0.0
        self._no_grad: frozenset[str] | None = None

    def record(self, stmt: ast.stmt, globals_: dict[str, Any], raised: bool = False) -> None:
        """Take the snapshot after ``stmt`` (a ``python_mode`` statement observer)."""
        self.executed += 1
        if self.limit is not None:
            return
        if len(self.entries) >= self.max_statements:
            self.limit = "statements"
            return
        started = time.perf_counter()
        try:
            # Our own tensor calls must not reach the script's torch-function modes or
            # tensor subclasses (nor the line tagger).
            with torch._C.DisableTorchFunction():
                entry = self._entry(stmt, globals_, raised)
            size = len(codec.encode({"op": "timeline_entry", "entry": entry}))
        except Exception:  # noqa: BLE001 - a snapshot that fails ends the timeline, not the run
            self.limit = "error"
            return
        self.seconds += time.perf_counter() - started
        if self.bytes + size > self.max_bytes:
            self.limit = "bytes"
            return
        self.entries.append(entry)
        self.bytes += size
        if self.seconds > self.max_seconds:
            self.limit = "time"

    def message(self, mode: str = "python") -> dict[str, Any]:
        """The ``timeline`` message for the window."""
        return {
            "op": "timeline",
            "source": self.source,
            "mode": mode,
            "entries": self.entries,
            "executed": self.executed,
            "limit": self.limit,
        }

    # ------------------------------------------------------------------ internals
    def _no_grad_names(self) -> frozenset[str]:
        if self._no_grad is None:
            try:
                found = static_assignments(ast.parse(self.source))
            except (SyntaxError, ValueError):
                found = {}
            self._no_grad = frozenset(n for n, a in found.items() if not a.grad_enabled)
        return self._no_grad

    def _text(self, stmt: ast.stmt) -> str:
        line = self.lines[stmt.lineno - 1] if 0 < stmt.lineno <= len(self.lines) else ""
        text = line[stmt.col_offset :].strip() if stmt.col_offset < len(line) else line.strip()
        return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "…"

    def _entry(self, stmt: ast.stmt, globals_: dict[str, Any], raised: bool) -> dict[str, Any]:
        namespace = user_namespace(globals_)
        tensors = {k: v for k, v in namespace.items() if isinstance(v, torch.Tensor)}
        tensors = dict(list(tensors.items())[:MAX_TENSORS])
        no_grad = [n for n in tensors if n in self._no_grad_names()]
        # No saved tensors: reading one runs the script's saved_tensors_hooks (its own code).
        graph = extract_graph(tensors, saved_tensors=False, no_grad_names=no_grad, copies=False)
        graph, total = cap_graph(graph, MAX_NODES)
        cache: dict[tuple[int, bool], TensorView] = {}

        def view(value: Any) -> TensorView | None:
            return tensor_view(value, cache=cache)

        return {
            "index": self.executed,
            "line": stmt.lineno,
            "end_line": stmt.end_lineno or stmt.lineno,
            "text": self._text(stmt),
            "raised": raised,
            "tensors": [[name, tensor_to_wire(view(t))] for name, t in tensors.items()],
            "graph": graph_to_wire(graph, view),
            "graph_total": total,
        }


def unavailable_message(source: str, mode: str) -> dict[str, Any]:
    """The ``timeline`` message of a run that recorded none (the restricted mode)."""
    return {
        "op": "timeline",
        "source": source,
        "mode": mode,
        "entries": [],
        "executed": 0,
        "limit": None,
    }
