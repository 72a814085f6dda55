"""Extract PyTorch's real autograd graph from a run's tensors, as plain data.

The graph has *tensor* nodes (one per tensor variable, named by it), *backward*
nodes (``MulBackward0`` ...), *accumulate* nodes (``AccumulateGrad``, linked to
their leaf) and, optionally, *saved* nodes (each ``_saved_*`` tensor of a backward
node, keyed by (node, attribute) so that ``a * a`` keeps its two operands apart).

Node ids are derived from variable names and the path through ``next_functions``
(never from ``id()``), so re-running a script of the same shape gives the same ids.
The walk is iterative: a chain of any depth is fine.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from typing import Any

import torch

from playground.core.graph_model import (  # noqa: F401 (re-exported)
    MAX_PATH,
    TENSOR_KINDS,
    WHY_DETACHED,
    WHY_NEVER,
    WHY_NO_GRAD,
    AutogradGraph,
    EdgeKind,
    GraphEdge,
    GraphNode,
    ModuleGroup,
    NodeKind,
    gc_paused,
    number_text,
    shape_text,
    tensor_id,
)
from playground.core.module_groups import (
    NODE_GROUP_KEY,
    ModuleCall,
    group_id,
    group_label,
)
from playground.core.result import NODE_LINE_KEY, NODE_MODULE_KEY


def function_name(fn: Any) -> str:
    """Class name of a backward node: ``MulBackward0``, ``AccumulateGrad``."""
    return type(fn).__name__


def is_accumulate(fn: Any) -> bool:
    """Whether ``fn`` is an ``AccumulateGrad`` node."""
    return function_name(fn) == "AccumulateGrad"


def assign_function_ids(named: Iterable[tuple[str, torch.Tensor]]) -> dict[int, tuple[str, Any]]:
    """Give every backward / AccumulateGrad node reachable from ``named`` a stable id.

    Returns ``{id(node): (stable_id, node)}`` (``id()`` is only a key while the nodes
    are alive, and the returned dict keeps them alive). A tensor's ``grad_fn`` is
    ``"fn:<name>"``, a named leaf's AccumulateGrad ``"acc:<name>"``; any other node is
    named by the first path found breadth-first from the nearest named node:
    ``"fn:z/0/1"`` (input indices), or ``"fn:z/d40.<digest of the path>"`` beyond
    :data:`MAX_PATH` steps, so ids stay short in deep chains.
    """
    named = list(named)
    leaf_names: dict[int, str] = {}
    found: dict[int, tuple[str, Any]] = {}
    # id(node) -> (anchor id, path text, depth, path digest)
    paths: dict[int, tuple[str, str, int, bytes]] = {}
    queue: deque[Any] = deque()
    for name, t in named:
        if t.grad_fn is None and t.requires_grad:
            leaf_names.setdefault(id(t), name)
    for name, t in named:
        fn = t.grad_fn
        if fn is not None and id(fn) not in found:
            found[id(fn)] = (f"fn:{name}", fn)
            paths[id(fn)] = (f"fn:{name}", "", 0, b"")
            queue.append(fn)
    while queue:
        fn = queue.popleft()
        anchor, path, depth, digest = paths[id(fn)]
        for index, (child, _nr) in enumerate(fn.next_functions):
            if child is None or id(child) in found:
                continue
            if is_accumulate(child) and id(child.variable) in leaf_names:
                child_id = f"acc:{leaf_names[id(child.variable)]}"
                paths[id(child)] = (child_id, "", 0, b"")
            else:
                child_digest = hashlib.blake2b(digest + index.to_bytes(4), digest_size=6).digest()
                child_path = f"{path}/{index}" if depth < MAX_PATH else ""
                paths[id(child)] = (anchor, child_path, depth + 1, child_digest)
                if depth < MAX_PATH:
                    child_id = f"{anchor}{child_path}"
                else:
                    child_id = f"{anchor}/d{depth + 1}.{child_digest.hex()}"
            found[id(child)] = (child_id, child)
            queue.append(child)
    return found


#: Whether nodes hold copies of their tensors (off in the kernel, which turns them into
#: plain views at once).
_COPIES: ContextVar[bool] = ContextVar("graph_copies", default=True)


def _clone(t: torch.Tensor | None) -> torch.Tensor | None:
    if t is None or not _COPIES.get():
        return t
    return t.detach().clone()


def _tensor_grad(t: torch.Tensor) -> torch.Tensor | None:
    """``.grad`` without PyTorch's non-leaf warning: only leaves and ``retain_grad`` tensors."""
    if t.is_leaf or t.retains_grad:
        return _clone(t.grad)
    return None


