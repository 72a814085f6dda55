"""Run a checked syntax tree node by node with real PyTorch objects.

A dispatch table maps each allowed node type to one method; the tree was fully
checked by :mod:`playground.core.checker` before this runs. User code only ever
holds plain values (tensors, numbers, strings, tuples, lists, dtypes, autograd
nodes) and opaque wrappers (:class:`Opaque`) that only this interpreter can call.
"""

from __future__ import annotations

import ast
import io
import math
import operator
import re
import threading
import time
import warnings
import weakref
from collections.abc import Callable, Mapping, Sequence
from itertools import islice
from types import MappingProxyType
from typing import Any

import torch

from playground.core import refusal_hints as hints
from playground.core.checker import node_end, node_position
from playground.core.errors import LimitExceeded, PlaygroundError, RunCancelled, ScriptFailed
from playground.core.limits import Limits
from playground.core.opaque import (
    BUILTIN_FUNCTIONS,
    MODULES,
    TORCH,
    Function,
    Method,
    ModuleProxy,
    Opaque,
)
from playground.core.result import (
    Assignment,
    BackwardCall,
    BackwardObserver,
    OutputChunk,
)
from playground.core.safe_torch import (
    DTYPE_ATTRIBUTES,
    GRAD_MODE_TYPES,
    LIST_METHODS,
    RETURN_TYPE_ATTRIBUTES,
    TENSOR_ATTRIBUTES,
    TENSOR_METHODS,
    broadcast_shape,
    check_nested,
    check_numel,
    check_result,
    guard_call,
    index_numel,
    memory_in_use,
    tensor_text_size,
    text_size,
)
from playground.core.tagging import RunGuard, tag_graph


class ObserverFailed(PlaygroundError):
    """A backward observer (history, tracing) raised: an internal error, not the script's."""

    exit_code = 2


class _Break(BaseException):
    """``break`` unwinding to its loop (never escapes the interpreter)."""


class _Continue(BaseException):
    """``continue`` unwinding to its loop (never escapes the interpreter)."""


_BIN_OPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
    ast.MatMult: operator.matmul,
    ast.BitAnd: operator.and_,
    ast.BitOr: operator.or_,
    ast.BitXor: operator.xor,
    ast.LShift: operator.lshift,
    ast.RShift: operator.rshift,
}
_INPLACE_OPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.iadd,
    ast.Sub: operator.isub,
    ast.Mult: operator.imul,
    ast.Div: operator.itruediv,
    ast.FloorDiv: operator.ifloordiv,
    ast.Mod: operator.imod,
    ast.Pow: operator.ipow,
    ast.MatMult: operator.imatmul,
    ast.BitAnd: operator.iand,
    ast.BitOr: operator.ior,
    ast.BitXor: operator.ixor,
    ast.LShift: operator.ilshift,
    ast.RShift: operator.irshift,
}
_UNARY_OPS: dict[type, Callable[[Any], Any]] = {
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
    ast.Not: operator.not_,
    ast.Invert: operator.invert,
}
_CMP_OPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Is: operator.is_,
    ast.IsNot: operator.is_not,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}
#: Types whose real ``format()`` may see a user-built format spec.
_FORMAT_SAFE = (torch.Tensor, int, float, complex, str, type(None), tuple, list, torch.dtype)
_DIGITS = re.compile(r"\d+")
#: Widths and precisions of %-format specs (``%-10.3f``: 10 and 3).
_PERCENT_WIDTHS = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d*))?")
_TYPE_STRING = re.compile(r"torch\.[A-Za-z]+Tensor")
_SEQ_TYPES = (str, list, tuple)
_NODE_TYPE = torch.autograd.graph.Node
#: Callable objects user code may hold anyway (they are only ever used as values).
_CALLABLE_VALUES = (torch.Tensor, _NODE_TYPE, *GRAD_MODE_TYPES)
_IGNORED_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)


def _method_caller(name: str) -> Callable[..., Any]:
    def call(owner: Any, *args: Any, **kwargs: Any) -> Any:
        return getattr(owner, name)(*args, **kwargs)

    return call


