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
import weakref
from typing import Any

import numpy as np
import torch

from playground.core.graph import extract_graph
from playground.kernel.names import user_namespace
from playground.kernel.python_mode import static_assignments
from playground.kernel.snapshot import TextBudget, cap_graph, tensor_view
from playground.protocol import codec
from playground.protocol.views import TensorView, graph_to_wire, tensor_to_wire

#: Most statements recorded.
MAX_STATEMENTS = 300
#: Most bytes of encoded snapshots kept.
MAX_BYTES = 4 << 20
#: Most seconds spent taking snapshots in one run.
MAX_SECONDS = 1.0
#: Most graph nodes per statement (nearest the named tensors first).
MAX_NODES = 300
#: Most tensor rows per statement.
MAX_TENSORS = 200
#: Longest statement text kept (its first line).
TEXT_CHARS = 120
#: PyTorch texts (``repr``) made for the whole timeline; past it a tensor's text is its
#: one-line summary (a repr takes milliseconds, and a view is reused while unchanged).
MAX_TEXTS = 100
#: Why the recording stopped early.
LIMITS = ("statements", "bytes", "time", "error")


class ReusedViews:
    """Tensor views reused from one statement to the next while the tensor is unchanged:
    the same object (a weak reference, so no tensor lives longer), the same version,
    flags, ``.grad`` and values. Only tensors whose values travel are reused (their
    values are compared: ``x.data`` edits do not bump the version)."""

    def __init__(self) -> None:
        self.texts = TextBudget(MAX_TEXTS)
        self._seen: dict[int, tuple[weakref.ref, tuple, Any, TensorView]] = {}

    def view(self, t: Any) -> TensorView | None:
        """The view of ``t`` (``None`` for anything but a tensor)."""
        if not isinstance(t, torch.Tensor):
            return None
        grad = t.grad if t.is_leaf or t.retains_grad else None
        key = _flags(t)
        found = self._seen.get(id(t))
        if found is not None:
            ref, old_key, old_grad, view = found
            if (
                ref() is t
                and old_key == key
                and _same(view, t)
                and _same_grad(view, old_grad, grad)
            ):
                return view
        view = tensor_view(t, texts=self.texts)
        if view is not None and view.values is not None:
            try:
                grad_ref = weakref.ref(grad) if grad is not None else None
                self._seen[id(t)] = (weakref.ref(t), key, grad_ref, view)
            except TypeError:
                pass  # a tensor without weak references is simply not reused
        return view


def _flags(t: torch.Tensor) -> tuple:
    grad_fn = t.grad_fn
    return (
        int(t._version),
        bool(t.requires_grad),
        bool(t.is_leaf),
        bool(t.retains_grad),
        None if grad_fn is None else id(grad_fn),
        tuple(t.shape),
        t.dtype,
    )


def _same(view: TensorView, t: torch.Tensor) -> bool:
    """Whether ``t`` still holds the values ``view`` carries."""
    try:
        values = t.detach().resolve_conj().resolve_neg().numpy()
    except (RuntimeError, TypeError):
        return False
    return view.values is not None and np.array_equal(values, view.values, equal_nan=True)


def _same_grad(view: TensorView, old: Any, grad: torch.Tensor | None) -> bool:
    if grad is None or old is None:
        return grad is None and old is None and view.grad is None
    if old() is not grad or view.grad is None or view.grad.version != int(grad._version):
        return False
    return _same(view.grad, grad)


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
        self._views = ReusedViews()
        #: Every tensor view sent once (entries refer to them by index), and the index
        #: of each view object (kept alive, so an ``id`` is never reused).
        self.views: list[dict[str, Any]] = []
        self._index: dict[int, int] = {}
        self._kept: list[TensorView] = []
        self._new_bytes = 0

    def record(self, stmt: ast.stmt, globals_: dict[str, Any], raised: bool = False) -> None:
        """Take the snapshot after ``stmt`` (a ``python_mode`` statement observer)."""
        self.executed += 1
        if self.limit is not None:
            return
        if len(self.entries) >= self.max_statements:
            self.limit = "statements"
            return
        started = time.perf_counter()
        views = len(self.views)
        self._new_bytes = 0
        try:
            # Our own tensor calls must not reach the script's torch-function modes or
            # tensor subclasses (nor the line tagger).
            with torch._C.DisableTorchFunction():
                entry = self._entry(stmt, globals_, raised)
            size = self._new_bytes + len(codec.encode({"op": "timeline_entry", "entry": entry}))
        except Exception:  # noqa: BLE001 - a snapshot that fails ends the timeline, not the run
            self.limit = "error"
            return
        finally:
            self.seconds += time.perf_counter() - started
        if self.bytes + size > self.max_bytes:
            self.limit = "bytes"
            del self.views[views:]  # only this entry referred to them
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
            "views": self.views,
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

    def _ref(self, value: Any) -> int | None:
        """The index of ``value``'s view in :attr:`views` (added when new)."""
        view = self._views.view(value)
        if view is None:
            return None
        index = self._index.get(id(view))
        if index is None or index >= len(self.views):
            wire = tensor_to_wire(view)
            self._new_bytes += len(codec.encode({"op": "view", "view": wire}))
            index = self._index[id(view)] = len(self.views)
            self.views.append(wire)
            self._kept.append(view)
        return index

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
        view = self._ref
        wire = graph_to_wire(graph, lambda _value: None)
        for raw, node in zip(wire["nodes"], graph.nodes, strict=True):
            raw["value"], raw["grad"] = view(node.value), view(node.grad)
        return {
            "index": self.executed,
            "line": stmt.lineno,
            "end_line": stmt.end_lineno or stmt.lineno,
            "text": self._text(stmt),
            "raised": raised,
            "tensors": [[name, view(t)] for name, t in tensors.items()],
            "graph": wire,
            "graph_total": total,
        }


def unavailable_message(source: str, mode: str) -> dict[str, Any]:
    """The ``timeline`` message of a run that recorded none (the restricted mode)."""
    return {
        "op": "timeline",
        "source": source,
        "mode": mode,
        "views": [],
        "entries": [],
        "executed": 0,
        "limit": None,
    }