def _why_disconnected(
    name: str, t: torch.Tensor, no_grad_names: frozenset[str], grad_ptrs: set[int]
) -> str:
    if name in no_grad_names:
        return WHY_NO_GRAD
    if _storage_ptr(t) in grad_ptrs:
        return WHY_DETACHED
    return WHY_NEVER


def _storage_ptr(t: torch.Tensor) -> int:
    try:
        return int(t.untyped_storage().data_ptr())
    except RuntimeError:  # tensors without storage (e.g. sparse)
        return -1


def _tensor_label(names: tuple[str, ...], t: torch.Tensor) -> str:
    title = ", ".join(names) if names else "(unnamed)"
    return f"{title}\n{shape_text(t.shape)}"


def _tensor_node(
    node_id: str, kind: NodeKind, names: tuple[str, ...], t: torch.Tensor, why: str | None
) -> GraphNode:
    return GraphNode(
        id=node_id,
        kind=kind,
        label=_tensor_label(names, t),
        names=names,
        shape=tuple(t.shape),
        dtype=str(t.dtype).removeprefix("torch."),
        requires_grad=t.requires_grad,
        is_leaf=t.is_leaf,
        grad=_tensor_grad(t),
        why=why,
        value=_clone(t),
        hooks=len(getattr(t, "_backward_hooks", None) or ()),
    )


def _node_line(fn: Any) -> int | None:
    try:
        line = fn.metadata.get(NODE_LINE_KEY)
    except (AttributeError, RuntimeError):
        return None
    return line if isinstance(line, int) else None


def _node_module(fn: Any) -> str | None:
    try:
        module = fn.metadata.get(NODE_MODULE_KEY)
    except (AttributeError, RuntimeError):
        return None
    return module if isinstance(module, str) else None


def _add_saved(graph: AutogradGraph, fn_id: str, fn: Any, info: dict[str, str]) -> None:
    """Add one ``saved`` node per tensor-valued ``_saved_*`` attribute of ``fn``."""
    for attr in sorted(a for a in dir(fn) if a.startswith("_saved_")):
        short = attr.removeprefix("_saved_")
        try:
            value = getattr(fn, attr)
        except RuntimeError:
            info[short] = "freed by backward (use retain_graph=True to keep it)"
            continue
        tensors = value if isinstance(value, tuple | list) else (value,)
        if value is None or not all(isinstance(v, torch.Tensor) for v in tensors):
            info[short] = repr(value)
            continue
        for k, v in enumerate(tensors):
            suffix = f"[{k}]" if len(tensors) > 1 else ""
            node = graph.add(
                GraphNode(
                    id=f"{fn_id}#{short}{suffix}",
                    kind="saved",
                    label=f"{short}{suffix}\n{shape_text(v.shape)}",
                    shape=tuple(v.shape),
                    dtype=str(v.dtype).removeprefix("torch."),
                    value=_clone(v),
                )
            )
            graph.edges.append(GraphEdge(fn_id, node.id, "saved"))


def extract_graph(
    tensors: Mapping[str, torch.Tensor],
    *,
    saved_tensors: bool = False,
    no_grad_names: Iterable[str] = (),
    copies: bool = True,
) -> AutogradGraph:
    """Build the autograd graph of the tensor variables ``tensors`` (name → tensor).

    ``saved_tensors`` adds the backward nodes' saved tensors. ``no_grad_names`` are
    the variables assigned under ``no_grad`` (from the run's assignments), used to
    say why a tensor is disconnected; without it such tensors read "never required
    grad" (or "detached" when they share storage with a tensor that requires grad).
    ``copies=False`` keeps the live tensors in the nodes instead of detached clones.
    """
    token = _COPIES.set(copies)
    try:
        with gc_paused():
            return _extract(tensors, saved_tensors, frozenset(no_grad_names))
    finally:
        _COPIES.reset(token)