class _Output:
    """stdout and warnings in order, with the output cap."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.cut = False
        self.parts: list[str] = []
        self.chunks: list[OutputChunk] = []
        #: Called with every chunk as it is produced (the kernel streams them).
        self.listener: Callable[[OutputChunk], None] | None = None

    def _add(self, chunk: OutputChunk) -> None:
        self.chunks.append(chunk)
        if self.listener is not None:
            self.listener(chunk)

    def write(self, text: str, line: int | None) -> None:
        if self.cut or not text:
            return
        data = text.encode("utf-8", "surrogatepass")
        if self.size + len(data) > self.max_bytes:
            text = data[: self.max_bytes - self.size].decode("utf-8", "ignore")
            self.cut = True
        self.size += len(data)
        if text:
            self.parts.append(text)
            self._add(OutputChunk("stdout", text, line))
        if self.cut:
            note = (
                f"output cut: the script printed more than the playground's limit of "
                f"{self.max_bytes:,} bytes\n"
            )
            self._add(OutputChunk("warning", note, line))

    def warn(self, text: str, line: int | None) -> None:
        if self.cut:
            return
        self.size += len(text.encode("utf-8", "surrogatepass"))
        if self.size > self.max_bytes:
            self.cut = True
            text = (
                f"output cut: the script printed (and warned) more than the playground's "
                f"limit of {self.max_bytes:,} bytes\n"
            )
        self._add(OutputChunk("warning", text, line))


class Interpreter:
    """Runs one checked script; state (namespace, output) stays inspectable afterwards."""

    def __init__(
        self,
        source: str,
        *,
        limits: Limits,
        observers: Sequence[BackwardObserver] = (),
        cancel: threading.Event | None = None,
        warning_log: list[warnings.WarningMessage] | None = None,
    ) -> None:
        self.lines = source.splitlines()
        self.limits = limits
        self.observers = tuple(observers)
        self.cancel = cancel
        self.warning_log = warning_log if warning_log is not None else []
        self._warnings_seen = 0
        self._warning_keys: set[tuple[str, int | None]] = set()
        self.namespace: dict[str, Any] = {}
        self.modules: dict[str, ModuleProxy] = {}
        self.assignments: dict[str, Assignment] = {}
        self.output = _Output(limits.max_output_bytes)
        self.statements_run = 0
        self.deadline = time.monotonic() + limits.max_seconds
        self._memory_baseline = memory_in_use()
        self.guard = RunGuard(cancel, self.deadline, limits.max_seconds)
        self._line: int | None = None
        self._error: BaseException | None = None
        self._error_node: ast.AST | None = None
        #: Weak references to tensors the statement made (Python frees intermediates at
        #: once; so must we), tagged with its line when it ends.
        self._fresh: list[weakref.ref[torch.Tensor]] = []
        #: Bytes of tensor results since the memory was last measured.
        self._allocated = 0
        self._allocated_check = min(16 << 20, max(limits.max_memory_growth // 8, 1))

    # ------------------------------------------------------------ running

    def run(self, tree: ast.Module) -> PlaygroundError | None:
        """Run every statement; return the error that stopped the run (``None`` if none)."""
        self.guard.active = True
        try:
            self._exec_body(tree.body)
        except PlaygroundError as error:
            # Drop tracebacks and chained causes: they hold this run's frames, and with
            # them every tensor of the run, until the garbage collector happens by.
            error.__traceback__ = error.__cause__ = error.__context__ = None
            self._error = self._error_node = None
            return error
        finally:
            self.guard.active = False
            self._drain_warnings()
        return None

    def user_namespace(self) -> dict[str, Any]:
        """The script's variables without modules and callables."""
        return {k: v for k, v in self.namespace.items() if not isinstance(v, Opaque)}

    def _exec_body(self, body: list[ast.stmt]) -> None:
        for stmt in body:
            self._exec_stmt(stmt)

    def _tick(self) -> None:
        self.statements_run += 1
        if self.statements_run > self.limits.max_statements:
            raise LimitExceeded(
                f"the script ran more than the playground's limit of "
                f"{self.limits.max_statements:,} statements"
            )
        self._check_clock()
        if self.statements_run % self.limits.memory_check_every == 0:
            self._check_memory()

    def _check_clock(self) -> None:
        """Stop on the cancel flag or past the deadline (between statements and after
        every PyTorch call inside one)."""
        if self.cancel is not None and self.cancel.is_set():
            raise RunCancelled("the run was cancelled")
        if time.monotonic() > self.deadline:
            raise LimitExceeded(
                f"the script ran longer than the playground's limit of "
                f"{self.limits.max_seconds:g} seconds"
            )

    def _check_memory(self) -> None:
        """Refuse to go on once this run grew the process's memory past the limit."""
        if self._memory_baseline is None:
            return
        used = memory_in_use()
        if used is not None and used - self._memory_baseline > self.limits.max_memory_growth:
            raise LimitExceeded(
                f"the script's tensors use more than the playground's limit of "
                f"{self.limits.max_memory_growth:,} bytes of memory"
            )

    def _locate(self, error: PlaygroundError, stmt: ast.stmt, exc: BaseException) -> None:
        node = self._error_node if self._error is exc and self._error_node else stmt
        error.line, error.col = node_position(self.lines, node)

    def _exec_stmt(self, stmt: ast.stmt) -> None:
        self._line = stmt.lineno
        try:
            self._tick()
            _STATEMENTS[type(stmt)](self, stmt)
            if not isinstance(stmt, (ast.For, ast.With, ast.If)):
                self._after_statement(stmt)
        except (_Break, _Continue):
            raise
        except PlaygroundError as error:
            if error.line is None:
                self._locate(error, stmt, error)
            raise
        except Exception as exc:  # noqa: BLE001 - reported as Python would report it
            failed = ScriptFailed(str(exc), exc_type=type(exc).__name__)
            self._locate(failed, stmt, exc)
            raise failed from exc
        finally:
            self._drain_warnings()

    def _after_statement(self, stmt: ast.stmt) -> None:
        """Tag the backward nodes of every tensor the statement made with its line."""
        refs, self._fresh = self._fresh, []
        fresh = [t for t in (ref() for ref in refs) if t is not None]
        depth = self.limits.max_graph_depth
        for tensor in fresh:
            try:
                tag_graph(tensor, stmt.lineno, depth, self.guard)
            except LimitExceeded:
                # Unbind it: walking that graph (the graph view does) and dropping it
                # later would crash PyTorch.
                made = {id(t) for t in fresh}
                for name in [k for k, v in self.namespace.items() if id(v) in made]:
                    del self.namespace[name]
                    self.assignments.pop(name, None)
                raise

    def _tag_targets(self, target: ast.expr, line: int) -> None:
        """Tag tensors a ``for`` target was bound to (rows of a tensor carry new nodes)."""
        names = [target] if isinstance(target, ast.Name) else list(ast.walk(target))
        for node in names:
            if isinstance(node, ast.Name):
                value = self.namespace.get(node.id)
                if isinstance(value, torch.Tensor):
                    tag_graph(value, line, self.limits.max_graph_depth, self.guard)

    def _drain_warnings(self) -> None:
        log = self.warning_log
        while self._warnings_seen < len(log):
            record = log[self._warnings_seen]
            self._warnings_seen += 1
            if issubclass(record.category, _IGNORED_WARNINGS):
                continue
            text = f"{record.category.__name__}: {record.message}\n"
            key = (text, self._line)
            if key not in self._warning_keys:
                self._warning_keys.add(key)
                self.output.warn(text, self._line)

    def eval(self, node: ast.expr) -> Any:
        """Evaluate one expression node (remembering the innermost node that failed)."""
        try:
            return _EXPRESSIONS[type(node)](self, node)
        except Exception as exc:
            if self._error is not exc:
                self._error = exc
                self._error_node = node
            raise

    # ------------------------------------------------------------ statements

    def _record(self, name: str, stmt: ast.stmt) -> None:
        line, col = node_position(self.lines, stmt)
        end_line, end_col = node_end(self.lines, stmt)
        self.assignments.pop(name, None)
        self.assignments[name] = Assignment(
            name, line or 0, col or 0, end_line or 0, end_col or 0, torch.is_grad_enabled()
        )

    def _bind(self, name: str, value: Any, stmt: ast.stmt) -> None:
        self.modules.pop(name, None)
        self.namespace[name] = value
        self._record(name, stmt)

    def _exec_expr(self, stmt: ast.Expr) -> None:
        self.eval(stmt.value)

    def _exec_pass(self, stmt: ast.Pass) -> None:
        return None

    def _exec_break(self, stmt: ast.Break) -> None:
        raise _Break

    def _exec_continue(self, stmt: ast.Continue) -> None:
        raise _Continue

    def _exec_assign(self, stmt: ast.Assign) -> None:
        value = self.eval(stmt.value)
        for target in stmt.targets:
            self._assign(target, value, stmt)

    def _assign(self, target: ast.expr, value: Any, stmt: ast.stmt) -> None:
        if isinstance(target, ast.Name):
            self._bind(target.id, value, stmt)
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = self._unpack(value, len(target.elts))
            for sub, item in zip(target.elts, items, strict=True):
                self._assign(sub, item, stmt)
        elif isinstance(target, ast.Subscript):
            owner = self.eval(target.value)
            index = self.eval(target.slice)
            self._setitem(owner, index, value)
        elif isinstance(target, ast.Attribute):
            owner = self.eval(target.value)
            self._setattr(owner, target.attr, value)
        else:  # the checker refuses every other target
            raise ScriptFailed("unsupported assignment target")

    def _unpack(self, value: Any, count: int) -> list[Any]:
        kind = type(value)
        if not (hasattr(kind, "__iter__") or hasattr(kind, "__getitem__")):
            raise TypeError(f"cannot unpack non-iterable {kind.__name__} object")
        iterator = iter(value)  # else the type's own error ("iteration over a 0-d tensor")
        items = list(islice(iterator, count + 1))
        if len(items) < count:
            raise ValueError(f"not enough values to unpack (expected {count}, got {len(items)})")
        if len(items) > count:
            raise ValueError(f"too many values to unpack (expected {count})")
        return items

    def _setitem(self, owner: Any, index: Any, value: Any) -> None:
        if isinstance(owner, Opaque):
            raise TypeError(f"'{_type_name(owner)}' object does not support item assignment")
        if isinstance(owner, torch.Tensor):
            numel = index_numel(owner, index, self.limits)
            if numel is not None:
                check_numel(numel, 8, self.limits, "the indexed assignment")
            if isinstance(value, (list, tuple)):
                check_nested(value, self.limits)
            operator.setitem(owner, index, value)
            self._fresh.append(weakref.ref(owner))  # an in-place write gives it a new backward node
            return
        if type(owner) is list and isinstance(index, slice):
            value = self._bounded_extension(owner, value)
        operator.setitem(owner, index, value)

    def _setattr(self, owner: Any, attr: str, value: Any) -> None:
        if not isinstance(owner, torch.Tensor):
            raise AttributeError(f"'{_type_name(owner)}' object attribute '{attr}' is read-only")
        setattr(owner, attr, value)

    def _exec_augassign(self, stmt: ast.AugAssign) -> None:
        target = stmt.target
        op = type(stmt.op)
        if isinstance(target, ast.Name):
            current = self._eval_name(target)
            value = self.eval(stmt.value)
            self._bind(target.id, self._binop(op, current, value, inplace=True), stmt)
        elif isinstance(target, ast.Subscript):
            owner = self.eval(target.value)
            index = self.eval(target.slice)
            current = self._getitem(owner, index)
            value = self.eval(stmt.value)
            self._setitem(owner, index, self._binop(op, current, value, inplace=True))
        elif isinstance(target, ast.Attribute):
            owner = self.eval(target.value)
            current = self._getattr(owner, target.attr)
            value = self.eval(stmt.value)
            self._setattr(owner, target.attr, self._binop(op, current, value, inplace=True))
        else:  # the checker refuses every other target
            raise ScriptFailed("unsupported assignment target")

    def _exec_import(self, stmt: ast.Import) -> None:
        for alias in stmt.names:
            if alias.asname:
                self._bind_module(alias.asname, MODULES[alias.name], stmt)
            else:
                self._bind_module(alias.name.split(".")[0], TORCH, stmt)

    def _exec_importfrom(self, stmt: ast.ImportFrom) -> None:
        module = MODULES[stmt.module or ""]
        for alias in stmt.names:
            value = module.member(alias.name)
            name = alias.asname or alias.name
            if isinstance(value, ModuleProxy):
                self._bind_module(name, value, stmt)
            else:
                self._bind(name, value, stmt)

    def _bind_module(self, name: str, module: ModuleProxy, stmt: ast.stmt) -> None:
        self.namespace.pop(name, None)
        self.assignments.pop(name, None)
        self.modules[name] = module

    def _exec_with(self, stmt: ast.With) -> None:
        entered: list[Any] = []
        try:
            for item in stmt.items:
                manager = self.eval(item.context_expr)
                if not isinstance(manager, GRAD_MODE_TYPES):
                    raise TypeError(
                        f"'{_type_name(manager)}' object does not support the context "
                        f"manager protocol"
                    )
                value = manager.__enter__()
                entered.append(manager)
                if isinstance(item.optional_vars, ast.Name):
                    self._bind(item.optional_vars.id, value, stmt)
            self._exec_body(stmt.body)
        finally:
            for manager in reversed(entered):
                manager.__exit__(None, None, None)

    def _exec_for(self, stmt: ast.For) -> None:
        iterable = self.eval(stmt.iter)
        if isinstance(iterable, Opaque):
            raise TypeError(f"'{_type_name(iterable)}' object is not iterable")
        for item in iterable:
            self._tick()
            self._assign(stmt.target, item, stmt)
            self._after_statement(stmt)
            self._tag_targets(stmt.target, stmt.lineno)
            try:
                self._exec_body(stmt.body)
            except _Break:
                break
            except _Continue:
                continue
        else:
            self._exec_body(stmt.orelse)

    def _exec_if(self, stmt: ast.If) -> None:
        if self.eval(stmt.test):
            self._exec_body(stmt.body)
        else:
            self._exec_body(stmt.orelse)

    # ------------------------------------------------------------ expressions

    def _eval_constant(self, node: ast.Constant) -> Any:
        return node.value

    def _eval_name(self, node: ast.Name) -> Any:
        name = node.id
        if name in self.namespace:
            return self.namespace[name]
        if name in self.modules:
            return self.modules[name]
        if name in BUILTIN_FUNCTIONS:
            return BUILTIN_FUNCTIONS[name]
        raise NameError(f"name '{name}' is not defined")

    def _eval_attribute(self, node: ast.Attribute) -> Any:
        return self._getattr(self.eval(node.value), node.attr)

    def _getattr(self, owner: Any, attr: str) -> Any:
        if isinstance(owner, ModuleProxy):
            return owner.member(attr)
        if isinstance(owner, torch.Tensor):
            if attr in TENSOR_ATTRIBUTES:
                value = getattr(owner, attr)
                if isinstance(value, torch.Tensor):
                    self._fresh.append(weakref.ref(value))  # ``x.T`` makes a new backward node
                return value
            if attr in TENSOR_METHODS:
                return Method(owner, attr)
        elif isinstance(owner, _NODE_TYPE):
            if attr in ("next_functions", "variable") or attr.startswith("_saved_"):
                return getattr(owner, attr)
            if attr == "name":
                return Method(owner, attr)
        elif isinstance(owner, torch.dtype):
            if attr in DTYPE_ATTRIBUTES:
                return getattr(owner, attr)
        elif type(owner).__module__ == "torch.return_types":
            if attr in RETURN_TYPE_ATTRIBUTES:
                return getattr(owner, attr)
        elif type(owner) is list and attr in LIST_METHODS:
            return Method(owner, attr)
        if not isinstance(owner, Opaque) and hasattr(owner, attr):
            raise AttributeError(
                hints.with_hint(
                    f"attribute '{attr}' of '{_type_name(owner)}' objects is not available "
                    f"in the playground",
                    hints.attribute_hint(attr),
                )
            )
        raise AttributeError(f"'{_type_name(owner)}' object has no attribute '{attr}'")

    def _eval_subscript(self, node: ast.Subscript) -> Any:
        owner = self.eval(node.value)
        return self._getitem(owner, self.eval(node.slice))

    def _getitem(self, owner: Any, index: Any) -> Any:
        if isinstance(owner, Opaque):
            raise TypeError(f"'{_type_name(owner)}' object is not subscriptable")
        if isinstance(owner, torch.Tensor):
            numel = index_numel(owner, index, self.limits)
            if numel is not None:
                check_numel(numel, owner.element_size(), self.limits, "the indexed tensor")
            result = owner[index]
            self._check_big(result)
            return result
        return owner[index]

    def _eval_slice(self, node: ast.Slice) -> slice:
        lower = self.eval(node.lower) if node.lower is not None else None
        upper = self.eval(node.upper) if node.upper is not None else None
        step = self.eval(node.step) if node.step is not None else None
        return slice(lower, upper, step)

    def _eval_tuple(self, node: ast.Tuple) -> tuple[Any, ...]:
        return tuple(self.eval(elt) for elt in node.elts)

    def _eval_list(self, node: ast.List) -> list[Any]:
        return [self.eval(elt) for elt in node.elts]

    def _eval_binop(self, node: ast.BinOp) -> Any:
        left = self.eval(node.left)
        right = self.eval(node.right)
        return self._binop(type(node.op), left, right)

    def _binop(self, op: type, left: Any, right: Any, *, inplace: bool = False) -> Any:
        if inplace and op is ast.Add and type(left) is list:
            right = self._bounded_extension(left, right)
        self._guard_binop(op, left, right)
        fn = _INPLACE_OPS[op] if inplace else _BIN_OPS[op]
        result = fn(left, right)
        if isinstance(result, torch.Tensor):
            self._check_big(result)
        elif isinstance(result, int) and result.bit_length() > self.limits.max_int_bits:
            raise self._int_limit()
        return result

    def _bounded_extension(self, seq: list[Any], value: Any) -> Any:
        """What ``seq += value`` or ``seq[a:b] = value`` adds (any iterable), with the
        resulting length checked before the list grows."""
        if isinstance(value, (list, tuple, str, range)):
            self._check_len(seq, len(seq) + len(value))
            return value
        if isinstance(value, torch.Tensor):
            if value.dim() > 0:
                self._check_len(seq, len(seq) + value.shape[0])
            return value
        if isinstance(value, Opaque) or not hasattr(value, "__iter__"):
            return value  # Python's own error
        room = self.limits.max_seq_len - len(seq)
        items = list(islice(iter(value), max(room, 0) + 1))
        self._check_len(seq, len(seq) + len(items))
        return items

    def _int_limit(self, bits: int | None = None) -> LimitExceeded:
        about = f" (about {bits:,} bits)" if bits is not None and bits < 10**30 else ""
        return LimitExceeded(
            f"the integer result{about} is over the playground's limit of "
            f"{self.limits.max_int_bits:,} bits"
        )

    def _guard_binop(self, op: type, left: Any, right: Any) -> None:
        limits = self.limits
        if op is ast.Mult and (isinstance(left, _SEQ_TYPES) or isinstance(right, _SEQ_TYPES)):
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, _SEQ_TYPES) and not isinstance(count, _SEQ_TYPES):
                    try:
                        times = operator.index(count)
                    except TypeError:
                        return
                    self._check_len(seq, len(seq) * max(times, 0))
            return
        left_tensor, right_tensor = isinstance(left, torch.Tensor), isinstance(right, torch.Tensor)
        if left_tensor or right_tensor:
            if op is not ast.MatMult and (
                (left_tensor and right_tensor and left.shape == right.shape)
                or (left_tensor and isinstance(right, (int, float, bool)))
                or (right_tensor and isinstance(left, (int, float, bool)))
            ):
                return  # the result is no bigger than an operand
            if op is ast.MatMult:
                guard_call("matmul", torch.matmul, (left, right), {}, limits)
            else:
                shapes = [self._shape_of(v) for v in (left, right)]
                if all(s is not None for s in shapes):
                    shape = broadcast_shape(*shapes)  # type: ignore[arg-type]
                    if shape is not None:
                        check_numel(math.prod(shape), 8, limits)
            return
        if isinstance(left, int) and isinstance(right, int):
            if op is ast.Pow and right > 0 and abs(left) > 1:
                bits = _power_bits(left, right)
                if bits > limits.max_int_bits:
                    raise self._int_limit(bits)
            elif op is ast.Mult and left.bit_length() + right.bit_length() > limits.max_int_bits:
                raise self._int_limit(left.bit_length() + right.bit_length())
            elif op is ast.LShift and right > 0 and left.bit_length() + right > limits.max_int_bits:
                raise self._int_limit(left.bit_length() + right)
            return
        if op is ast.Add and isinstance(left, _SEQ_TYPES) and isinstance(right, _SEQ_TYPES):
            self._check_len(left, len(left) + len(right))
        elif op is ast.Mod and isinstance(left, str):
            self._check_format_spec(left, percent=True)
            self._check_text(right)
            widths = sum(int(d) for spec in _PERCENT_WIDTHS.findall(left) for d in spec if d)
            self._check_len(left, len(left) + widths + text_size(right, self.limits.max_str_len))

    def _shape_of(self, value: Any) -> torch.Size | tuple[int, ...] | None:
        if isinstance(value, torch.Tensor):
            return value.shape
        if isinstance(value, (int, float, bool, complex)):
            return ()
        if isinstance(value, (list, tuple)):
            check_nested(value, self.limits)
            try:
                return torch.tensor(value).shape
            except Exception:  # noqa: BLE001 - the real operation reports it
                return None
        return None

    def _check_text(self, *values: Any) -> None:
        """Refuse turning ``values`` into text when that text would be huge."""
        limit = 10 * self.limits.max_str_len
        total = 0
        for value in values:
            if isinstance(value, (list, tuple)):
                total += text_size(value, limit)
            elif isinstance(value, str):
                total += len(value)
            elif isinstance(value, torch.Tensor):
                total += tensor_text_size(value)
            if total > limit:
                raise LimitExceeded(
                    f"the text of these values would be over the playground's limit of "
                    f"{limit:,} characters"
                )

    def _check_len(self, seq: Any, length: int) -> None:
        limit = self.limits.max_str_len if isinstance(seq, str) else self.limits.max_seq_len
        if length > limit:
            kind = "string" if isinstance(seq, str) else _type_name(seq)
            raise LimitExceeded(
                f"a {kind} of length {length:,} is over the playground's limit of {limit:,}"
            )

    def _check_format_spec(self, spec: str, *, percent: bool = False) -> None:
        if percent and "*" in spec:
            raise LimitExceeded(
                hints.with_hint(
                    "'*' widths in %-formatting are not available in the playground",
                    hints.STAR_WIDTH,
                )
            )
        for digits in _DIGITS.findall(spec):
            if len(digits) > 7 or int(digits) > self.limits.max_str_len:
                raise LimitExceeded(
                    f"a format width or precision of {digits} is over the playground's "
                    f"limit of {self.limits.max_str_len:,}"
                )

    def _eval_unaryop(self, node: ast.UnaryOp) -> Any:
        result = _UNARY_OPS[type(node.op)](self.eval(node.operand))
        if isinstance(result, torch.Tensor):
            self._fresh.append(weakref.ref(result))
        return result

    def _eval_boolop(self, node: ast.BoolOp) -> Any:
        is_and = isinstance(node.op, ast.And)
        value: Any = None
        for operand in node.values:
            value = self.eval(operand)
            if bool(value) != is_and:
                return value
        return value

    def _eval_compare(self, node: ast.Compare) -> Any:
        left = self.eval(node.left)
        result: Any = True
        last = len(node.ops) - 1
        for i, (op, comparator) in enumerate(zip(node.ops, node.comparators, strict=True)):
            right = self.eval(comparator)
            if isinstance(left, torch.Tensor) or isinstance(right, torch.Tensor):
                self._guard_binop(ast.Add, left, right)
            if isinstance(left, (list, tuple)) or isinstance(right, (list, tuple)):
                self._guard_tensor_group([left, right])
            result = _CMP_OPS[type(op)](left, right)
            if i < last and not result:
                return result
            left = right
        return result

    def _eval_ifexp(self, node: ast.IfExp) -> Any:
        return self.eval(node.body) if self.eval(node.test) else self.eval(node.orelse)

    def _eval_joinedstr(self, node: ast.JoinedStr) -> str:
        parts = []
        total = 0
        for value in node.values:
            part = self.eval(value)
            total += len(part)
            if total > self.limits.max_str_len:
                self._check_len("", total)
            parts.append(part)
        return "".join(parts)

    def _eval_formattedvalue(self, node: ast.FormattedValue) -> str:
        value = self.eval(node.value)
        self._check_text(value)
        if node.conversion == ord("s"):
            value = str(value)
        elif node.conversion == ord("r"):
            value = repr(value)
        elif node.conversion == ord("a"):
            value = ascii(value)
        spec = self.eval(node.format_spec) if node.format_spec is not None else ""
        if spec:
            self._check_format_spec(spec)
        if isinstance(value, _FORMAT_SAFE) or isinstance(value, (bool, torch.Size)):
            return format(value, spec)
        if spec:
            raise TypeError(f"unsupported format string passed to {_type_name(value)}.__format__")
        return str(value)

    # ------------------------------------------------------------ calls

    def _eval_call(self, node: ast.Call) -> Any:
        func = self.eval(node.func)
        args = [self.eval(arg) for arg in node.args]
        kwargs = {kw.arg: self.eval(kw.value) for kw in node.keywords if kw.arg is not None}
        return self._call(func, args, kwargs)

    def _call(self, func: Any, args: list[Any], kwargs: dict[str, Any]) -> Any:
        if isinstance(func, Method):
            return self._call_method(func.owner, func.name, args, kwargs)
        if isinstance(func, Function):
            if func.kind == "builtin":
                return getattr(self, f"_builtin_{func.name}")(args, kwargs)
            if func.kind == "autograd.grad":
                self._check_batched_grad(args, kwargs)
                result = self._backward("autograd.grad", args, kwargs, func._real)
                self._check_big(result)
                return result
            if func.kind == "autograd.backward":
                return self._backward("backward", args, kwargs, func._real)
            guard_call(func.name, func._real, args, kwargs, self.limits, factory=True)
            result = func._real(*args, **kwargs)
            self._check_big(result)
            return result
        raise TypeError(f"'{_type_name(func)}' object is not callable")

    def _call_method(self, owner: Any, name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        if isinstance(owner, torch.Tensor):
            if name == "backward":
                return self._backward("backward", [owner, *args], kwargs, torch.Tensor.backward)
            if name == "type":
                self._check_type_call(args, kwargs)
            elif name == "tolist":
                rows = math.prod(owner.shape[:-1]) if owner.dim() > 1 else 0
                self._check_len([], max(owner.numel(), rows))
            guard_call(name, _method_caller(name), [owner, *args], kwargs, self.limits)
            result = getattr(owner, name)(*args, **kwargs)
            self._check_big(result)
            return result
        if type(owner) is list and name == "append":
            self._check_len(owner, len(owner) + 1)
        return getattr(owner, name)(*args, **kwargs)

    def _check_big(self, result: Any) -> None:
        """Refuse a too-big result or a callable one, watch memory, and remember new
        tensors for tagging."""
        self._check_clock()
        if callable(result) and not isinstance(result, _CALLABLE_VALUES):
            raise TypeError(
                hints.with_hint(
                    f"this call returned a {_type_name(result)}, which is not available in the "
                    f"playground",
                    hints.GENERIC,
                )
            )
        check_result(result, self.limits)
        if isinstance(result, torch.Tensor):
            self._fresh.append(weakref.ref(result))
            self._allocated += result.numel() * result.element_size()
            if self._allocated >= self._allocated_check:
                self._allocated = 0
                self._check_memory()
        elif isinstance(result, (tuple, list)) and len(result) <= 64:
            self._fresh.extend(weakref.ref(t) for t in result if isinstance(t, torch.Tensor))

    def _check_batched_grad(self, args: list[Any], kwargs: dict[str, Any]) -> None:
        """``autograd.grad(..., is_grads_batched=True)`` returns one gradient per row of
        ``grad_outputs``: refuse it before it runs when that is too big."""
        if not kwargs.get("is_grads_batched"):
            return
        grads = args[2] if len(args) > 2 else kwargs.get("grad_outputs")
        grads = grads if isinstance(grads, (list, tuple)) else (grads,)
        batch = max(
            (g.shape[0] for g in grads if isinstance(g, torch.Tensor) and g.dim() > 0),
            default=1,
        )
        inputs = args[1] if len(args) > 1 else kwargs.get("inputs")
        inputs = inputs if isinstance(inputs, (list, tuple)) else (inputs,)
        for tensor in inputs:
            if isinstance(tensor, torch.Tensor):
                check_numel(batch * tensor.numel(), tensor.element_size(), self.limits)

    def _check_type_call(self, args: list[Any], kwargs: dict[str, Any]) -> None:
        for value in [*args, *kwargs.values()]:
            if isinstance(value, str) and not _TYPE_STRING.fullmatch(value):
                raise TypeError(f"invalid type: '{value}'")
            if not isinstance(value, (str, bool, torch.dtype)):
                raise TypeError("Tensor.type() takes a dtype or a 'torch.*Tensor' name here")

    def _backward(
        self, kind: str, args: list[Any], kwargs: dict[str, Any], fn: Callable[..., Any]
    ) -> Any:
        first = args[0] if args else kwargs.get("outputs", kwargs.get("tensors"))
        roots = tuple(first) if isinstance(first, (list, tuple)) else (first,)
        call = BackwardCall(kind, roots, self._line, "script")  # type: ignore[arg-type]
        view: Mapping[str, Any] = MappingProxyType(self.namespace)
        for observer in self.observers:
            self._notify(observer.backward_started, call, view)
        error: BaseException | None = None
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            error = exc
            raise
        finally:
            for observer in self.observers:
                self._notify(observer.backward_finished, call, view, error)

    def _notify(self, hook: Callable[..., None], *args: Any) -> None:
        try:
            hook(*args)
        except Exception as exc:  # noqa: BLE001 - surfaced as an internal error
            raise ObserverFailed(
                f"internal error in a backward observer: {type(exc).__name__}: {exc}"
            ) from exc

    # ------------------------------------------------------------ builtins

    def _take(self, iterable: Any) -> list[Any]:
        if isinstance(iterable, Opaque):
            raise TypeError(f"'{_type_name(iterable)}' object is not iterable")
        limit = self.limits.max_builtin_items
        items = list(islice(iter(iterable), limit + 1))
        if len(items) > limit:
            raise LimitExceeded(
                f"more than the playground's limit of {limit:,} items in one built-in call"
            )
        return items

    def _builtin_print(self, args: list[Any], kwargs: dict[str, Any]) -> None:
        for key in kwargs:
            if key not in ("sep", "end", "flush"):
                raise TypeError(f"'{key}' is an invalid keyword argument for print()")
        sep, end = kwargs.get("sep"), kwargs.get("end")
        joins = [sep] * (len(args) - 1) if isinstance(sep, str) else []
        self._check_text(*args, *joins, end if isinstance(end, str) else "")
        buffer = io.StringIO()
        print(*args, sep=kwargs.get("sep"), end=kwargs.get("end"), file=buffer)
        self._drain_warnings()
        self.output.write(buffer.getvalue(), self._line)

    def _builtin_range(self, args: list[Any], kwargs: dict[str, Any]) -> range:
        return range(*args, **kwargs)

    def _builtin_len(self, args: list[Any], kwargs: dict[str, Any]) -> int:
        return len(*args, **kwargs)

    def _builtin_float(self, args: list[Any], kwargs: dict[str, Any]) -> float:
        return float(*args, **kwargs)

    def _builtin_int(self, args: list[Any], kwargs: dict[str, Any]) -> int:
        return int(*args, **kwargs)

    def _builtin_bool(self, args: list[Any], kwargs: dict[str, Any]) -> bool:
        return bool(*args, **kwargs)

    def _builtin_abs(self, args: list[Any], kwargs: dict[str, Any]) -> Any:
        return abs(*args, **kwargs)

    def _min_max(self, fn: Callable[..., Any], args: list[Any], kwargs: dict[str, Any]) -> Any:
        if "key" in kwargs:
            raise TypeError(
                hints.with_hint(
                    f"{fn.__name__}() 'key' is not available in the playground", hints.MIN_MAX_KEY
                )
            )
        if len(args) == 1:
            items = self._take(args[0])
            self._guard_tensor_group(items)
            return fn(items, **kwargs)
        self._guard_tensor_group(args)
        return fn(*args, **kwargs)

    def _guard_tensor_group(self, values: Sequence[Any]) -> None:
        """Refuse comparing the tensors in ``values`` (and in lists/tuples inside them) with
        each other when one pair could broadcast too big: bound by the broadcast of the
        largest size of each dimension (comparing multi-element tensors fails anyway)."""
        tensors: list[torch.Tensor] = []
        stack, seen = list(values), set()
        while stack:
            value = stack.pop()
            if isinstance(value, torch.Tensor):
                tensors.append(value)
            elif isinstance(value, (list, tuple)) and id(value) not in seen:
                seen.add(id(value))
                stack.extend(value)
        if len(tensors) < 2:
            return
        ndim = max(t.dim() for t in tensors)
        biggest = [1] * ndim
        for tensor in tensors:
            for i, size in enumerate(tensor.shape, ndim - tensor.dim()):
                biggest[i] = max(biggest[i], size)
        check_numel(math.prod(biggest), 1, self.limits, "the comparison")

    def _builtin_min(self, args: list[Any], kwargs: dict[str, Any]) -> Any:
        return self._min_max(min, args, kwargs)

    def _builtin_max(self, args: list[Any], kwargs: dict[str, Any]) -> Any:
        return self._min_max(max, args, kwargs)

    def _builtin_round(self, args: list[Any], kwargs: dict[str, Any]) -> Any:
        digits = args[1] if len(args) > 1 else kwargs.get("ndigits")
        if isinstance(digits, int) and abs(digits) > 10_000:
            raise LimitExceeded("round() with more than 10,000 digits is not available")
        return round(*args, **kwargs)

    def _builtin_sum(self, args: list[Any], kwargs: dict[str, Any]) -> Any:
        if not args:
            return sum(*args, **kwargs)
        items = self._take(args[0])
        if not any(isinstance(item, torch.Tensor) for item in items):
            start = args[1] if len(args) > 1 else kwargs.get("start", 0)
            if isinstance(start, (list, tuple)):
                return self._sum_sequences(start, items, args, kwargs)
            return sum(items, *args[1:], **kwargs)
        work = sum(item.numel() for item in items if isinstance(item, torch.Tensor))
        if work > 100 * self.limits.max_elements:
            raise LimitExceeded(
                f"sum() over {work:,} tensor elements is over the playground's limit of "
                f"{100 * self.limits.max_elements:,}"
            )
        total = args[1] if len(args) > 1 else kwargs.get("start", 0)
        for item in items:  # tensors: one addition per step, each checked like `+`
            self._tick()
            total = self._binop(ast.Add, total, item)
        return total

    def _sum_sequences(
        self, start: list[Any] | tuple[Any, ...], items: list[Any], args: list[Any], kwargs: Any
    ) -> Any:
        """``sum(lists, [])``: the total length checked first, built in linear time."""
        length = len(start) + sum(len(i) for i in items if isinstance(i, (list, tuple)))
        self._check_len(start, length)
        kind = type(start)
        if items and kind in (list, tuple) and all(type(item) is kind for item in items):
            result = list(start)
            for item in items:
                result.extend(item)
            return result if kind is list else tuple(result)
        return sum(items, *args[1:], **kwargs)  # mixed: Python's own result or error

    def _builtin_repr(self, args: list[Any], kwargs: dict[str, Any]) -> str:
        self._check_text(*args)
        return repr(*args, **kwargs)

    def _builtin_str(self, args: list[Any], kwargs: dict[str, Any]) -> str:
        if len(args) > 1 or kwargs:
            raise TypeError("str() takes one argument in the playground")
        self._check_text(*args)
        return str(*args)

    def _builtin_list(self, args: list[Any], kwargs: dict[str, Any]) -> list[Any]:
        return list(self._take(args[0])) if args else list(*args, **kwargs)

    def _builtin_tuple(self, args: list[Any], kwargs: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(self._take(args[0])) if args else tuple(*args, **kwargs)

    def _builtin_enumerate(self, args: list[Any], kwargs: dict[str, Any]) -> Any:
        if args and isinstance(args[0], Opaque):
            raise TypeError(f"'{_type_name(args[0])}' object is not iterable")
        return enumerate(*args, **kwargs)

    def _builtin_zip(self, args: list[Any], kwargs: dict[str, Any]) -> Any:
        for arg in args:
            if isinstance(arg, Opaque):
                raise TypeError(f"'{_type_name(arg)}' object is not iterable")
        return zip(*args, **kwargs)  # noqa: B905 - strict= is the script's choice


# Dispatch tables: node type -> Interpreter method (filled in below the class).
_STATEMENTS: dict[type, Callable[[Interpreter, Any], None]] = {
    ast.Expr: Interpreter._exec_expr,
    ast.Assign: Interpreter._exec_assign,
    ast.AugAssign: Interpreter._exec_augassign,
    ast.Import: Interpreter._exec_import,
    ast.ImportFrom: Interpreter._exec_importfrom,
    ast.With: Interpreter._exec_with,
    ast.For: Interpreter._exec_for,
    ast.If: Interpreter._exec_if,
    ast.Pass: Interpreter._exec_pass,
    ast.Break: Interpreter._exec_break,
    ast.Continue: Interpreter._exec_continue,
}
_EXPRESSIONS: dict[type, Callable[[Interpreter, Any], Any]] = {
    ast.Constant: Interpreter._eval_constant,
    ast.Name: Interpreter._eval_name,
    ast.Attribute: Interpreter._eval_attribute,
    ast.Subscript: Interpreter._eval_subscript,
    ast.Slice: Interpreter._eval_slice,
    ast.Tuple: Interpreter._eval_tuple,
    ast.List: Interpreter._eval_list,
    ast.BinOp: Interpreter._eval_binop,
    ast.UnaryOp: Interpreter._eval_unaryop,
    ast.BoolOp: Interpreter._eval_boolop,
    ast.Compare: Interpreter._eval_compare,
    ast.IfExp: Interpreter._eval_ifexp,
    ast.Call: Interpreter._eval_call,
    ast.JoinedStr: Interpreter._eval_joinedstr,
    ast.FormattedValue: Interpreter._eval_formattedvalue,
}


def _power_bits(base: int, exponent: int) -> int:
    """About how many bits ``base ** exponent`` has (without computing it)."""
    magnitude = abs(base)
    if magnitude.bit_length() < 1000:
        return (int(math.log2(magnitude) * (1 << 20)) * exponent >> 20) + 1
    return magnitude.bit_length() * exponent


def _type_name(value: Any) -> str:
    """The type name Python would show for ``value`` (wrappers are named after the real
    object's type)."""
    return type(value).__name__
