"""The autograd graph as plain data: nodes, edges and their kinds. Torch-free.

:mod:`playground.core.graph` fills it from PyTorch's real graph in the kernel; the
window receives it over the wire, with every tensor replaced by a
:class:`playground.protocol.views.TensorView`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

NodeKind = Literal["leaf", "nonleaf", "nograd", "backward", "accumulate", "saved"]
EdgeKind = Literal["grad_fn", "next", "variable", "saved"]

TENSOR_KINDS = frozenset({"leaf", "nonleaf", "nograd"})
#: Unnamed nodes deeper than this below a named one get a hashed id instead of the path.
MAX_PATH = 6
WHY_NO_GRAD = "made under no_grad"
WHY_DETACHED = "detached"
WHY_NEVER = "never required grad"


@dataclass
class GraphNode:
    """One node of the picture: a tensor, a backward node, an AccumulateGrad or a saved tensor."""

    id: str
    kind: NodeKind
    label: str
    #: Variable names bound to this tensor (tensor nodes; the leaf's names for accumulate).
    names: tuple[str, ...] = ()
    shape: tuple[int, ...] | None = None
    dtype: str | None = None
    requires_grad: bool = False
    is_leaf: bool = False
    #: ``.grad`` (a detached clone in the kernel, a TensorView in the window) for leaves / tensors that retain grad, else ``None``.
    grad: Any = None
    #: Why a tensor is outside the graph (``nograd`` tensors only).
    why: str | None = None
    #: Script line that created the backward node (``grad_fn.metadata``).
    line: int | None = None
    #: The ``nn.Module`` whose forward created the backward node: ``"model.0 (Linear)"``.
    module: str | None = None
    #: Path of the innermost module group holding the node (see :class:`ModuleGroup`).
    group: str | None = None
    #: Whether the backward node is a custom ``autograd.Function``'s (Python) backward.
    custom: bool = False
    #: Hooks registered on the tensor (``register_hook``): they run during backward.
    hooks: int = 0
    #: Backward node class name (``MulBackward0``, ``AccumulateGrad``) for function nodes.
    op: str | None = None
    #: Value of a tensor / saved tensor (detached clone), for details and tooltips.
    value: Any = None
    #: Non-tensor saved attributes of a backward node (``_saved_dim`` ...), as text.
    saved_info: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GraphEdge:
    """``src`` is nearer the output (top), ``dst`` nearer the leaves (bottom).

    ``index`` is the position in ``src.next_functions`` for ``next`` edges (where the
    gradient ``grad_inputs[index]`` of ``src`` flows), else ``-1``.
    """

    src: str
    dst: str
    kind: EdgeKind
    index: int = -1


@dataclass
class ModuleGroup:
    """The nodes one ``nn.Module`` call made (its backward nodes, their saved tensors,
    and its own parameters' AccumulateGrad nodes and leaves), drawn as one box.

    ``path`` is the module's path (``encoder.0``; ``cell@2`` for a later call of the
    same module in one graph), ``parent`` the enclosing group's path. ``nodes`` are the
    ids whose innermost group this is (nested groups hold the rest); ``params`` the
    names of the module's parameters (``encoder.0.weight``, its children's included)
    and ``grad_norms`` each one's ``‖.grad‖`` (``None`` before a backward).
    """

    path: str
    #: ``encoder.0 · Linear(4→8)``
    label: str
    #: ``Linear(4→8)``
    kind: str
    parent: str | None = None
    nodes: tuple[str, ...] = ()
    params: tuple[str, ...] = ()
    grad_norms: tuple[float | None, ...] = ()


@dataclass
class AutogradGraph:
    """The extracted graph: nodes and edges in a deterministic order, and the module
    groups (outer groups before the groups nested in them)."""

    nodes: list[GraphNode] = field(default_factory=list)
    edges: list[GraphEdge] = field(default_factory=list)
    groups: list[ModuleGroup] = field(default_factory=list)
    _by_id: dict[str, GraphNode] = field(default_factory=dict, repr=False)

    def add(self, node: GraphNode) -> GraphNode:
        """Append ``node`` (ids are unique) and return it."""
        self.nodes.append(node)
        self._by_id[node.id] = node
        return node

    def node(self, node_id: str) -> GraphNode:
        """The node with this id (``KeyError`` if absent)."""
        return self._by_id[node_id]

    def get(self, node_id: str) -> GraphNode | None:
        """The node with this id, or ``None``."""
        return self._by_id.get(node_id)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._by_id

    def tensor_node(self, name: str) -> GraphNode | None:
        """The tensor node of variable ``name``, or ``None``."""
        return self._by_id.get(tensor_id(name))

    def out_edges(self, node_id: str) -> list[GraphEdge]:
        """Edges leaving ``node_id`` (towards the leaves)."""
        return [e for e in self.edges if e.src == node_id]

    def in_edges(self, node_id: str) -> list[GraphEdge]:
        """Edges entering ``node_id`` (from the output side)."""
        return [e for e in self.edges if e.dst == node_id]

    def shape_key(self) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        """Ids and edges only: equal keys mean the same picture layout."""
        return tuple(n.id for n in self.nodes), tuple((e.src, e.dst) for e in self.edges)

    def group_key(self) -> tuple[tuple[str, str | None], ...]:
        """Which node is in which group (with :meth:`shape_key`: the layout's input)."""
        if not self.groups:
            return ()
        return tuple((n.id, n.group) for n in self.nodes if n.group is not None)

    def group(self, path: str) -> ModuleGroup | None:
        """The module group ``path``, or ``None``."""
        for group in self.groups:
            if group.path == path:
                return group
        return None

    def regroup(self) -> None:
        """Refill every group's ``nodes`` from the nodes' ``group`` and drop the groups
        no node is in, directly or through a nested group (after nodes were cut)."""
        parents = {g.path: g.parent for g in self.groups}
        members: dict[str, list[str]] = {}
        for node in self.nodes:
            if node.group is not None and node.group not in parents:
                node.group = None
            if node.group is not None:
                members.setdefault(node.group, []).append(node.id)
        used: set[str] = set()
        for start in members:
            path: str | None = start
            while path is not None and path not in used:
                used.add(path)
                path = parents.get(path)
        kept = []
        for group in self.groups:
            if group.path in used:
                group.nodes = tuple(members.get(group.path, ()))
                kept.append(group)
        self.groups = kept


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic GC while building thousands of small objects.

    Each full collection walks every live object (PyTorch's included), and building
    a 10,000-node graph would trigger dozens of them for nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def shape_text(shape: Iterable[int]) -> str:
    """A tensor shape as the graph shows it, never mistakable for a value:
    ``"scalar"`` (0-D), ``"(2,)"`` (1-D), ``"2×2"``, ``"2×3×4"`` (2-D and more)."""
    dims = [str(int(s)) for s in shape]
    if not dims:
        return "scalar"
    if len(dims) == 1:
        return f"({dims[0]},)"
    return "×".join(dims)


def number_text(v: float) -> str:
    """A value as nodes and edges show it (4 significant digits)."""
    return f"{v:.4g}"


def summarize_values(values: Any, max_elements: int = 4) -> str | None:
    """:func:`playground.core.graph.summarize_tensor`'s text from a real floating-point
    numpy array (the kernel's plain copy; no torch call per tensor), else ``None``."""
    import numpy as np

    if not isinstance(values, np.ndarray) or values.dtype.kind != "f":
        return None
    flat = values.reshape(-1)
    if flat.size <= max_elements:
        text = ", ".join(number_text(v) for v in flat.tolist())
        return text if values.ndim == 0 else f"[{text}]"
    shape = shape_text(values.shape)
    if np.isnan(flat).all():
        return f"{shape} all nan"
    norm = float(np.linalg.norm(flat.astype(np.float64)))
    return f"{shape} ‖·‖={number_text(norm)}"


def tensor_id(name: str) -> str:
    """Id of the tensor node of variable ``name``."""
    return f"t:{name}"
