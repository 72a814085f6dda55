"""Live PyTorch state turned into bounded plain data for the window (runs in the kernel).

Nothing unbounded leaves the kernel: a tensor carries its values only up to
:data:`~playground.protocol.views.VALUE_ELEMENTS` elements and PyTorch's text up to
:data:`TEXT_CHARS`; a graph is cut to :data:`MAX_GRAPH_NODES` nodes, nearest the named
tensors first; a tensor with more than :data:`MAX_DIMS` dimensions is described, never
printed or listed (PyTorch's printer recurses per dimension).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from playground.core.errors import ScriptRefused
from playground.core.graph import extract_graph, saved_values, summarize_tensor
from playground.core.graph_model import AutogradGraph, gc_paused, shape_text, summarize_values
from playground.core.history_data import history_to_wire
from playground.core.session import SessionRun, backward_roots, default_root
from playground.protocol.views import (
    VALUE_ELEMENTS,
    TensorView,
    assignments_to_wire,
    chunks_to_wire,
    error_to_wire,
    graph_to_wire,
    tensor_to_wire,
    trace_to_wire,
)

#: Longest PyTorch text kept per tensor (tooltips and the inspector).
TEXT_CHARS = 4000
#: Longest text the inspector may ask for.
FULL_TEXT_CHARS = 200_000
#: Most dimensions a tensor may have to be printed or listed.
MAX_DIMS = 32
#: Most graph nodes sent to the window.
MAX_GRAPH_NODES = 2000
#: Most graph nodes a run may ask for (the ``graph`` command draws whole big graphs).
MAX_GRAPH_NODES_ASKED = 50_000
#: PyTorch texts (``repr``, ~0.6 ms each) and value arrays made per state message: the
#: named tensors come first, then the graph's, then the step-through's gradients. Past
#: them a tensor's text is its one-line summary and its values stay in the kernel (a
#: backward through a 10,000-node chain has ~18,000 gradients, whose reprs took 11 s).
TEXTS_PER_MESSAGE = 300
VALUES_PER_MESSAGE = 4000


class TextBudget:
    """How many more PyTorch texts and value arrays one message may carry."""

    def __init__(self, count: int = TEXTS_PER_MESSAGE, values: int = VALUES_PER_MESSAGE) -> None:
        self.left = count
        self.values_left = values

    def take(self) -> bool:
        """Whether one more text may be made (and count it)."""
        self.left -= 1
        return self.left >= 0

    def take_values(self) -> bool:
        """Whether one more value array may be sent (and count it)."""
        self.values_left -= 1
        return self.values_left >= 0


_PLAIN = {
    torch.bool,
    torch.uint8,
    torch.int8,
    torch.int16,
    torch.int32,
    torch.int64,
    torch.float16,
    torch.float32,
    torch.float64,
    torch.complex64,
    torch.complex128,
}


def _text(t: torch.Tensor, limit: int) -> str:
    if t.dim() > MAX_DIMS:
        shape = ", ".join(str(s) for s in t.shape[:8])
        return f"tensor of {t.dim():,} dimensions (shape ({shape}, …)), not printed"
    try:
        text = repr(t)
    except Exception as exc:  # noqa: BLE001 - e.g. a meta tensor's own printing error
        text = f"<{type(exc).__name__} while printing: {exc}>"
    return text if len(text) <= limit else text[:limit] + "\n…"


def _values(t: torch.Tensor) -> np.ndarray | None:
    if t.numel() > VALUE_ELEMENTS or t.dim() > MAX_DIMS or t.dtype not in _PLAIN:
        return None
    if t.layout != torch.strided or t.device.type != "cpu" or t.is_quantized:
        return None
    try:
        if t.is_complex():
            return t.detach().resolve_conj().resolve_neg().contiguous().numpy().copy()
        return np.array(t.detach().numpy(), copy=True, order="C")
    except (RuntimeError, TypeError):
        return None


def _summary(t: torch.Tensor) -> str:
    if t.dim() > MAX_DIMS or t.device.type != "cpu" or t.layout != torch.strided:
        return shape_text(t.shape[:8])
    try:
        return summarize_tensor(t)
    except (RuntimeError, TypeError) as exc:
        return f"<{type(exc).__name__}>"


def _grad_of(t: torch.Tensor) -> torch.Tensor | None:
    """``.grad`` without PyTorch's non-leaf warning."""
    if t.is_leaf or t.retains_grad:
        return t.grad
    return None


