"""Python mode: the script runs as ``__main__`` under the real CPython, in the kernel child.

Everything is Python's own: the constructs, the modules, the error messages. What the
playground adds is observation only:

* every backward (``Tensor.backward``, ``torch.autograd.backward`` and
  ``torch.autograd.grad``) is reported to the observers (history and tracer), with the
  script line it was called from;
* a :class:`~torch.overrides.TorchFunctionMode` tags each new backward node with the
  innermost script line that created it (``grad_fn.metadata``), also inside functions;
* stdout, stderr and warnings are captured (capped) and streamed as they are written.

The child is disposable, so patching ``torch`` here touches nobody else.
"""

from __future__ import annotations

import ast
import builtins
import linecache
import random
import sys
import time
import traceback
import types
import warnings
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import torch
from torch._C._functorch import is_functorch_wrapped_tensor, maybe_current_level
from torch.optim.optimizer import register_optimizer_step_post_hook
from torch.overrides import TorchFunctionMode

from playground.core.errors import LimitExceeded, PlaygroundError, RunCancelled, ScriptFailed
from playground.core.module_groups import NODE_GROUP_KEY, ModuleCall, module_kind
from playground.core.result import (
    NODE_LINE_KEY,
    NODE_MODULE_KEY,
    Assignment,
    BackwardCall,
    BackwardObserver,
    OutputChunk,
    RunResult,
)
from playground.kernel.names import user_namespace
from playground.kernel.sandbox import BLOCKED_HINT
from playground.kernel.statements import has_module_annotations, statement_codes

#: Most bytes of stdout, stderr and warnings kept together (the rest is cut with a note).
MAX_OUTPUT_BYTES = 1 << 20
#: Longest error message kept (an error listing a 10⁷-dimension shape is cut to this).
MAX_ERROR_CHARS = 10_000
#: Deepest script frames listed above the error line.
MAX_FRAMES = 20
#: Told of each top-level statement after it ran: ``(statement, globals, raised)``.
StatementObserver = Callable[[ast.stmt, dict[str, Any], bool], None]


class TimeLimitReached(BaseException):
    """Raised in the script's thread when its time is up (a BaseException: not caught by
    the script's own ``except Exception``)."""


class Cancelled(BaseException):
    """Raised in the script's thread when the user pressed Stop."""


class Output:
    """Captured output, capped, told to a listener chunk by chunk."""

    def __init__(self, listener: Callable[[OutputChunk], None] | None, limit: int) -> None:
        self.listener = listener
        self.limit = limit
        self.size = 0
        self.cut = False
        self.parts: list[str] = []
        self.chunks: list[OutputChunk] = []

    def add(self, kind: str, text: str, line: int | None = None) -> None:
        """Keep ``text`` (or the part of it under the cap)."""
        if self.cut or not text:
            return
        data = text.encode("utf-8", "surrogatepass")
        if self.size + len(data) > self.limit:
            text = data[: self.limit - self.size].decode("utf-8", "ignore")
            self.cut = True
        self.size += len(data)
        if text:
            self._emit(OutputChunk(kind, text, line))  # type: ignore[arg-type]
        if self.cut:
            note = f"output cut: the script printed more than {self.limit:,} bytes\n"
            self._emit(OutputChunk("warning", note, None))

    def _emit(self, chunk: OutputChunk) -> None:
        if chunk.kind == "stdout":
            self.parts.append(chunk.text)
        self.chunks.append(chunk)
        if self.listener is not None:
            self.listener(chunk)


class _Stream:
    """A text stream (``sys.stdout``/``sys.stderr``) that writes into :class:`Output`."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, output: Output, kind: str) -> None:
        self._output = output
        self._kind = kind

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        text.encode("utf-8")  # what a UTF-8 stdout raises for lone surrogates, raised here
        self._output.add(self._kind, text)
        return len(text)

    def flush(self) -> None:
        """Nothing is buffered."""

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        raise OSError("the playground's output stream has no file descriptor")


def script_line(filename: str) -> int | None:
    """The innermost line of the script on the current stack (``None`` outside it)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == filename:
            return frame.f_lineno
        frame = frame.f_back
    return None


