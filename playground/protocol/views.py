"""Plain views of what the kernel computed: tensors, graphs, traces and runs. No torch.

The kernel builds these from live PyTorch objects (:mod:`playground.kernel.snapshot`);
the window only ever sees them. Each has ``to_wire``/``from_wire`` functions that the
codec carries, and ``from_wire`` checks every field's type, because the kernel runs
hostile code and its messages are hostile input.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from playground.core.errors import (
    LimitExceeded,
    PlaygroundError,
    RunCancelled,
    ScriptFailed,
    ScriptRefused,
)
from playground.core.graph_model import AutogradGraph, GraphEdge, GraphNode, ModuleGroup
from playground.core.phrase import check_args
from playground.core.result import Assignment, BackwardCall, OutputChunk
from playground.core.trace_model import BackwardTrace, TraceStep

#: Longest text field accepted from the kernel (PyTorch's repr is cut to this in the kernel).
MAX_TEXT = 20_000
#: Tensors with at most this many elements carry all their values.
VALUE_ELEMENTS = 4096


class WireError(ValueError):
    """A message from the kernel that does not match its schema."""


def _check(value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    if not isinstance(value, kind):
        raise WireError(f"{what}: expected {kind}, got {type(value).__name__}")
    return value


def _text(value: Any, what: str, limit: int = MAX_TEXT) -> str:
    _check(value, str, what)
    return value if len(value) <= limit else value[:limit] + "…"


def _opt(value: Any, convert: Callable[[Any, str], Any], what: str) -> Any:
    return None if value is None else convert(value, what)


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise WireError(f"{what}: expected an int")
    return value


def _shape(value: Any, what: str) -> tuple[int, ...]:
    _check(value, list, what)
    if len(value) > 64:
        raise WireError(f"{what}: too many dimensions")
    return tuple(_int(s, what) for s in value)


@dataclass(frozen=True)
class TensorView:
    """What the window knows of one tensor: metadata, capped values and PyTorch's text."""

    shape: tuple[int, ...]
    dtype: str
    requires_grad: bool
    is_leaf: bool
    #: Class name of the backward node (``MulBackward0``), or ``None``.
    grad_fn: str | None
    retains_grad: bool
    numel_: int
    #: All the values, shaped, when there are at most :data:`VALUE_ELEMENTS`; else ``None``.
    values: np.ndarray | None
    #: PyTorch's own ``repr`` (cut to :data:`MAX_TEXT`).
    text: str
    #: Compact text for graph nodes and edges (values when few, else shape and norm).
    summary: str
    #: ``.grad`` of a leaf or a ``retain_grad()`` tensor.
    grad: TensorView | None = None
    version: int = 0
    is_floating_point_: bool = True

    # The few torch.Tensor methods the panels use, so formatting code reads the same.
    def numel(self) -> int:
        """Number of elements."""
        return self.numel_

    def dim(self) -> int:
        """Number of dimensions."""
        return len(self.shape)

    def is_floating_point(self) -> bool:
        """Whether the dtype is a floating-point one."""
        return self.is_floating_point_

    def tolist(self) -> Any:
        """Nested lists of the values (only for tensors that carry them)."""
        if self.values is None:
            raise ValueError(f"a tensor of {self.numel_:,} elements is summarized, not sent")
        return self.values.tolist()

    def __repr__(self) -> str:
        return self.text


def tensor_to_wire(view: TensorView | None) -> dict[str, Any] | None:
    """Plain data of ``view`` (``None`` stays ``None``)."""
    if view is None:
        return None
    return {
        "shape": list(view.shape),
        "dtype": view.dtype,
        "requires_grad": view.requires_grad,
        "is_leaf": view.is_leaf,
        "grad_fn": view.grad_fn,
        "retains_grad": view.retains_grad,
        "numel": view.numel_,
        "values": view.values,
        "text": view.text,
        "summary": view.summary,
        "grad": tensor_to_wire(view.grad),
        "version": view.version,
        "floating": view.is_floating_point_,
    }