def tensor_view(
    t: Any,
    *,
    with_grad: bool = True,
    cache: dict[tuple[int, bool], TensorView] | None = None,
    texts: TextBudget | None = None,
) -> TensorView | None:
    """A bounded :class:`TensorView` of ``t`` (``None`` for anything but a tensor);
    ``cache`` reuses the view of a tensor already seen in the same message, and
    ``texts`` bounds how many PyTorch texts it makes (the summary stands in past it)."""
    if not isinstance(t, torch.Tensor):
        return None
    if cache is not None:
        key = (id(t), with_grad)
        view = cache.get(key)
        if view is None:
            view = cache[key] = tensor_view(t, with_grad=with_grad, texts=texts)
        return view
    grad = _grad_of(t) if with_grad else None
    values = _values(t) if t.dim() <= 64 else None
    summary = summarize_values(values) or _summary(t)
    text = _text(t, TEXT_CHARS) if texts is None or texts.take() else summary
    if texts is not None and values is not None and not texts.take_values():
        values = None
    try:
        version = int(t._version)
    except (RuntimeError, AttributeError):
        version = 0
    return TensorView(
        shape=tuple(int(s) for s in t.shape[:64]),
        dtype=str(t.dtype).removeprefix("torch."),
        requires_grad=bool(t.requires_grad),
        is_leaf=bool(t.is_leaf),
        grad_fn=None if t.grad_fn is None else type(t.grad_fn).__name__,
        retains_grad=bool(t.retains_grad),
        numel_=int(t.numel()),
        values=values,
        text=text,
        summary=summary,
        grad=(
            tensor_view(grad, with_grad=False, texts=texts)
            if isinstance(grad, torch.Tensor)
            else None
        ),
        version=version,
        is_floating_point_=bool(t.is_floating_point()),
    )


def full_text(t: Any) -> str:
    """PyTorch's text of ``t`` for the inspector, cut to :data:`FULL_TEXT_CHARS`."""
    if not isinstance(t, torch.Tensor):
        return repr(t)[:FULL_TEXT_CHARS]
    return _text(t, FULL_TEXT_CHARS)


def cap_graph(graph: AutogradGraph, limit: int = MAX_GRAPH_NODES) -> tuple[AutogradGraph, int]:
    """The first ``limit`` nodes (named tensors, then nearest functions) and their edges;
    returns the graph and how many nodes the whole one had."""
    total = len(graph.nodes)
    if total <= limit:
        return graph, total
    kept = AutogradGraph()
    for node in graph.nodes[:limit]:
        kept.add(node)
    kept.edges = [e for e in graph.edges if e.src in kept and e.dst in kept]
    return kept, total


def no_grad_names(run: SessionRun) -> list[str]:
    """Variables last bound under ``no_grad`` (for the graph's "why" tags)."""
    return [n for n, a in run.result.assignments.items() if not a.grad_enabled]


def state_message(run: SessionRun, graph_limit: int = MAX_GRAPH_NODES) -> dict[str, Any]:
    """Everything the panels draw after a run or an action: tensors, roots, graph (at
    most ``graph_limit`` nodes), the last backward's trace and the history."""
    with gc_paused():  # tens of thousands of small views: no full collection meanwhile
        return _state_message(run, graph_limit)


def _state_message(run: SessionRun, graph_limit: int) -> dict[str, Any]:
    result = run.result
    tensors = result.tensors()
    graph = extract_graph(
        tensors, saved_tensors=True, no_grad_names=no_grad_names(run), copies=False
    )
    graph, total = cap_graph(graph, graph_limit)
    cache: dict[tuple[int, bool], TensorView] = {}
    texts = TextBudget()

    def view(value: Any) -> TensorView | None:
        return tensor_view(value, cache=cache, texts=texts)

    return {
        "op": "state",
        "tensors": [[name, tensor_to_wire(view(t))] for name, t in tensors.items()],
        "roots": backward_roots(result),
        "default_root": default_root(result),
        "graph": graph_to_wire(graph, view),
        "graph_total": total,
        "trace": trace_to_wire(run.tracer.last, view),
        "history": history_to_wire(run.history),
    }


def run_message(run: SessionRun, mode: str) -> dict[str, Any]:
    """What the run printed and how it ended (the tensors come in :func:`state_message`)."""
    result = run.result
    return {
        "op": "run",
        "source": result.source,
        "mode": mode,
        "stdout": result.stdout,
        "chunks": chunks_to_wire(result.chunks),
        "error": error_to_wire(result.error),
        "assignments": assignments_to_wire(result.assignments),
        "names": list(result.namespace)[:5000],
        "statements_run": result.statements_run,
        "duration_s": result.duration_s,
        "grad_enabled": result.grad_enabled,
        "exit_status": getattr(result.error, "exit_status", None),
        "ran": not (
            isinstance(result.error, ScriptRefused) or getattr(result.error, "not_run", False)
        ),
    }


def saved_message(run: SessionRun, node_id: str) -> dict[str, Any]:
    """What backward node ``node_id`` saved, read live."""
    values = saved_values(run.result.tensors(), node_id)
    return {"op": "saved", "values": {k: v[:TEXT_CHARS] for k, v in values.items()}}


def local_views(run: SessionRun, mode: str = "restricted") -> tuple[Any, Any]:
    """``(RunView, StateView)`` of a run in this process, through the real codec: what a
    window would receive (for tests and benchmarks)."""
    from playground.protocol import codec
    from playground.protocol.views import run_from_wire, state_from_wire

    run_wire = codec.roundtrip(run_message(run, mode))
    state_wire = codec.roundtrip(state_message(run))
    return run_from_wire(run_wire), state_from_wire(state_wire)