def _extract(
    tensors: Mapping[str, torch.Tensor], saved_tensors: bool, no_grad: frozenset[str]
) -> AutogradGraph:
    graph = AutogradGraph()
    named = [(n, t) for n, t in tensors.items() if isinstance(t, torch.Tensor)]
    names_of: dict[int, list[str]] = {}
    for name, t in named:
        names_of.setdefault(id(t), []).append(name)
    grad_ptrs = {_storage_ptr(t) for _, t in named if t.requires_grad}
    functions = assign_function_ids(named)

    tensor_ids: dict[int, str] = {}
    for name, t in named:
        if id(t) in tensor_ids:
            continue
        names = tuple(names_of[id(t)])
        node_id = tensor_id(name)
        tensor_ids[id(t)] = node_id
        if t.grad_fn is not None:
            graph.add(_tensor_node(node_id, "nonleaf", names, t, None))
        elif t.requires_grad:
            graph.add(_tensor_node(node_id, "leaf", names, t, None))
        else:
            why = _why_disconnected(name, t, no_grad, grad_ptrs)
            graph.add(_tensor_node(node_id, "nograd", names, t, why))

    for fn_id, fn in functions.values():
        op = function_name(fn)
        node = GraphNode(
            id=fn_id,
            kind="backward",
            label=op,
            op=op,
            line=_node_line(fn),
            module=_node_module(fn),
            custom=isinstance(fn, torch.autograd.function.BackwardCFunction),
        )
        if is_accumulate(fn):
            leaf = fn.variable
            names = tuple(names_of.get(id(leaf), ()))
            node.kind, node.names = "accumulate", names
            node.label = f"AccumulateGrad\n→ {names[0]}.grad" if names else "AccumulateGrad"
        graph.add(node)
        if saved_tensors and not is_accumulate(fn):
            _add_saved(graph, fn_id, fn, node.saved_info)

    for name, t in named:
        if t.grad_fn is not None and tensor_ids[id(t)] == tensor_id(name):
            graph.edges.append(GraphEdge(tensor_id(name), functions[id(t.grad_fn)][0], "grad_fn"))
    for fn_id, fn in functions.values():
        for index, (child, _nr) in enumerate(fn.next_functions):
            if child is not None:
                graph.edges.append(GraphEdge(fn_id, functions[id(child)][0], "next", index))
        if is_accumulate(fn):
            leaf = fn.variable
            leaf_id = tensor_ids.get(id(leaf))
            if leaf_id is None:
                leaf_id = f"{fn_id}:var"
                tensor_ids[id(leaf)] = leaf_id
                graph.add(_tensor_node(leaf_id, "leaf", (), leaf, None))
            graph.edges.append(GraphEdge(fn_id, leaf_id, "variable"))
    _add_groups(graph, functions)
    return graph


def _node_call(fn: Any) -> ModuleCall | None:
    try:
        call = fn.metadata.get(NODE_GROUP_KEY)
    except (AttributeError, RuntimeError):
        return None
    return call if isinstance(call, ModuleCall) else None


def _inherit_groups(graph: AutogradGraph, passes: int = 3) -> None:
    """A backward node PyTorch made inside its C++ (no script line: ``linear``'s
    ``TBackward0``) joins the group of the node(s) using it, when they agree."""
    parents: dict[str, list[str]] = {}
    for edge in graph.edges:
        if edge.kind == "next":
            parents.setdefault(edge.dst, []).append(edge.src)
    orphans = [
        n for n in graph.nodes if n.kind == "backward" and n.group is None and n.line is None
    ]
    for _ in range(passes):
        changed = False
        for node in orphans:
            if node.group is not None:
                continue
            groups = {graph.node(p).group for p in parents.get(node.id, ())}
            if len(groups) == 1 and None not in groups:
                node.group = groups.pop()
                changed = True
        if not changed:
            return


def _grad_norm(p: torch.Tensor) -> float | None:
    grad = p.grad
    if grad is None or not (grad.is_floating_point() or grad.is_complex()):
        return None
    return float(grad.detach().norm())


