"""Module groups of the backward graph: which ``nn.Module`` call made each node. Torch-free.

Python mode (:mod:`playground.kernel.python_mode`) records one :class:`ModuleCall` per
module forward and stores the innermost one in each new backward node's
``grad_fn.metadata[NODE_GROUP_KEY]``; :mod:`playground.core.graph` turns the calls
into :class:`~playground.core.graph_model.ModuleGroup` entries of the plain graph.
The window only sees those groups (paths, labels, parameter names, ‖grad‖).

A module called once is the group ``path`` (``encoder.0``); one called several times
within the same graph gets one group per call: ``cell``, ``cell@2``, ``cell@3`` …
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Key of the innermost :class:`ModuleCall` in ``grad_fn.metadata``.
NODE_GROUP_KEY = "playground_module_call"
#: Separator between a module's path and its call number (``cell@2``).
CALL_MARK = "@"


@dataclass(eq=False)
class ModuleCall:
    """One forward call of a module (kernel side: holds the live module)."""

    #: Path of the module among the script's objects (``encoder.0``), ``""`` if unnamed.
    path: str
    #: ``Linear(4→8)``: the module's type and shape (see :func:`module_kind`).
    kind: str
    #: The live module (kept only while its graph is).
    module: Any
    #: The call this one ran inside (``None`` at the top).
    parent: ModuleCall | None
    #: Increasing over the run: orders the calls of the same module.
    serial: int

    def chain(self) -> list[ModuleCall]:
        """The calls from the outermost to this one."""
        out: list[ModuleCall] = []
        call: ModuleCall | None = self
        while call is not None:
            out.append(call)
            call = call.parent
        return out[::-1]


def _pair(value: Any) -> str:
    if isinstance(value, tuple | list):
        return "×".join(str(v) for v in value)
    return f"{value}×{value}"


def module_kind(module: Any) -> str:
    """The type of ``module`` with its shape, read from its attributes: ``Linear(4→8)``,
    ``Conv2d(3→64, 3×3)``, ``BatchNorm2d(64)``, ``Embedding(10→4)``, ``LSTM(4→8)``,
    ``LayerNorm(8)``; any other module just its class name (``Sequential``, ``ReLU``)."""
    name = type(module).__name__
    get = getattr
    if hasattr(module, "in_features") and hasattr(module, "out_features"):
        return f"{name}({get(module, 'in_features')}→{get(module, 'out_features')})"
    if hasattr(module, "in_channels") and hasattr(module, "kernel_size"):
        size = _pair(get(module, "kernel_size"))
        return f"{name}({get(module, 'in_channels')}→{get(module, 'out_channels')}, {size})"
    if hasattr(module, "num_embeddings") and hasattr(module, "embedding_dim"):
        return f"{name}({get(module, 'num_embeddings')}→{get(module, 'embedding_dim')})"
    if hasattr(module, "input_size") and hasattr(module, "hidden_size"):
        return f"{name}({get(module, 'input_size')}→{get(module, 'hidden_size')})"
    if hasattr(module, "num_features") and hasattr(module, "running_mean"):
        return f"{name}({get(module, 'num_features')})"
    shape = getattr(module, "normalized_shape", None)
    if isinstance(shape, tuple) and shape:
        return f"{name}({_pair(shape) if len(shape) > 1 else shape[0]})"
    return name


def group_label(path: str, kind: str, call: int = 1) -> str:
    """``encoder.0 · Linear(4→8)`` (``Linear(4→8)`` unnamed; ``… · call 2`` for a later call)."""
    text = f"{path} · {kind}" if path else kind
    return f"{text} · call {call}" if call > 1 else text


def group_id(path: str, kind: str, call: int) -> str:
    """The group's path: ``encoder.0``, ``cell@2`` for a later call, ``(Linear)`` unnamed."""
    base = path or f"({kind.split('(')[0]})"
    return base if call == 1 else f"{base}{CALL_MARK}{call}"


def norm_text(value: float) -> str:
    """A gradient norm as the graph writes it (4 significant digits)."""
    return f"{value:.4g}"


def params_lines(names: tuple[str, ...], norms: tuple[float | None, ...], prefix: str) -> list[str]:
    """What a collapsed group says of its parameters' gradients, one line each for up
    to two (``weight ‖grad‖=0.53``), else one line with the total over all of them
    (``‖grad‖=1.2 over 8 params``); none when there are none, ``grad None`` before any."""
    if not names:
        return []
    known = [n for n in norms if n is not None]
    if len(names) <= 2:
        lines = []
        for name, norm in zip(names, norms, strict=True):
            short = name.removeprefix(f"{prefix}.") if prefix else name
            lines.append(f"{short} ‖grad‖={norm_text(norm) if norm is not None else 'None'}")
        return lines
    if not known:
        return [f"{len(names)} params, grad None"]
    total = sum(n * n for n in known) ** 0.5
    return [f"‖grad‖={norm_text(total)} over {len(names)} params"]


def params_text(names: tuple[str, ...], norms: tuple[float | None, ...], prefix: str) -> str:
    """:func:`params_lines` on one line (``weight ‖grad‖=0.53 · bias ‖grad‖=0.1``)."""
    return " · ".join(params_lines(names, norms, prefix))


def group_edges(graph: Any, path: str) -> tuple[list[Any], list[Any]]:
    """The edges crossing group ``path``'s border (nested groups count as inside):
    ``(into it from outside, out of it)``. Drawn collapsed, these are the box's edges:
    a ``next`` edge into the box carries the gradient of the module's output."""
    parents = {g.path: g.parent for g in graph.groups}

    def inside(node_id: str) -> bool:
        current = graph.node(node_id).group
        while current is not None:
            if current == path:
                return True
            current = parents.get(current)
        return False

    into = [e for e in graph.edges if not inside(e.src) and inside(e.dst)]
    out = [e for e in graph.edges if inside(e.src) and not inside(e.dst)]
    return into, out