def tensor_from_wire(data: Any, what: str = "tensor") -> TensorView | None:
    """Check and rebuild a :class:`TensorView`."""
    if data is None:
        return None
    _check(data, dict, what)
    shape = _shape(data["shape"], f"{what}.shape")
    values = data["values"]
    numel = _int(data["numel"], f"{what}.numel")
    if values is not None:
        _check(values, np.ndarray, f"{what}.values")
        if tuple(values.shape) != shape or values.size > VALUE_ELEMENTS:
            raise WireError(f"{what}.values do not match the shape {shape}")
    return TensorView(
        shape=shape,
        dtype=_text(data["dtype"], f"{what}.dtype", 40),
        requires_grad=bool(_check(data["requires_grad"], bool, what)),
        is_leaf=bool(_check(data["is_leaf"], bool, what)),
        grad_fn=_opt(data["grad_fn"], _text, f"{what}.grad_fn"),
        retains_grad=bool(_check(data["retains_grad"], bool, what)),
        numel_=numel,
        values=values,
        text=_text(data["text"], f"{what}.text"),
        summary=_text(data["summary"], f"{what}.summary", 400),
        grad=tensor_from_wire(data["grad"], f"{what}.grad"),
        version=_int(data["version"], f"{what}.version"),
        is_floating_point_=bool(_check(data["floating"], bool, what)),
    )


# --------------------------------------------------------------------------- graph
def graph_to_wire(graph: AutogradGraph, tensor: Callable[[Any], TensorView | None]) -> dict:
    """Plain data of ``graph``; ``tensor`` turns each live grad/value into a view."""
    return {
        "nodes": [
            {
                "id": n.id,
                "kind": n.kind,
                "label": n.label,
                "names": list(n.names),
                "shape": None if n.shape is None else list(n.shape[:64]),
                "dtype": n.dtype,
                "requires_grad": n.requires_grad,
                "is_leaf": n.is_leaf,
                "grad": tensor_to_wire(tensor(n.grad)),
                "why": n.why,
                "line": n.line,
                "op": n.op,
                "module": n.module,
                "group": n.group,
                "custom": n.custom,
                "hooks": n.hooks,
                "value": tensor_to_wire(tensor(n.value)),
                "saved_info": dict(n.saved_info),
            }
            for n in graph.nodes
        ],
        "edges": [[e.src, e.dst, e.kind, e.index] for e in graph.edges],
        "groups": [_group_to_wire(g) for g in graph.groups],
    }


def _group_to_wire(group: ModuleGroup) -> dict:
    return {
        "path": group.path,
        "label": group.label,
        "kind": group.kind,
        "parent": group.parent,
        "params": list(group.params),
        "grad_norms": [None if v is None else float(v) for v in group.grad_norms],
    }


