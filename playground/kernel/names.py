"""Which tensors a Python-mode script left, and the names the panels show them by.

Module-level tensors keep their variable names; ``nn.Module`` parameters and buffers
are named by path (``model.0.weight``); an optimizer's parameters by group
(``optimizer.param_groups[0][1]``) when they have no other name; tensors in lists,
tuples and dicts one level deep by index or key (``params[0]``, ``state["w"]``).
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Any

import torch

#: Most tensors named inside one container or module (a huge list is not a panel).
MAX_PER_CONTAINER = 200
#: Most names returned in all.
MAX_NAMES = 2000


def _user_names(globals_: Mapping[str, Any]) -> list[str]:
    return [
        k
        for k, v in globals_.items()
        if not (k.startswith("__") and k.endswith("__")) and not isinstance(v, types.ModuleType)
    ]


def named_tensors(globals_: Mapping[str, Any]) -> dict[str, torch.Tensor]:
    """Every tensor the script can reach by a short name, in first-seen order (see above)."""
    out: dict[str, torch.Tensor] = {}
    seen: set[int] = set()

    def add(name: str, value: Any) -> None:
        if len(out) < MAX_NAMES and isinstance(value, torch.Tensor) and name not in out:
            out[name] = value
            seen.add(id(value))

    nn = torch.nn
    later: list[tuple[str, Any]] = []
    for name in _user_names(globals_):
        value = globals_[name]
        if isinstance(value, torch.Tensor):
            add(name, value)
        elif isinstance(value, nn.Module):
            later.append((name, value))
        elif isinstance(value, torch.optim.Optimizer):
            later.append((name, value))
        elif isinstance(value, list | tuple):
            for i, item in enumerate(value[:MAX_PER_CONTAINER]):
                add(f"{name}[{i}]", item)
        elif isinstance(value, dict):
            for key, item in list(value.items())[:MAX_PER_CONTAINER]:
                if isinstance(key, str | int):
                    add(f"{name}[{key!r}]", item)
    for name, value in later:
        if isinstance(value, nn.Module):
            for count, (path, p) in enumerate(value.named_parameters()):
                if count < MAX_PER_CONTAINER:
                    add(f"{name}.{path}", p)
            for count, (path, b) in enumerate(value.named_buffers()):
                if count < MAX_PER_CONTAINER:
                    add(f"{name}.{path}", b)
        else:
            for g, group in enumerate(value.param_groups):
                for i, p in enumerate(group["params"][:MAX_PER_CONTAINER]):
                    if id(p) not in seen:
                        add(f"{name}.param_groups[{g}][{i}]", p)
    return out


def user_namespace(globals_: Mapping[str, Any]) -> dict[str, Any]:
    """The script's own names (no dunders, no modules), then its named tensors by path."""
    namespace = {k: globals_[k] for k in _user_names(globals_)}
    for name, tensor in named_tensors(globals_).items():
        namespace.setdefault(name, tensor)
    return namespace
