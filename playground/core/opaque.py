"""What user code may hold but not look into: module stand-ins and opaque callables.

``torch``, ``torch.nn``, ``torch.nn.functional`` and ``torch.autograd`` are
:class:`ModuleProxy` objects exposing only whitelisted members; functions taken out of
them, built-ins and bound methods are :class:`Function` / :class:`Method` wrappers that
only the interpreter can call. Each wrapper's class is named after the real object's
type, so Python's own error messages read as they would in plain Python.
"""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as torch_f

from playground.core.refusal_hints import module_member_hint, with_hint
from playground.core.safe_torch import DTYPES, F_FUNCTIONS, TORCH_FUNCTIONS


class Opaque:
    """Base of everything user code may hold but not look into (modules, callables)."""

    __slots__ = ("_real",)

    def __init__(self, real: Any) -> None:
        self._real = real

    def __repr__(self) -> str:
        return repr(self._real)


_NAMED_CLASSES: dict[tuple[type, str], type] = {}


def _named(base: type, type_name: str) -> type:
    """A subclass of ``base`` called ``type_name``, so that Python's own error messages
    (``unsupported operand type(s) for +: 'builtin_function_or_method' and 'int'``) name
    the type of the real object behind a wrapper, as plain Python would."""
    key = (base, type_name)
    named = _NAMED_CLASSES.get(key)
    if named is None:
        named = type(type_name, (base,), {"__slots__": (), "__module__": base.__module__})
        _NAMED_CLASSES[key] = named
    return named


class ModuleProxy(Opaque):
    """``torch``, ``torch.nn``, ``torch.nn.functional`` or ``torch.autograd``: only members."""

    __slots__ = ("_name", "_cache")

    def __new__(cls, name: str, real: Any) -> ModuleProxy:
        return object.__new__(_named(cls, "module") if cls is ModuleProxy else cls)

    def __init__(self, name: str, real: Any) -> None:
        super().__init__(real)
        self._name = name
        self._cache: dict[str, Any] = {}

    def member(self, attr: str) -> Any:
        """The whitelisted member ``attr`` (a wrapper, a dtype or a sub-module proxy)."""
        if attr not in self._cache:
            self._cache[attr] = _module_member(self._name, self._real, attr)
        return self._cache[attr]


class Function(Opaque):
    """A whitelisted torch / ``F`` / ``torch.autograd`` / built-in function."""

    __slots__ = ("name", "kind")

    def __new__(cls, name: str, real: Any, kind: str) -> Function:
        return object.__new__(_named(cls, type(real).__name__) if cls is Function else cls)

    def __init__(self, name: str, real: Any, kind: str) -> None:
        super().__init__(real)
        self.name = name
        self.kind = kind


_METHOD_TYPE_NAMES: dict[tuple[type, str], str] = {}


class Method(Opaque):
    """A method bound to a value (``x.sum``, ``node.name``, ``lst.append``)."""

    __slots__ = ("owner", "name")

    def __new__(cls, owner: Any, name: str) -> Method:
        if cls is not Method:
            return object.__new__(cls)
        key = (type(owner), name)
        type_name = _METHOD_TYPE_NAMES.get(key)
        if type_name is None:
            type_name = _METHOD_TYPE_NAMES[key] = type(getattr(owner, name)).__name__
        return object.__new__(_named(cls, type_name))

    def __init__(self, owner: Any, name: str) -> None:
        super().__init__(None)
        self.owner = owner
        self.name = name

    def __repr__(self) -> str:
        return repr(getattr(self.owner, self.name))


def _module_member(module: str, real: Any, attr: str) -> Any:
    if module == "torch":
        if attr == "autograd":
            return AUTOGRAD
        if attr == "nn":
            return NN
        if attr in DTYPES:
            return getattr(torch, attr)
        if attr in TORCH_FUNCTIONS:
            return Function(attr, getattr(torch, attr), "torch")
    elif module == "torch.nn" and attr == "functional":
        return F
    elif module == "torch.nn.functional" and attr in F_FUNCTIONS:
        return Function(attr, getattr(torch_f, attr), "F")
    elif module == "torch.autograd" and attr in ("grad", "backward"):
        return Function(attr, getattr(torch.autograd, attr), f"autograd.{attr}")
    if hasattr(real, attr):
        raise AttributeError(
            with_hint(
                f"'{module}.{attr}' is not available in the playground",
                module_member_hint(module, attr),
            )
        )
    raise AttributeError(f"module '{module}' has no attribute '{attr}'")


TORCH = ModuleProxy("torch", torch)
NN = ModuleProxy("torch.nn", torch.nn)
F = ModuleProxy("torch.nn.functional", torch_f)
AUTOGRAD = ModuleProxy("torch.autograd", torch.autograd)
MODULES: dict[str, ModuleProxy] = {
    "torch": TORCH,
    "torch.nn": NN,
    "torch.nn.functional": F,
    "torch.autograd": AUTOGRAD,
}


#: The built-in functions a script may call, as opaque wrappers.
BUILTIN_FUNCTIONS: dict[str, Function] = {
    "print": Function("print", print, "builtin"),
    "range": Function("range", range, "builtin"),
    "len": Function("len", len, "builtin"),
    "float": Function("float", float, "builtin"),
    "int": Function("int", int, "builtin"),
    "bool": Function("bool", bool, "builtin"),
    "abs": Function("abs", abs, "builtin"),
    "min": Function("min", min, "builtin"),
    "max": Function("max", max, "builtin"),
    "round": Function("round", round, "builtin"),
    "sum": Function("sum", sum, "builtin"),
    "repr": Function("repr", repr, "builtin"),
    "str": Function("str", str, "builtin"),
    "list": Function("list", list, "builtin"),
    "tuple": Function("tuple", tuple, "builtin"),
    "enumerate": Function("enumerate", enumerate, "builtin"),
    "zip": Function("zip", zip, "builtin"),
}