def _add_groups(graph: AutogradGraph, functions: dict[int, tuple[str, Any]]) -> None:
    """Module groups from the calls Python mode recorded on the backward nodes: each
    backward node (and its saved tensors) goes into its innermost call's group, each
    parameter's AccumulateGrad and leaf into the group of the module that owns it."""
    node_calls: dict[str, ModuleCall] = {}
    calls: dict[int, ModuleCall] = {}
    for fn_id, fn in functions.values():
        call = _node_call(fn)
        if call is None:
            continue
        node_calls[fn_id] = call
        for outer in call.chain():
            calls[id(outer)] = outer
    if not calls:
        return
    ordered = sorted(calls.values(), key=lambda c: c.serial)
    ranks: dict[str, int] = {}
    ids: dict[int, str] = {}
    owner: dict[int, str] = {}  # id(parameter) -> group of its module's first call
    for call in ordered:
        base = group_id(call.path, call.kind, 1)
        ranks[base] = rank = ranks.get(base, 0) + 1
        path = ids[id(call)] = group_id(call.path, call.kind, rank)
        module = call.module()
        names: list[str] = []
        norms: list[float | None] = []
        if module is not None:
            for _name, p in module.named_parameters(recurse=False):
                owner.setdefault(id(p), path)
            for name, p in module.named_parameters():
                names.append(f"{call.path}.{name}" if call.path else name)
                norms.append(_grad_norm(p))
        graph.groups.append(
            ModuleGroup(
                path=path,
                label=group_label(call.path, call.kind, rank),
                kind=call.kind,
                parent=ids[id(call.parent)] if call.parent is not None else None,
                params=tuple(names),
                grad_norms=tuple(norms),
            )
        )
    for fn_id, fn in functions.values():
        node = graph.node(fn_id)
        if fn_id in node_calls:
            node.group = ids[id(node_calls[fn_id])]
        elif is_accumulate(fn):
            node.group = owner.get(id(fn.variable))
    _inherit_groups(graph)
    for edge in graph.edges:
        if edge.kind in ("saved", "variable"):
            graph.node(edge.dst).group = graph.node(edge.src).group
    graph.regroup()


def summarize_tensor(t: torch.Tensor | None, max_elements: int = 4) -> str:
    """Compact text for a node or edge: the values when few, else shape and norm."""
    if t is None:
        return "None"
    flat = t.detach().reshape(-1)
    if t.is_floating_point() or t.is_complex():
        values = flat
    else:
        values = flat.to(torch.float64)
    if flat.numel() <= max_elements:
        text = (
            ", ".join(number_text(v) for v in values.tolist()) if not t.is_complex() else str(flat)
        )
        return text if t.dim() == 0 else f"[{text}]"
    shape = shape_text(t.shape)
    if t.is_complex():
        return shape
    if torch.isnan(values).all():
        return f"{shape} all nan"
    norm = float(torch.linalg.vector_norm(values.to(torch.float64)))
    return f"{shape} ‖·‖={number_text(norm)}"


def full_text(t: torch.Tensor | None) -> str:
    """PyTorch's own ``repr`` of ``t`` (for tooltips and details)."""
    return "None" if t is None else repr(t.detach())


def saved_values(tensors: Mapping[str, torch.Tensor], node_id: str) -> dict[str, str]:
    """What backward node ``node_id`` saved for backward, read live: ``{attr: text}``.

    Tensor values are shown in PyTorch's format; after a backward without
    ``retain_graph`` they read as freed. Empty when the node is not found.
    """
    named = [(n, t) for n, t in tensors.items() if isinstance(t, torch.Tensor)]
    for fn_id, fn in assign_function_ids(named).values():
        if fn_id != node_id:
            continue
        out: dict[str, str] = {}
        for attr in sorted(a for a in dir(fn) if a.startswith("_saved_")):
            short = attr.removeprefix("_saved_")
            try:
                value = getattr(fn, attr)
            except RuntimeError:
                out[short] = "freed by backward (use retain_graph=True to keep it)"
                continue
            out[short] = full_text(value) if isinstance(value, torch.Tensor) else repr(value)
        return out
    return {}