class GradEvents:
    """Zeroing as it happens, told to the observers that record it: ``optimizer.zero_grad()``,
    ``module.zero_grad()``, ``x.grad.zero_()`` and ``x.grad = None``."""

    def __init__(
        self,
        observers: Sequence[BackwardObserver],
        tensors: Callable[[], dict],
        filename: str | None = None,
    ) -> None:
        self._observers = observers
        self._tensors = tensors
        #: The script's file name: each zeroing is recorded with its script line.
        self._filename = filename
        #: Inside a zero_grad() call: its own ``p.grad = None`` are not separate events.
        self.quiet = 0

    def zeroed(self, set_to_none: bool) -> None:
        """Record one zeroing (unless inside a zero_grad call)."""
        if self.quiet:
            return
        line = script_line(self._filename) if self._filename else None
        for observer in self._observers:
            record = getattr(observer, "record_zero", None)
            if record is not None:
                record(set_to_none=set_to_none, source="script", line=line)

    def is_grad(self, tensor: Any) -> bool:
        """Whether ``tensor`` is the ``.grad`` of one of the script's leaves."""
        for value in self._tensors().values():
            if isinstance(value, torch.Tensor) and value.is_leaf and value.grad is tensor:
                return True
        return False

    def before(self, func: Any, args: tuple) -> bool | None:
        """What zeroing ``func(*args)`` is: True for ``.grad = None``, False for
        ``.grad.zero_()``, ``None`` when it is none."""
        if self.quiet or not args:
            return None
        name = getattr(func, "__name__", "")
        if name == "zero_" and self.is_grad(args[0]):
            return False
        owner = getattr(func, "__self__", None)
        if name == "__set__" and getattr(owner, "__name__", "") == "grad":
            if len(args) >= 2 and args[1] is None and args[0].grad is not None:
                return True
        return None


class ModuleTracker:
    """Which ``nn.Module``'s forward is running, named by its path in the script's
    objects (``model.0 (Linear)``), through PyTorch's global module hooks."""

    def __init__(self, globals_: dict[str, Any]) -> None:
        self._globals = globals_
        self._stack: list[Any] = []
        self._paths: dict[int, str] = {}
        self._handles: list[Any] = []
        #: One record per forward call running (parallel to ``_stack``), for the groups.
        self._calls: list[ModuleCall] = []
        self._serial = 0
        self._unnamed: set[int] = set()

    def __enter__(self) -> ModuleTracker:
        hooks = torch.nn.modules.module
        self._handles = [
            hooks.register_module_forward_pre_hook(self._enter),
            hooks.register_module_forward_hook(self._leave, always_call=True),
        ]
        return self

    def __exit__(self, *exc: object) -> None:
        for handle in self._handles:
            handle.remove()
        self._handles.clear()

    def _enter(self, module: Any, _inputs: Any) -> None:
        self._stack.append(module)
        self._serial += 1
        parent = self._calls[-1] if self._calls else None
        call = ModuleCall(
            self._path(module), module_kind(module), weakref.ref(module), parent, self._serial
        )
        self._calls.append(call)

    def _leave(self, module: Any, _inputs: Any, _output: Any) -> None:
        if self._stack and self._stack[-1] is module:
            self._stack.pop()
            self._calls.pop()

    def current_call(self) -> ModuleCall | None:
        """The innermost module call running (its ``parent`` chain is the whole stack)."""
        return self._calls[-1] if self._calls else None

    def _path(self, module: Any) -> str:
        """The module's path among the script's objects (``""`` if it has none); a
        module not found is looked for again only once."""
        path = self._paths.get(id(module))
        if path is None and id(module) not in self._unnamed:
            self._index()
            path = self._paths.get(id(module))
            if path is None:
                self._unnamed.add(id(module))
        return path or ""

    def current(self) -> str | None:
        """``"path (Type)"`` of the innermost module running, or ``None``."""
        if not self._stack:
            return None
        module = self._stack[-1]
        path = self._paths.get(id(module))
        if path is None:
            self._index()
            path = self._paths.get(id(module), "")
        kind = type(module).__name__
        return f"{path} ({kind})" if path else kind

    def _index(self) -> None:
        self._paths.clear()
        for name, value in list(self._globals.items()):
            if isinstance(value, torch.nn.Module) and not name.startswith("__"):
                for path, sub in value.named_modules(prefix=name):
                    self._paths.setdefault(id(sub), path)


