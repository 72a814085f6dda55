"""A lesson step's ``check``: a small expression over the window's live state. Torch-free.

The expression is parsed with :mod:`ast` and only the node types and functions listed
in ``docs/lessons.md`` are accepted (anything else is a :class:`CheckError` at compile
time); nothing is ever passed to ``eval``. :func:`compile_check` also checks the kinds
(``grad(x) == "a"`` or a bare ``backwards`` is refused), so a malformed check is found
when the lesson is read, not when the learner gets there.

A check is evaluated against a :class:`CheckContext`: the state the kernel sent
(:class:`~playground.protocol.views.StateView`), the last run
(:class:`~playground.protocol.views.RunView`), the last click's error, the Backward
root, the step-through position and the optional Jacobian / timeline providers.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

#: Tolerance of ``==`` on numbers and tensors (``math.isclose``).
REL_TOL = 1e-4
ABS_TOL = 1e-6


class CheckError(ValueError):
    """A check expression that is not in the vocabulary of ``docs/lessons.md``."""


class JacobianProvider(Protocol):
    """What the Jacobian panel tells a check: the leaf whose ∂root/∂leaf it shows."""

    def shown_leaf(self) -> str | None:
        """The leaf shown, or ``None``."""


class TimelineProvider(Protocol):
    """What the forward timeline tells a check: the statement whose state it shows."""

    def position(self) -> int | None:
        """After which statement the panels show the state (``None``: the live state)."""


@dataclass
class CheckContext:
    """Everything a check may read (plain views; any field may be missing)."""

    #: ``playground.protocol.views.StateView`` of the current script, or ``None``.
    state: Any = None
    #: ``playground.protocol.views.RunView`` of the last finished run, or ``None``.
    run: Any = None
    #: The last click's error message (Backward, Zero grad, Run ×N), or ``None``.
    action_error: str | None = None
    #: The Backward panel's chosen root.
    root: str | None = None
    #: The step-through position: 0 is the overview, 1 the first step.
    step: int = 0
    jacobian: JacobianProvider | None = None
    timeline: TimelineProvider | None = None


class _Missing:
    """A tensor (or provider) that is not there: every comparison with it is false."""

    def __repr__(self) -> str:
        return "<missing>"


MISSING = _Missing()
#: A tensor whose values were not sent (too many elements): it is there (``is not
#: None`` holds), every other comparison with it is false.
UNSENT = _Missing()

# Kinds of values, checked at compile time.
BOOL, NUM, TENSOR, LIST, STR, NONE = "bool", "number", "tensor", "list", "text", "None"

#: name -> (result kind, whether it may be None) of the bare names.
VARIABLES: dict[str, tuple[str, bool]] = {
    "backwards": (NUM, False),
    "zeroed": (BOOL, False),
    "ran": (BOOL, False),
    "root": (STR, True),
    "step": (NUM, False),
    "timeline": (NUM, True),
    "optimizer_steps": (NUM, False),
}

#: function -> (argument: "tensor" name or "text" constant, result kind, may be None).
FUNCTIONS: dict[str, tuple[str, str, bool]] = {
    "grad": ("tensor", TENSOR, True),
    "value": ("tensor", TENSOR, False),
    "requires_grad": ("tensor", BOOL, False),
    "is_leaf": ("tensor", BOOL, False),
    "retains_grad": ("tensor", BOOL, False),
    "grad_fn": ("tensor", STR, True),
    "version": ("tensor", NUM, False),
    "shape": ("tensor", LIST, False),
    "exists": ("tensor", BOOL, False),
    "jacobian": ("tensor", BOOL, False),
    "error": ("text", BOOL, False),
    "output": ("text", BOOL, False),
}

_COMPARABLE = {
    (TENSOR, NUM),
    (TENSOR, LIST),
    (NUM, TENSOR),
    (LIST, TENSOR),
    (NUM, NUM),
    (LIST, LIST),
    (STR, STR),
    (TENSOR, TENSOR),
}
_ORDERED = {(TENSOR, NUM), (NUM, TENSOR), (NUM, NUM), (TENSOR, LIST), (LIST, TENSOR)}


# --------------------------------------------------------------------------- compiling
@dataclass(frozen=True)
class Check:
    """A compiled check: call it with a :class:`CheckContext`."""

    source: str
    tree: ast.expr

    def __call__(self, context: CheckContext) -> bool:
        """Whether the check holds in ``context``."""
        return bool(_Evaluator(context).eval(self.tree))


def compile_check(source: str, where: str = "") -> Check:
    """Parse and validate ``source``; raise :class:`CheckError` naming ``where`` (e.g.
    ``"lesson 3, step 2"``) and the reason."""
    try:
        return _compile(source)
    except CheckError as exc:
        prefix = f"{where}: " if where else ""
        raise CheckError(f"{prefix}check {source!r}: {exc}") from None


@lru_cache(maxsize=512)
def _compile(source: str) -> Check:
    if not isinstance(source, str) or not source.strip():
        raise CheckError("a check is an expression (e.g. grad(x) == 4.5)")
    try:
        tree = ast.parse(source.strip(), mode="eval").body
    except SyntaxError as exc:
        raise CheckError(f"not an expression ({exc.msg})") from None
    kind, _ = _kind(tree)
    if kind != BOOL:
        raise CheckError(f"it is a {kind}, not a condition: compare it (e.g. == or >=)")
    return Check(source, tree)


def check_holds(source: str, context: CheckContext) -> bool:
    """Compile (cached) and evaluate ``source`` in ``context``."""
    return compile_check(source)(context)


def _kind(node: ast.expr) -> tuple[str, bool]:
    """(kind, may be None) of ``node``; raises :class:`CheckError` for anything else."""
    handler = _KINDS.get(type(node))
    if handler is None:
        raise CheckError(f"{_node_text(node)} is not allowed in a check")
    return handler(node)


def _node_text(node: ast.AST) -> str:
    try:
        return repr(ast.unparse(node))
    except (AttributeError, ValueError):  # pragma: no cover - ast.unparse handles all nodes
        return type(node).__name__


def _kind_bool_op(node: ast.BoolOp) -> tuple[str, bool]:
    for value in node.values:
        if _kind(value)[0] != BOOL:
            raise CheckError(f"{_node_text(value)} is not a condition")
    return BOOL, False


def _kind_unary(node: ast.UnaryOp) -> tuple[str, bool]:
    if isinstance(node.op, ast.Not):
        if _kind(node.operand)[0] != BOOL:
            raise CheckError(f"'not' needs a condition, not {_node_text(node.operand)}")
        return BOOL, False
    if isinstance(node.op, ast.USub | ast.UAdd) and _is_number(node.operand):
        return NUM, False
    raise CheckError(f"{_node_text(node)} is not allowed in a check")


def _is_number(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    )


def _kind_constant(node: ast.Constant) -> tuple[str, bool]:
    value = node.value
    if value is None:
        return NONE, True
    if isinstance(value, bool):
        return BOOL, False
    if isinstance(value, int | float):
        return NUM, False
    if isinstance(value, str):
        return STR, False
    raise CheckError(f"{_node_text(node)} is not allowed in a check")


def _kind_list(node: ast.List) -> tuple[str, bool]:
    for element in node.elts:
        if _kind(element)[0] != NUM:
            raise CheckError(f"lists hold numbers only, not {_node_text(element)}")
    return LIST, False


def _kind_name(node: ast.Name) -> tuple[str, bool]:
    if node.id in VARIABLES:
        return VARIABLES[node.id]
    if node.id in FUNCTIONS:
        raise CheckError(f"{node.id} is a function: write {node.id}(...)")
    known = ", ".join(VARIABLES)
    raise CheckError(f"unknown name {node.id!r} (tensors go in grad(...), value(...); or {known})")


def _kind_call(node: ast.Call) -> tuple[str, bool]:
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
        known = ", ".join(FUNCTIONS)
        raise CheckError(f"{_node_text(node.func)} is not a check function ({known})")
    name = node.func.id
    argument, result, nullable = FUNCTIONS[name]
    if node.keywords or len(node.args) != 1:
        raise CheckError(f"{name}() takes one argument")
    arg = node.args[0]
    if argument == "tensor" and tensor_name(arg) is None:
        raise CheckError(f"{name}() takes a tensor's name, e.g. {name}(x)")
    if argument == "text" and not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
        raise CheckError(f'{name}() takes a quoted text, e.g. {name}("...")')
    return result, nullable


def tensor_name(node: ast.expr) -> str | None:
    """``x`` or ``model.weight`` for a name or attribute chain, else ``None``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = tensor_name(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def _kind_compare(node: ast.Compare) -> tuple[str, bool]:
    left = _kind(node.left)
    for op, right_node in zip(node.ops, node.comparators, strict=True):
        right = _kind(right_node)
        if isinstance(op, ast.Is | ast.IsNot):
            if right[0] != NONE:
                raise CheckError("'is' and 'is not' only compare with None")
            if not left[1]:
                raise CheckError(f"{_node_text(node.left)} is never None")
        elif isinstance(op, ast.Eq | ast.NotEq):
            if (left[0], right[0]) not in _COMPARABLE:
                raise CheckError(f"a {left[0]} cannot be compared with a {right[0]}")
        elif isinstance(op, ast.Lt | ast.LtE | ast.Gt | ast.GtE):
            if (left[0], right[0]) not in _ORDERED:
                raise CheckError(f"a {left[0]} cannot be ordered against a {right[0]}")
        else:
            raise CheckError(f"the operator {type(op).__name__} is not allowed in a check")
        left = right
    return BOOL, False


_KINDS: dict[type, Callable[[Any], tuple[str, bool]]] = {
    ast.BoolOp: _kind_bool_op,
    ast.UnaryOp: _kind_unary,
    ast.Constant: _kind_constant,
    ast.List: _kind_list,
    ast.Name: _kind_name,
    ast.Call: _kind_call,
    ast.Compare: _kind_compare,
}


# --------------------------------------------------------------------------- evaluating
class _Values(tuple):
    """A tensor's values, flattened (a tuple of floats)."""


def tensor_values(view: Any) -> _Values | _Missing:
    """The flattened values of a ``TensorView`` (:data:`UNSENT` when they were not sent)."""
    values = getattr(view, "values", None)
    if values is None:
        return UNSENT
    try:
        flat = values.reshape(-1).tolist()
        return _Values(float(v) for v in flat)
    except (TypeError, ValueError):  # complex values: not compared
        return UNSENT


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def _pairs(left: Any, right: Any) -> list[tuple[float, float]] | None:
    """Element pairs of two operands (a number broadcasts); ``None`` if sizes differ."""
    lhs = list(left) if isinstance(left, tuple | list) else None
    rhs = list(right) if isinstance(right, tuple | list) else None
    if lhs is None and rhs is None:
        return [(float(left), float(right))]
    if lhs is None:
        lhs = [float(left)] * len(rhs)  # type: ignore[arg-type]
    if rhs is None:
        rhs = [float(right)] * len(lhs)
    if len(lhs) != len(rhs):
        return None
    return [(float(a), float(b)) for a, b in zip(lhs, rhs, strict=True)]


def _equal(left: Any, right: Any) -> bool:
    if left is None or right is None:
        return left is right
    if isinstance(left, str) or isinstance(right, str):
        return left == right
    pairs = _pairs(left, right)
    return pairs is not None and all(_close(a, b) for a, b in pairs)


_ORDER: dict[type, Callable[[float, float], bool]] = {
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b or _close(a, b),
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b or _close(a, b),
}


def compare(op: ast.cmpop, left: Any, right: Any) -> bool:
    """``left op right`` with the check's meaning (see ``docs/lessons.md``)."""
    if left is UNSENT or right is UNSENT:
        return isinstance(op, ast.IsNot)
    if left is MISSING or right is MISSING:
        return False
    if isinstance(op, ast.Is):
        return left is None
    if isinstance(op, ast.IsNot):
        return left is not None
    if isinstance(op, ast.Eq):
        return _equal(left, right)
    if isinstance(op, ast.NotEq):
        return not _equal(left, right)
    if left is None or right is None:
        return False
    pairs = _pairs(left, right)
    test = _ORDER[type(op)]
    return pairs is not None and bool(pairs) and all(test(a, b) for a, b in pairs)


class _Evaluator:
    """Walks a compiled (validated) tree against one context."""

    def __init__(self, context: CheckContext) -> None:
        self.context = context
        state = context.state
        self.tensors: dict[str, Any] = dict(getattr(state, "tensors", None) or {})
        self.history = getattr(state, "history", None)

    def eval(self, node: ast.expr) -> Any:
        """The value of ``node``."""
        if isinstance(node, ast.BoolOp):
            if isinstance(node.op, ast.And):
                return all(self.eval(v) for v in node.values)
            return any(self.eval(v) for v in node.values)
        if isinstance(node, ast.UnaryOp):
            operand = self.eval(node.operand)
            if isinstance(node.op, ast.Not):
                return not operand
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.List):
            return [float(self.eval(e)) for e in node.elts]
        if isinstance(node, ast.Name):
            return getattr(self, f"var_{node.id}")()
        if isinstance(node, ast.Call):
            name = node.func.id  # type: ignore[attr-defined]
            arg = node.args[0]
            value = tensor_name(arg) if FUNCTIONS[name][0] == "tensor" else arg.value  # type: ignore[attr-defined]
            return getattr(self, f"fn_{name}")(value)
        if isinstance(node, ast.Compare):
            return self._compare(node)
        raise CheckError(f"{_node_text(node)} is not allowed in a check")  # pragma: no cover

    def _compare(self, node: ast.Compare) -> bool:
        left = self.eval(node.left)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = self.eval(right_node)
            if not compare(op, left, right):
                return False
            left = right
        return True

    # -- bare names --------------------------------------------------------------------
    def var_backwards(self) -> int:
        return int(self.history.count) if self.history is not None else 0

    def var_zeroed(self) -> bool:
        return bool(self.history.zero_events) if self.history is not None else False

    def var_optimizer_steps(self) -> int:
        return len(self.history.step_events) if self.history is not None else 0

    def var_ran(self) -> bool:
        run = self.context.run
        return run is not None and getattr(run, "ran", True) and run.error is None

    def var_root(self) -> str | None:
        return self.context.root

    def var_step(self) -> int:
        return int(self.context.step)

    def var_timeline(self) -> Any:
        provider = self.context.timeline
        if provider is None:
            return MISSING
        position = provider.position()
        return None if position is None else int(position)

    # -- functions of a tensor -------------------------------------------------------------
    def _tensor(self, name: str) -> Any:
        return self.tensors.get(name, MISSING)

    def fn_grad(self, name: str) -> Any:
        view = self._tensor(name)
        if view is MISSING:
            return MISSING
        return None if view.grad is None else tensor_values(view.grad)

    def fn_value(self, name: str) -> Any:
        view = self._tensor(name)
        return MISSING if view is MISSING else tensor_values(view)

    def _flag(self, name: str, attribute: str) -> bool:
        view = self._tensor(name)
        return view is not MISSING and bool(getattr(view, attribute))

    def fn_requires_grad(self, name: str) -> bool:
        return self._flag(name, "requires_grad")

    def fn_is_leaf(self, name: str) -> bool:
        return self._flag(name, "is_leaf")

    def fn_retains_grad(self, name: str) -> bool:
        return self._flag(name, "retains_grad")

    def fn_exists(self, name: str) -> bool:
        return self._tensor(name) is not MISSING

    def fn_grad_fn(self, name: str) -> Any:
        view = self._tensor(name)
        return MISSING if view is MISSING else view.grad_fn

    def fn_version(self, name: str) -> Any:
        view = self._tensor(name)
        return MISSING if view is MISSING else int(view.version)

    def fn_shape(self, name: str) -> Any:
        view = self._tensor(name)
        return MISSING if view is MISSING else [float(s) for s in view.shape]

    def fn_jacobian(self, name: str) -> bool:
        provider = self.context.jacobian
        return provider is not None and provider.shown_leaf() == name

    # -- functions of a text ---------------------------------------------------------------
    def fn_error(self, text: str) -> bool:
        run = self.context.run
        run_error = getattr(getattr(run, "error", None), "message", None) or ""
        return text in run_error or text in (self.context.action_error or "")

    def fn_output(self, text: str) -> bool:
        run = self.context.run
        if run is None:
            return False
        printed = run.stdout or "".join(
            c.text for c in getattr(run, "chunks", ()) if c.kind == "stdout"
        )
        return text in printed