def _norm(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WireError(f"{what}: expected a number")
    return float(value)


def _groups_from_wire(data: Any) -> list[ModuleGroup]:
    """Check the module groups: known parents listed first, one norm per parameter."""
    groups: list[ModuleGroup] = []
    seen: set[str] = set()
    for raw in _check(data, list, "graph.groups"):
        _check(raw, dict, "graph group")
        path = _text(raw["path"], "group.path", 400)
        parent = _opt(raw["parent"], _text, "group.parent")
        if path in seen or (parent is not None and parent not in seen):
            raise WireError(f"group {path!r}: duplicate, or its parent is not listed before it")
        seen.add(path)
        params = tuple(_text(p, "group.params", 400) for p in _check(raw["params"], list, "p"))
        norms = tuple(
            _opt(v, _norm, "group.grad_norms") for v in _check(raw["grad_norms"], list, "n")
        )
        if len(norms) != len(params):
            raise WireError(f"group {path!r}: one gradient norm per parameter expected")
        groups.append(
            ModuleGroup(
                path=path,
                label=_text(raw["label"], "group.label", 400),
                kind=_text(raw["kind"], "group.kind", 400),
                parent=parent,
                params=params,
                grad_norms=norms,
            )
        )
    return groups


_NODE_KINDS = {"leaf", "nonleaf", "nograd", "backward", "accumulate", "saved"}
_EDGE_KINDS = {"grad_fn", "next", "variable", "saved"}


def graph_from_wire(data: Any) -> AutogradGraph:
    """Check and rebuild an :class:`AutogradGraph` of plain nodes."""
    _check(data, dict, "graph")
    graph = AutogradGraph()
    for raw in _check(data["nodes"], list, "graph.nodes"):
        _check(raw, dict, "graph node")
        kind = _text(raw["kind"], "node.kind", 20)
        if kind not in _NODE_KINDS:
            raise WireError(f"unknown node kind {kind!r}")
        node_id = _text(raw["id"], "node.id", 400)
        if node_id in graph:
            raise WireError(f"duplicate node id {node_id!r}")
        info = _check(raw["saved_info"], dict, "node.saved_info")
        graph.add(
            GraphNode(
                id=node_id,
                kind=kind,  # type: ignore[arg-type]
                label=_text(raw["label"], "node.label", 400),
                names=tuple(_text(n, "node.names", 200) for n in _check(raw["names"], list, "n")),
                shape=_opt(raw["shape"], _shape, "node.shape"),
                dtype=_opt(raw["dtype"], _text, "node.dtype"),
                requires_grad=bool(raw["requires_grad"]),
                is_leaf=bool(raw["is_leaf"]),
                grad=tensor_from_wire(raw["grad"], "node.grad"),
                why=_opt(raw["why"], _text, "node.why"),
                line=_opt(raw["line"], _int, "node.line"),
                op=_opt(raw["op"], _text, "node.op"),
                module=_opt(raw.get("module"), _text, "node.module"),
                group=_opt(raw.get("group"), _text, "node.group"),
                custom=bool(raw.get("custom", False)),
                hooks=_int(raw.get("hooks", 0), "node.hooks"),
                value=tensor_from_wire(raw["value"], "node.value"),
                saved_info={_text(k, "saved", 100): _text(v, "saved") for k, v in info.items()},
            )
        )
    for raw in _check(data["edges"], list, "graph.edges"):
        src, dst, kind, index = _check(raw, list, "edge")
        if src not in graph or dst not in graph or kind not in _EDGE_KINDS:
            raise WireError("an edge names a node that is not in the graph")
        graph.edges.append(GraphEdge(src, dst, kind, _int(index, "edge.index")))
    graph.groups = _groups_from_wire(data.get("groups", []))
    graph.regroup()
    return graph


# --------------------------------------------------------------------------- trace
def _grads_to_wire(grads: Any, tensor: Callable[[Any], TensorView | None]) -> Any:
    return None if grads is None else [tensor_to_wire(tensor(g)) for g in grads]


def _grads_from_wire(data: Any) -> tuple[TensorView | None, ...] | None:
    if data is None:
        return None
    return tuple(tensor_from_wire(g, "grad") for g in _check(data, list, "grads"))


def trace_to_wire(trace: BackwardTrace | None, tensor: Callable[[Any], TensorView | None]) -> Any:
    """Plain data of a recorded backward (``None`` stays ``None``)."""
    if trace is None:
        return None
    call = trace.call
    return {
        "call": [call.kind, call.line, call.source],
        "error": trace.error,
        "steps": [
            [
                s.node_key,
                s.node_name,
                _grads_to_wire(s.grad_outputs, tensor),
                _grads_to_wire(s.grad_inputs, tensor),
                s.is_accumulate,
                s.leaf_name,
                tensor_to_wire(tensor(s.grad_after)),
                s.sequence_nr,
            ]
            for s in trace.steps
        ],
    }


def trace_from_wire(data: Any) -> BackwardTrace | None:
    """Check and rebuild a :class:`BackwardTrace` of plain views."""
    if data is None:
        return None
    _check(data, dict, "trace")
    kind, line, source = _check(data["call"], list, "trace.call")
    if kind not in ("backward", "autograd.grad") or source not in ("script", "button", "repeat"):
        raise WireError("unknown backward call")
    call = BackwardCall(kind=kind, roots=(), line=_opt(line, _int, "line"), source=source)
    trace = BackwardTrace(call=call, error=_opt(data["error"], _text, "trace.error"))
    for raw in _check(data["steps"], list, "trace.steps"):
        key, name, outs, ins, acc, leaf, after, seq = _check(raw, list, "step")
        trace.steps.append(
            TraceStep(
                node_key=_text(key, "step.key", 400),
                node_name=_text(name, "step.name", 200),
                grad_outputs=_grads_from_wire(outs),
                grad_inputs=_grads_from_wire(ins),
                is_accumulate=bool(acc),
                leaf_name=_opt(leaf, _text, "step.leaf"),
                grad_after=tensor_from_wire(after, "step.grad_after"),
                sequence_nr=_int(seq, "step.sequence_nr"),
            )
        )
    return trace


# --------------------------------------------------------------------------- errors
_ERROR_KINDS: dict[str, type[PlaygroundError]] = {
    "refused": ScriptRefused,
    "failed": ScriptFailed,
    "limit": LimitExceeded,
    "cancelled": RunCancelled,
    "error": PlaygroundError,
}


class ScriptCrashed(PlaygroundError):
    """The process running the script died (a signal, the memory limit, a hang)."""

    exit_code = 1


_ERROR_KINDS["crashed"] = ScriptCrashed


def error_to_wire(error: PlaygroundError | None) -> Any:
    """Plain data of a playground error (``None`` stays ``None``)."""
    if error is None:
        return None
    kind = next(
        (k for k, cls in _ERROR_KINDS.items() if type(error) is cls),
        next((k for k, cls in _ERROR_KINDS.items() if isinstance(error, cls)), "error"),
    )
    return {
        "kind": kind,
        "message": error.message,
        "line": error.line,
        "col": error.col,
        "exc_type": error.exc_type,
        "frames": list(getattr(error, "frames", ())),
        # a refusal's template key and arguments (playground.core.refusal_templates)
        "key": getattr(error, "key", ""),
        "params": getattr(error, "params", {}),
    }


def error_from_wire(data: Any) -> PlaygroundError | None:
    """Check and rebuild the playground error the kernel reported."""
    if data is None:
        return None
    _check(data, dict, "error")
    cls = _ERROR_KINDS.get(data["kind"])
    if cls is None:
        raise WireError(f"unknown error kind {data['kind']!r}")
    error = cls(
        _text(data["message"], "error.message", 10_000),
        _opt(data["line"], _int, "error.line"),
        _opt(data["col"], _int, "error.col"),
        _opt(data["exc_type"], _text, "error.exc_type"),
    )
    if isinstance(error, ScriptRefused):  # older kernels send no key: English only
        error.key = _text(data.get("key", ""), "error.key", 64)
        error.params = _phrase_args(data.get("params", {}), "error.params")
    error.frames = tuple(_text(f, "frame", 400) for f in _check(data["frames"], list, "frames"))
    return error


# --------------------------------------------------------------------------- runs
@dataclass
class RunView:
    """Everything the window shows of one run: its output, error and tensors."""

    source: str
    mode: str
    stdout: str
    chunks: list[OutputChunk]
    error: PlaygroundError | None
    assignments: dict[str, Assignment] = field(default_factory=dict)
    #: The named tensors, in namespace order (module parameters by path).
    tensor_views: dict[str, TensorView] = field(default_factory=dict)
    #: Every variable name the run left (tensors or not), for the forms.
    names: list[str] = field(default_factory=list)
    statements_run: int = 0
    duration_s: float = 0.0
    grad_enabled: bool = True
    #: False when nothing ran (refused, or Python could not compile it).
    ran: bool = True

    @property
    def ok(self) -> bool:
        """True when the script ran to the end without an error."""
        return self.error is None

    def tensors(self) -> dict[str, TensorView]:
        """The tensor-valued variables, in namespace order."""
        return self.tensor_views


def chunks_to_wire(chunks: list[OutputChunk]) -> list[list[Any]]:
    """Plain data of output chunks."""
    return [[c.kind, c.text, c.line] for c in chunks]


def chunks_from_wire(data: Any) -> list[OutputChunk]:
    """Check and rebuild output chunks."""
    out = []
    for raw in _check(data, list, "chunks"):
        kind, text, line = _check(raw, list, "chunk")
        if kind not in ("stdout", "stderr", "warning"):
            raise WireError(f"unknown chunk kind {kind!r}")
        out.append(OutputChunk(kind, _text(text, "chunk", 2 << 20), _opt(line, _int, "line")))
    return out


def assignments_to_wire(assignments: dict[str, Assignment]) -> dict[str, list[Any]]:
    """Plain data of where each name was bound."""
    return {
        k: [a.line, a.col, a.end_line, a.end_col, a.grad_enabled] for k, a in assignments.items()
    }


def assignments_from_wire(data: Any) -> dict[str, Assignment]:
    """Check and rebuild the assignments."""
    out = {}
    for name, raw in _check(data, dict, "assignments").items():
        line, col, end_line, end_col, grad_enabled = _check(raw, list, "assignment")
        out[_text(name, "name", 400)] = Assignment(
            name,
            _int(line, "line"),
            _int(col, "col"),
            _int(end_line, "end_line"),
            _int(end_col, "end_col"),
            bool(grad_enabled),
        )
    return out


def run_from_wire(data: Any) -> RunView:
    """Check and rebuild the end of a run (``op == "run"``)."""
    _check(data, dict, "run")
    names = [_text(n, "name", 400) for n in _check(data["names"], list, "names")]
    return RunView(
        source=_text(data["source"], "source", 2_000_000),
        mode=_text(data["mode"], "mode", 20),
        stdout=_text(data["stdout"], "stdout", 2 << 20),
        chunks=chunks_from_wire(data["chunks"]),
        error=error_from_wire(data["error"]),
        assignments=assignments_from_wire(data["assignments"]),
        names=names,
        statements_run=_int(data["statements_run"], "statements_run"),
        duration_s=float(_check(data["duration_s"], int | float, "duration_s")),
        grad_enabled=bool(data["grad_enabled"]),
        ran=bool(data.get("ran", True)),
    )


@dataclass
class StateView:
    """The panels' state after a run or an action, as the kernel sent it."""

    tensors: dict[str, TensorView]
    roots: list[str]
    default_root: str | None
    graph: AutogradGraph
    #: Nodes of the whole graph (more than ``graph`` holds when it was cut).
    graph_total: int
    trace: BackwardTrace | None
    history: Any  # playground.core.history_data.HistoryData

    def leaves_with_grad(self) -> list[str]:
        """Names of the leaves that require grad and have a ``.grad``."""
        return [
            n
            for n, t in self.tensors.items()
            if t.is_leaf and t.requires_grad and t.grad is not None
        ]


def state_from_wire(data: Any) -> StateView:
    """Check and rebuild the panels' state (``op == "state"``)."""
    from playground.core.history_data import history_from_wire

    _check(data, dict, "state")
    tensors: dict[str, TensorView] = {}
    for raw in _check(data["tensors"], list, "tensors"):
        name, view = _check(raw, list, "tensor row")
        tensors[_text(name, "name", 400)] = tensor_from_wire(view, "tensor")  # type: ignore[assignment]
    roots = [_text(r, "root", 400) for r in _check(data["roots"], list, "roots")]
    default = _opt(data["default_root"], _text, "default_root")
    try:
        history = history_from_wire(_check(data["history"], dict, "history"))
    except (KeyError, TypeError, ValueError) as exc:
        raise WireError(f"history: {exc}") from None
    return StateView(
        tensors=tensors,
        roots=roots,
        default_root=default,
        graph=graph_from_wire(data["graph"]),
        graph_total=_int(data["graph_total"], "graph_total"),
        trace=trace_from_wire(data["trace"]),
        history=history,
    )


# --------------------------------------------------------------------------- timeline
@dataclass(frozen=True)
class TimelineEntry:
    """The tensors and the graph after one top-level statement of a Python-mode run."""

    #: 1-based position among the statements that ran.
    index: int
    line: int
    end_line: int
    #: The statement's first line.
    text: str
    #: The statement raised (the run ended there).
    raised: bool
    tensors: dict[str, TensorView]
    graph: AutogradGraph
    graph_total: int


@dataclass
class TimelineView:
    """The forward timeline of one run (empty in the restricted mode)."""

    source: str
    mode: str
    entries: list[TimelineEntry]
    #: Top-level statements that ran (more than ``entries`` when ``limit`` is set).
    executed: int
    #: Why recording stopped early: ``"statements"``, ``"bytes"``, ``"time"``, ``"error"``.
    limit: str | None


_TIMELINE_LIMITS = {"statements", "bytes", "time", "error"}


def _timeline_entry(raw: Any, views: list[Any], parsed: list[TensorView]) -> TimelineEntry:
    """One entry; its tensors are indices into ``views`` (raw) / ``parsed`` (checked)."""
    _check(raw, dict, "timeline entry")

    def index(value: Any) -> int | None:
        if value is not None and not 0 <= _int(value, "view index") < len(views):
            raise WireError("a timeline entry names a view that was not sent")
        return value

    tensors: dict[str, TensorView] = {}
    for row in _check(raw["tensors"], list, "timeline tensors"):
        name, at = _check(row, list, "timeline tensor row")
        at = index(at)
        if at is None:
            raise WireError("a timeline row without a tensor")
        tensors[_text(name, "name", 400)] = parsed[at]
    graph = dict(_check(raw["graph"], dict, "timeline graph"))
    nodes = []
    for node in _check(graph["nodes"], list, "timeline graph nodes"):
        node = dict(_check(node, dict, "timeline graph node"))
        for key in ("value", "grad"):
            at = index(node[key])
            node[key] = None if at is None else views[at]
        nodes.append(node)
    graph["nodes"] = nodes
    raw = {**raw, "graph": graph}
    return TimelineEntry(
        index=_int(raw["index"], "entry.index"),
        line=_int(raw["line"], "entry.line"),
        end_line=_int(raw["end_line"], "entry.end_line"),
        text=_text(raw["text"], "entry.text", 400),
        raised=bool(_check(raw["raised"], bool, "entry.raised")),
        tensors=tensors,
        graph=graph_from_wire(raw["graph"]),
        graph_total=_int(raw["graph_total"], "entry.graph_total"),
    )


def timeline_from_wire(data: Any) -> TimelineView:
    """Check and rebuild the forward timeline (``op == "timeline"``)."""
    _check(data, dict, "timeline")
    limit = _opt(data["limit"], _text, "timeline.limit")
    if limit is not None and limit not in _TIMELINE_LIMITS:
        raise WireError(f"unknown timeline limit {limit!r}")
    views = _check(data["views"], list, "timeline.views")
    parsed = [tensor_from_wire(_check(v, dict, "view"), "timeline view") for v in views]
    return TimelineView(
        source=_text(data["source"], "source", 2_000_000),
        mode=_text(data["mode"], "mode", 20),
        entries=[
            _timeline_entry(e, views, parsed) for e in _check(data["entries"], list, "entries")
        ],
        executed=_int(data["executed"], "timeline.executed"),
        limit=limit,
    )


# --------------------------------------------------------------------------- jacobian
_JACOBIAN_STATUSES = {
    "ok",
    "no_root",
    "no_leaf",
    "no_grad_fn",
    "leaf_no_grad",
    "too_large",
    "empty",
    "complex",
    "freed",
    "unreachable",
    "timeout",
    "cancelled",
    "error",
}
_FD_STATUSES = {"ok", "capped", "timeout", "restricted", "failed", "no_binding", "not_run"}
#: Most entries of J accepted from the kernel (its own cap is 10⁴).
MAX_JACOBIAN_ENTRIES = 10_000


@dataclass
class JacobianView:
    """J = ∂root/∂leaf (rows: the root's elements flattened, columns: the leaf's), the
    gradient ``v``, ``vᵀJ`` beside the real ``leaf.grad`` and the finite differences, as the
    kernel's :mod:`playground.core.jacobian` computed them; ``status`` says why there is no J."""

    request_id: int | None
    root: str
    leaf: str
    status: str
    detail: str
    y_shape: tuple[int, ...]
    x_shape: tuple[int, ...]
    dtype: str
    entries: int
    jacobian: np.ndarray | None
    v: np.ndarray | None
    vjp: np.ndarray | None
    grad: np.ndarray | None
    agree: bool | None
    multiple: int | None
    hooks: int
    fd: np.ndarray | None
    fd_columns: list[int]
    fd_status: str
    fd_detail: str
    fd_max_diff: float | None
    fd_agree: bool | None
    fd_dtype: str
    limits: dict[str, float]


def _vector(value: Any, size: int, what: str) -> np.ndarray | None:
    if value is None:
        return None
    _check(value, np.ndarray, what)
    if value.shape != (size,) or value.dtype != np.float64:
        raise WireError(f"{what}: expected {size} float64 values")
    return value


def _matrix(value: Any, shape: tuple[int, int], what: str) -> np.ndarray | None:
    if value is None:
        return None
    _check(value, np.ndarray, what)
    if value.shape != shape or value.dtype != np.float64 or value.size > MAX_JACOBIAN_ENTRIES:
        raise WireError(f"{what}: expected a {shape} float64 matrix")
    return value


def _opt_bool(value: Any, what: str) -> bool | None:
    return None if value is None else bool(_check(value, bool, what))


def jacobian_from_wire(data: Any) -> JacobianView:
    """Check and rebuild the kernel's ``jacobian`` answer."""
    _check(data, dict, "jacobian")
    status, fd_status = data["status"], data["fd_status"]
    if status not in _JACOBIAN_STATUSES or fd_status not in _FD_STATUSES:
        raise WireError(f"unknown jacobian status {status!r}/{fd_status!r}")
    y_shape = _shape(data["y_shape"], "jacobian.y_shape")
    x_shape = _shape(data["x_shape"], "jacobian.x_shape")
    m, n = int(np.prod(y_shape)), int(np.prod(x_shape))
    columns = [_int(c, "fd column") for c in _check(data["fd_columns"], list, "fd_columns")]
    if any(not 0 <= c < n for c in columns):
        raise WireError("a finite-difference column is not a column of J")
    limits = _check(data["limits"], dict, "jacobian.limits")
    diff = data["fd_max_diff"]
    return JacobianView(
        request_id=_opt(data.get("request_id"), _int, "jacobian.request_id"),
        root=_text(data["root"], "jacobian.root", 400),
        leaf=_text(data["leaf"], "jacobian.leaf", 400),
        status=status,
        detail=_text(data["detail"], "jacobian.detail", 2000),
        y_shape=y_shape,
        x_shape=x_shape,
        dtype=_text(data["dtype"], "jacobian.dtype", 40),
        entries=_int(data["entries"], "jacobian.entries"),
        jacobian=_matrix(data["jacobian"], (m, n), "jacobian.jacobian"),
        v=_vector(data["v"], m, "jacobian.v"),
        vjp=_vector(data["vjp"], n, "jacobian.vjp"),
        grad=_vector(data["grad"], n, "jacobian.grad"),
        agree=_opt_bool(data["agree"], "jacobian.agree"),
        multiple=_opt(data["multiple"], _int, "jacobian.multiple"),
        hooks=_int(data["hooks"], "jacobian.hooks"),
        fd=_matrix(data["fd"], (m, len(columns)), "jacobian.fd"),
        fd_columns=columns,
        fd_status=fd_status,
        fd_detail=_text(data["fd_detail"], "jacobian.fd_detail", 2000),
        fd_max_diff=None if diff is None else float(_check(diff, int | float, "fd_max_diff")),
        fd_agree=_opt_bool(data["fd_agree"], "jacobian.fd_agree"),
        fd_dtype=_text(data["fd_dtype"], "jacobian.fd_dtype", 40),
        limits={
            _text(k, "limit", 40): float(_check(v, int | float, "limit")) for k, v in limits.items()
        },
    )


@dataclass(frozen=True)
class WhyNoneView:
    """Why a tensor's ``.grad`` is None or zero (``op == "why_none"``), as the kernel
    found it: :mod:`playground.kernel.why_none`."""

    #: One of :data:`playground.kernel.why_none.REASONS` (``None``: not a tensor).
    reason: str | None
    sentence: str
    #: The script line of the cut, the zeroing or the tensor's creation, when known.
    line: int | None
    #: The graph nodes of the cut, as the extracted graph names them.
    node_ids: list[str]
    #: The sentence's template key and arguments (:mod:`playground.core.phrase`; the
    #: window words it in its language), ``""`` when there is no sentence.
    key: str = ""
    args: dict[str, Any] = field(default_factory=dict)


def why_none_from_wire(data: Any) -> WhyNoneView:
    """Check and rebuild a "why is this gradient None?" answer."""
    _check(data, dict, "why_none")
    missing = {"reason", "sentence", "line", "node_ids"} - data.keys()
    if missing:
        raise WireError(f"why_none: missing {sorted(missing)}")
    ids = _check(data["node_ids"], list, "why_none.node_ids")
    if len(ids) > 1000:
        raise WireError("why_none: too many node ids")
    return WhyNoneView(
        reason=_opt(data["reason"], _text, "why_none.reason"),
        sentence=_text(data["sentence"], "why_none.sentence", 4000),
        line=_opt(data["line"], _int, "why_none.line"),
        node_ids=[_text(i, "why_none.node_id", 2000) for i in ids],
        key=_text(data.get("key", ""), "why_none.key", 64),
        args=_phrase_args(data.get("args", {}), "why_none.args"),
    )


def _phrase_args(value: Any, what: str) -> dict[str, Any]:
    """Phrase arguments (:func:`playground.core.phrase.check_args`) or a ``WireError``."""
    try:
        return check_args(value)
    except ValueError as exc:
        raise WireError(f"{what}: {exc}") from None