class LineTagger(TorchFunctionMode):
    """Tags every new backward node with the script line that created it (and the module
    whose forward created it)."""

    def __init__(
        self,
        filename: str,
        modules: ModuleTracker | None = None,
        events: GradEvents | None = None,
    ) -> None:
        super().__init__()
        self.filename = filename
        self.modules = modules
        self.events = events

    def __torch_function__(self, func, types, args=(), kwargs=None):  # noqa: ANN001
        if maybe_current_level() is not None:
            # Inside torch.func transforms (vmap, grad, jacrev ...): step aside entirely,
            # their wrapper tensors have no storage and no metadata of ours to carry.
            with torch._C.DisableTorchFunction():
                return func(*args, **(kwargs or {}))
        zeroing = self.events.before(func, args) if self.events is not None else None
        result = func(*args, **(kwargs or {}))
        if zeroing is not None:
            self.events.zeroed(zeroing)
        if not isinstance(result, torch.Tensor) or is_functorch_wrapped_tensor(result):
            return result
        grad_fn = result.grad_fn
        if grad_fn is not None:
            try:
                meta = grad_fn.metadata
                if NODE_LINE_KEY not in meta:
                    line = script_line(self.filename)
                    if line is not None:
                        meta[NODE_LINE_KEY] = line
                    module = self.modules.current() if self.modules is not None else None
                    if module is not None:
                        meta[NODE_MODULE_KEY] = module
                        meta[NODE_GROUP_KEY] = self.modules.current_call()
            except (AttributeError, RuntimeError):
                pass  # nodes without metadata (e.g. some custom Functions) stay untagged
        return result


@contextmanager
def observed_backwards(
    observers: Sequence[BackwardObserver],
    namespace: Callable[[], dict[str, Any]],
    filename: str,
    events: GradEvents | None = None,
) -> Iterator[None]:
    """Report every backward the script runs to ``observers`` (patched for this child)."""
    if not observers:
        yield
        return
    real_backward = torch.autograd.backward
    real_grad = torch.autograd.grad
    depth = [0]

    def observed(kind: str, roots: Any, run: Callable[[], Any]) -> Any:
        if depth[0] or maybe_current_level() is not None:
            # A backward inside a hook or a custom Function (one call is enough), or one
            # torch.func runs inside a transform (its tensors are wrappers: not observable).
            return run()
        roots_t = tuple(r for r in _as_tuple(roots) if isinstance(r, torch.Tensor))
        call = BackwardCall(kind=kind, roots=roots_t, line=script_line(filename), source="script")
        names = namespace()
        for observer in observers:
            observer.backward_started(call, names)
        error: BaseException | None = None
        depth[0] += 1
        try:
            return run()
        except BaseException as exc:
            error = exc
            raise
        finally:
            depth[0] -= 1
            for observer in observers:
                observer.backward_finished(call, names, error)

    def backward(tensors: Any, *args: Any, **kwargs: Any) -> Any:
        return observed("backward", tensors, lambda: real_backward(tensors, *args, **kwargs))

    def grad(outputs: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("is_grads_batched"):  # vmapped inside the engine: nothing to observe
            return real_grad(outputs, *args, **kwargs)
        if not depth[0] and maybe_current_level() is None:  # what observed() records
            _note_grad_call(observers, args, kwargs)
        return observed("autograd.grad", outputs, lambda: real_grad(outputs, *args, **kwargs))

    events = events or GradEvents(observers, namespace, filename)

    def stepped(*_args: Any) -> None:
        for observer in observers:
            record = getattr(observer, "record_step_event", None)
            if record is not None:
                record(source="script")

    real_optimizer_zero = torch.optim.Optimizer.zero_grad
    real_module_zero = torch.nn.Module.zero_grad

    def quietly(real: Callable[..., None], owner: Any, set_to_none: bool) -> None:
        events.quiet += 1
        try:
            real(owner, set_to_none)
        finally:
            events.quiet -= 1
        events.zeroed(bool(set_to_none))

    def optimizer_zero_grad(self: Any, set_to_none: bool = True) -> None:
        quietly(real_optimizer_zero, self, set_to_none)

    def module_zero_grad(self: Any, set_to_none: bool = True) -> None:
        quietly(real_module_zero, self, set_to_none)

    torch.autograd.backward = backward
    torch.autograd.grad = grad
    torch.optim.Optimizer.zero_grad = optimizer_zero_grad  # type: ignore[method-assign]
    torch.nn.Module.zero_grad = module_zero_grad  # type: ignore[method-assign]
    step_hook = register_optimizer_step_post_hook(stepped)
    try:
        yield
    finally:
        torch.autograd.backward = real_backward
        torch.autograd.grad = real_grad
        torch.optim.Optimizer.zero_grad = real_optimizer_zero  # type: ignore[method-assign]
        torch.nn.Module.zero_grad = real_module_zero  # type: ignore[method-assign]
        step_hook.remove()


def _note_grad_call(observers: Sequence[BackwardObserver], args: tuple, kwargs: dict) -> None:
    """Tell the observers the inputs and ``allow_unused`` of a ``torch.autograd.grad``
    call (``grad(outputs, inputs, grad_outputs, retain_graph, create_graph,
    only_inputs, allow_unused, ...)``)."""
    inputs = args[0] if args else kwargs.get("inputs")
    allow = args[5] if len(args) > 5 else kwargs.get("allow_unused")
    allow = bool(allow) or bool(kwargs.get("materialize_grads"))
    for observer in observers:
        note = getattr(observer, "note_grad_call", None)
        if note is not None:
            note(inputs=_as_tuple(inputs), allow_unused=allow)


def _as_tuple(value: Any) -> tuple[Any, ...]:
    if isinstance(value, torch.Tensor):
        return (value,)
    try:
        return tuple(value)
    except TypeError:
        return (value,)


def static_assignments(tree: ast.Module) -> dict[str, Assignment]:
    """The last module-level statement binding each name (not inside ``def``/``class``),
    and whether it sits inside a ``with torch.no_grad():``."""
    found: dict[str, Assignment] = {}

    def names_of(target: ast.expr) -> list[str]:
        if isinstance(target, ast.Name):
            return [target.id]
        if isinstance(target, ast.Tuple | ast.List):
            return [n for t in target.elts for n in names_of(t)]
        if isinstance(target, ast.Starred):
            return names_of(target.value)
        return []

    def walk(body: list[ast.stmt], grad: bool) -> None:
        for stmt in body:
            targets: list[ast.expr] = []
            if isinstance(stmt, ast.Assign):
                targets = list(stmt.targets)
            elif isinstance(stmt, ast.AnnAssign | ast.AugAssign):
                targets = [stmt.target]
            elif isinstance(stmt, ast.For | ast.AsyncFor):
                targets = [stmt.target]
            for target in targets:
                for name in names_of(target):
                    found[name] = Assignment(
                        name,
                        stmt.lineno,
                        stmt.col_offset + 1,
                        stmt.end_lineno or stmt.lineno,
                        (stmt.end_col_offset or 0) + 1,
                        grad,
                    )
            if isinstance(stmt, ast.With):
                off = any(_is_no_grad(item.context_expr) for item in stmt.items)
                walk(stmt.body, grad and not off)
            elif isinstance(stmt, ast.For | ast.While | ast.If):
                walk(stmt.body, grad)
                walk(stmt.orelse, grad)
            elif isinstance(stmt, ast.Try):
                for part in (stmt.body, stmt.orelse, stmt.finalbody):
                    walk(part, grad)
                for handler in stmt.handlers:
                    walk(handler.body, grad)

    walk(tree.body, True)
    return found


def _is_no_grad(expr: ast.expr) -> bool:
    if isinstance(expr, ast.Call):
        expr = expr.func
    return isinstance(expr, ast.Attribute) and expr.attr in ("no_grad", "inference_mode")


def qualified_type(exc: BaseException) -> str:
    """The exception's type as Python's traceback prints it (``torch.X`` outside builtins)."""
    kind = type(exc)
    name = kind.__qualname__
    if kind.__module__ not in ("__main__", "builtins"):
        name = f"{kind.__module__}.{name}"
    return name


def _message(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception as inner:  # noqa: BLE001 - a broken __str__ is reported, not raised
        text = f"<exception str() failed: {type(inner).__name__}>"
    if len(text) > MAX_ERROR_CHARS:
        text = text[: MAX_ERROR_CHARS - 100] + f"… ({len(text):,} characters, cut)"
    return text


def script_error(exc: BaseException, filename: str, lines: list[str]) -> ScriptFailed:
    """Python's error as one located line, with the script's own frames above it."""
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        col = exc.offset if exc.offset else None
        error = ScriptFailed(str(exc.msg), exc.lineno, col, qualified_type(exc))
        error.frames = ()
        return error
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    line = col = None
    if frames:
        line = frames[-1].lineno
        colno = getattr(frames[-1], "colno", None)
        col = colno + 1 if colno is not None else None
    message = _message(exc)
    if isinstance(exc, PermissionError):
        message = f"{message} {BLOCKED_HINT}"
    error = ScriptFailed(message, line, col, qualified_type(exc))
    listed = []
    for f in frames[-MAX_FRAMES:]:
        text = (f.line or "").strip()
        listed.append(f"  {filename}:{f.lineno} in {f.name}: {text}"[:400])
    error.frames = tuple(listed)
    return error


def _seed(fixed: bool) -> None:
    """``torch.manual_seed(0)``, or fresh entropy. Either way ``random`` and numpy's global
    generator get fresh entropy, as in a new process (a forked child would otherwise
    repeat the zygote's state on every run)."""
    random.seed()
    numpy_random = sys.modules.get("numpy.random")
    if numpy_random is not None:
        numpy_random.seed()
    if fixed:
        torch.manual_seed(0)
    else:
        torch.seed()


def run_python(
    source: str,
    *,
    filename: str = "script.py",
    grad_enabled: bool = True,
    seed: bool = True,
    observers: Sequence[BackwardObserver] = (),
    on_output: Callable[[OutputChunk], None] | None = None,
    max_output_bytes: int = MAX_OUTPUT_BYTES,
    tag_lines: bool = True,
    on_statement: StatementObserver | None = None,
) -> tuple[RunResult, dict[str, Any]]:
    """Run ``source`` as ``__main__``; return what it left and its globals.

    Never raises for anything the script does (``Cancelled``/``TimeLimitReached`` included):
    every problem is in ``RunResult.error``. ``sys.exit(0)`` is a clean end. With
    ``on_statement`` the top-level statements run one by one and it is told of each
    (the statement, the globals, whether it raised) after it ran.
    """
    started = time.perf_counter()
    output = Output(on_output, max_output_bytes)
    lines = source.splitlines()
    module = types.ModuleType("__main__")
    module.__file__ = filename
    module.__builtins__ = builtins  # type: ignore[attr-defined]
    globals_ = module.__dict__
    error: PlaygroundError | None = None
    assignments: dict[str, Assignment] = {}
    linecache.cache[filename] = (len(source), None, [ln + "\n" for ln in lines], filename)
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
        tree = ast.parse(source, filename)
        assignments = static_assignments(tree)
        statements = statement_codes(tree, filename) if on_statement is not None else None
    except SyntaxError as exc:
        error = script_error(exc, filename, lines)
        error.not_run = True  # nothing ran: the last good state stays on screen
        return _result(source, {}, output, error, {}, started), {}
    except ValueError as exc:  # NUL bytes in the source
        error = ScriptFailed(str(exc), None, None, "SyntaxError")
        error.not_run = True
        return _result(source, {}, output, error, {}, started), {}
    saved = sys.stdout, sys.stderr, sys.argv, sys.modules.get("__main__"), warnings.showwarning

    def showwarning(message, category, file_, lineno, file=None, line=None):  # noqa: ANN001
        if file_ == __file__:  # raised in C++ under the line tagger: Python names the caller
            caller = script_line(filename)
            if caller is not None:
                file_, lineno, line = filename, caller, lines[caller - 1]
        text = warnings.formatwarning(message, category, file_, lineno, line)
        output.add("warning", text, lineno if file_ == filename else None)

    sys.stdout, sys.stderr = _Stream(output, "stdout"), _Stream(output, "stderr")
    sys.argv = [filename]
    sys.modules["__main__"] = module
    warnings.showwarning = showwarning
    try:
        _seed(seed)
        modules = ModuleTracker(globals_)
        events = GradEvents(observers, lambda: user_namespace(globals_), filename)
        tagger = LineTagger(filename, modules, events) if tag_lines else None
        with (
            torch.set_grad_enabled(grad_enabled),
            observed_backwards(observers, lambda: user_namespace(globals_), filename, events),
            modules,
        ):
            if statements is not None and has_module_annotations(tree.body):
                globals_["__annotations__"] = {}  # what the whole module's code does first
            if tagger is not None:
                with tagger:
                    _execute(code, statements, globals_, on_statement)
            else:
                _execute(code, statements, globals_, on_statement)
    except SystemExit as exc:
        if exc.code not in (None, 0):
            message = "" if isinstance(exc.code, int) else str(exc.code)
            error = ScriptFailed(message or f"exit status {exc.code}", None, None, "SystemExit")
            error.exit_status = exc.code if isinstance(exc.code, int) else 1
    except Cancelled:
        error = RunCancelled("stopped (the Stop button)", script_line_of(filename))
    except TimeLimitReached as exc:
        error = LimitExceeded(str(exc), script_line_of(filename))
    except BaseException as exc:  # noqa: BLE001 - the script's own error, reported as Python does
        error = script_error(exc, filename, lines)
    finally:
        sys.stdout.flush()
        sys.stdout, sys.stderr, sys.argv, main, warnings.showwarning = saved
        if main is not None:
            sys.modules["__main__"] = main
    return _result(source, user_namespace(globals_), output, error, assignments, started), globals_


def _execute(
    code: types.CodeType,
    statements: list[tuple[ast.stmt, types.CodeType]] | None,
    globals_: dict[str, Any],
    on_statement: StatementObserver | None,
) -> None:
    """The whole module, or its statements one by one with ``on_statement`` after each
    (here, in this file: a warning's ``stacklevel`` past the script lands on this file,
    which ``run_python``'s ``showwarning`` maps back to the script's line)."""
    if statements is None or on_statement is None:
        exec(code, globals_)  # noqa: S102 - Python mode runs the real script
        return
    for stmt, statement in statements:
        try:
            exec(statement, globals_)  # noqa: S102
        except (Cancelled, TimeLimitReached):
            raise
        except BaseException:
            on_statement(stmt, globals_, True)
            raise
        on_statement(stmt, globals_, False)


def script_line_of(filename: str) -> int | None:
    """The line the script was on when the last exception was raised."""
    tb = sys.exc_info()[2]
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _result(
    source: str,
    namespace: dict[str, Any],
    output: Output,
    error: PlaygroundError | None,
    assignments: dict[str, Assignment],
    started: float,
) -> RunResult:
    return RunResult(
        source=source,
        namespace=namespace,
        stdout="".join(output.parts),
        chunks=output.chunks,
        error=error,
        assignments={k: v for k, v in assignments.items() if k in namespace},
        duration_s=time.perf_counter() - started,
    )
