"""Structured edits as code: pure rewrites of the script text (Qt-free).

Every structured edit of the GUI (a ``requires_grad`` checkbox, a value cell, the
no_grad gutter toggle, an "Add" form) becomes a list of :class:`TextEdit` on the
script, located with ``ast`` positions (never a regex over the whole file), so that
everything else in the file -- comments, blank lines, formatting -- stays untouched
and the result still parses and runs in plain Python.

Offsets are Python ``str`` indices into the source (``ast`` columns are UTF-8 byte
offsets; they are converted here).
"""

from __future__ import annotations

import ast
import io
import math
import re
import tokenize
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = [
    "EditError",
    "FACTORIES",
    "TextEdit",
    "append_statement",
    "apply_edits",
    "format_number",
    "is_created_by_factory",
    "set_requires_grad",
    "set_tensor_values",
    "statement_lines",
    "tensor_literal",
    "toggle_no_grad",
]

#: ``torch.<name>(...)`` calls that create a fresh leaf and accept ``requires_grad=``.
FACTORIES = frozenset(
    {
        "tensor",
        "ones",
        "zeros",
        "full",
        "empty",
        "eye",
        "rand",
        "randn",
        "arange",
        "linspace",
        "logspace",
        "ones_like",
        "zeros_like",
        "full_like",
        "empty_like",
        "rand_like",
        "randn_like",
    }
)

_INDENT = "    "
_NEWLINE = re.compile(r"\r\n|\r|\n")


class EditError(ValueError):
    """The requested rewrite is not possible on this script (the message says why)."""


@dataclass(frozen=True)
class TextEdit:
    """Replace ``source[start:end]`` with ``text`` (``start == end`` inserts)."""

    start: int
    end: int
    text: str


def apply_edits(source: str, edits: Sequence[TextEdit]) -> str:
    """Apply non-overlapping edits (offsets refer to the original ``source``)."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.start < a.end:
            raise EditError(f"overlapping edits at {a.start}..{a.end} and {b.start}..{b.end}")
    out: list[str] = []
    pos = 0
    for e in ordered:
        if not 0 <= e.start <= e.end <= len(source):
            raise EditError(f"edit {e.start}..{e.end} is outside the script")
        out.append(source[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(source[pos:])
    return "".join(out)


# --------------------------------------------------------------------------- source model


class _Src:
    """The source with its lines, for converting ``ast`` positions to ``str`` offsets."""

    def __init__(self, source: str) -> None:
        self.text = source
        try:
            self.tree = ast.parse(source)
        except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
            raise EditError(f"the script does not parse: {exc}") from exc
        #: Offset where each 1-based line starts (index 0 unused) and where its text ends.
        self.starts = [0, 0]
        self.ends: list[int] = [0]
        for m in _NEWLINE.finditer(source):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(source))

    @property
    def nlines(self) -> int:
        """Number of lines (a final newline opens one more, empty line)."""
        return len(self.ends) - 1

    def line(self, lineno: int) -> str:
        """Text of a 1-based line, without its newline."""
        return self.text[self.starts[lineno] : self.ends[lineno]]

    def offset(self, lineno: int, col_bytes: int) -> int:
        """``str`` offset of an ``ast`` (line, UTF-8 byte column) position."""
        line = self.line(lineno)
        return self.starts[lineno] + len(line.encode("utf-8")[:col_bytes].decode("utf-8"))

    def start(self, node: ast.AST) -> int:
        """Offset where ``node`` starts."""
        return self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def end(self, node: ast.AST) -> int:
        """Offset just after ``node``."""
        return self.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]

    def line_end_with_newline(self, lineno: int) -> int:
        """Offset of the start of the next line (or the end of the text)."""
        return self.starts[lineno + 1] if lineno < self.nlines else len(self.text)

    def newline(self) -> str:
        """The script's newline convention (``\\n`` when it has none)."""
        m = _NEWLINE.search(self.text)
        return m.group(0) if m else "\n"

    def alone_on_lines(self, first: ast.stmt, last: ast.stmt) -> bool:
        """Whether ``first``..``last`` own their lines (only blanks before, a comment after)."""
        before = self.text[self.starts[first.lineno] : self.start(first)]
        after = self.text[self.end(last) : self.ends[last.end_lineno]]  # type: ignore[index]
        after = after.strip()
        if after.startswith(";"):
            after = after[1:].strip()
        return before.strip() == "" and (after == "" or after.startswith("#"))

    def string_interior_lines(self) -> set[int]:
        """Lines that begin inside a multi-line string (never re-indent those)."""
        lines: set[int] = set()
        try:
            for tok in tokenize.generate_tokens(io.StringIO(self.text).readline):
                if tok.type == tokenize.STRING and tok.end[0] > tok.start[0]:
                    lines.update(range(tok.start[0] + 1, tok.end[0] + 1))
        except (tokenize.TokenError, SyntaxError):
            pass  # the text parsed, so this only happens at a truncated end; nothing to protect
        return lines


def _bodies(tree: ast.AST) -> Iterator[tuple[ast.AST, list[ast.stmt]]]:
    """Every statement list in the tree with its owner, outermost first, in source order."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        found: list[tuple[ast.AST, list[ast.stmt]]] = []
        for field in ("body", "orelse", "finalbody"):
            stmts = getattr(node, field, None)
            if isinstance(stmts, list) and stmts and isinstance(stmts[0], ast.stmt):
                found.append((node, stmts))
        for handler in getattr(node, "handlers", []) or []:
            found.append((handler, handler.body))
        for case in getattr(node, "cases", []) or []:
            found.append((case, case.body))
        found.sort(key=lambda item: (item[1][0].lineno, item[1][0].col_offset))
        yield from found
        children = [s for _, stmts in found for s in stmts]
        stack.extend(reversed(children))


def _all_statements(tree: ast.AST) -> list[ast.stmt]:
    """Every statement, nested ones included, in source order."""
    stmts = [s for _, body in _bodies(tree) for s in body]
    stmts.sort(key=lambda s: (s.lineno, s.col_offset))
    return stmts


def _binds(stmt: ast.stmt, name: str) -> bool:
    """Whether ``stmt`` is an assignment that (re)binds ``name``."""
    if isinstance(stmt, ast.Assign):
        targets = stmt.targets
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        targets = [stmt.target]
    else:
        return False
    return any(_target_binds(t, name) for t in targets)


def _target_binds(target: ast.expr, name: str) -> bool:
    """Whether an assignment target rebinds ``name`` (``x.attr = ...`` and ``x[i] = ...``
    do not)."""
    if isinstance(target, ast.Name):
        return target.id == name
    if isinstance(target, ast.Starred):
        return _target_binds(target.value, name)
    if isinstance(target, ast.Tuple | ast.List):
        return any(_target_binds(t, name) for t in target.elts)
    return False


def _last_binding(src: _Src, name: str, line: int | None = None) -> ast.Assign | ast.AnnAssign:
    """The assignment statement that binds ``name`` starting on ``line`` (the one that ran
    last, as the interpreter reports it), else the last one in text order."""
    found = [s for s in _all_statements(src.tree) if _binds(s, name)]
    if not found:
        raise EditError(f"the script never assigns {name!r}")
    at_line = [s for s in found if s.lineno == line]
    return (at_line or found)[-1]  # type: ignore[return-value]


def _simple_value(stmt: ast.Assign | ast.AnnAssign, name: str) -> ast.expr | None:
    """The value expression when ``name`` is bound directly to it (not by unpacking)."""
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    if any(isinstance(t, ast.Name) and t.id == name for t in targets):
        return stmt.value
    return None


def _factory_call(value: ast.expr | None) -> ast.Call | None:
    """``value`` when it is ``torch.<factory>(...)``, else ``None``."""
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and isinstance(value.func.value, ast.Name)
        and value.func.value.id == "torch"
        and value.func.attr in FACTORIES
    ):
        return value
    return None


def grad_off_kind(expr: ast.expr) -> str | None:
    """How ``expr`` turns grad mode off: ``"no_grad"`` / ``"inference_mode"`` for
    ``torch.no_grad()`` / ``torch.inference_mode()`` (also bare, as a decorator
    ``@torch.no_grad``, or imported by name), ``"set_grad_enabled"`` for
    ``torch.set_grad_enabled(False)``; ``None`` when it does not."""
    func = expr.func if isinstance(expr, ast.Call) else expr
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name in ("no_grad", "inference_mode"):
        return name
    if name == "set_grad_enabled" and isinstance(expr, ast.Call) and expr.args:
        arg = expr.args[0]
        if isinstance(arg, ast.Constant) and arg.value is False:
            return name
    return None


def is_no_grad_block(stmt: ast.AST) -> bool:
    """Whether ``stmt`` is a ``with`` whose items include ``torch.no_grad()`` (any form:
    ``as g``, several items, ``no_grad`` imported under another name): its body runs
    without grad. The editor's gutter marks such lines."""
    if not isinstance(stmt, ast.With):
        return False
    return any(
        isinstance(item.context_expr, ast.Call) and grad_off_kind(item.context_expr) == "no_grad"
        for item in stmt.items
    )


def _is_no_grad_with(stmt: ast.AST) -> bool:
    """Whether ``stmt`` is exactly ``with torch.no_grad():`` (what the toggle writes and
    can take away again)."""
    if not isinstance(stmt, ast.With) or len(stmt.items) != 1:
        return False
    item = stmt.items[0]
    expr = item.context_expr
    return (
        item.optional_vars is None
        and isinstance(expr, ast.Call)
        and not expr.args
        and not expr.keywords
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr == "no_grad"
        and isinstance(expr.func.value, ast.Name)
        and expr.func.value.id == "torch"
    )


# --------------------------------------------------------------------------- line edits


def _delete_statement(src: _Src, owner_body: list[ast.stmt], stmt: ast.stmt) -> TextEdit:
    """Remove one statement: its whole line(s) when it owns them, else it and its ``;``."""
    i = owner_body.index(stmt)
    prev = owner_body[i - 1] if i > 0 else None
    nxt = owner_body[i + 1] if i + 1 < len(owner_body) else None
    if prev is not None and prev.end_lineno == stmt.lineno:
        return TextEdit(src.end(prev), src.end(stmt), "")
    if nxt is not None and nxt.lineno == stmt.end_lineno:
        return TextEdit(src.start(stmt), src.start(nxt), "")
    if src.alone_on_lines(stmt, stmt):
        last = stmt.end_lineno or stmt.lineno
        if last == src.nlines and stmt.lineno > 1:
            # The script's last line has no newline: take the one before it instead.
            return TextEdit(src.ends[stmt.lineno - 1], src.ends[last], "")
        return TextEdit(src.starts[stmt.lineno], src.line_end_with_newline(last), "")
    raise EditError(f"cannot remove the statement on line {stmt.lineno}")


def _insert_after(src: _Src, stmt: ast.stmt, code: str) -> TextEdit:
    """Insert ``code`` as a new statement right after ``stmt`` (same block)."""
    if src.alone_on_lines(stmt, stmt):
        indent = src.text[src.starts[stmt.lineno] : src.start(stmt)]
        end_line = stmt.end_lineno or stmt.lineno
        nl = src.newline()
        if end_line < src.nlines:
            return TextEdit(src.starts[end_line + 1], src.starts[end_line + 1], indent + code + nl)
        return TextEdit(len(src.text), len(src.text), nl + indent + code)
    return TextEdit(src.end(stmt), src.end(stmt), "; " + code)


def _parent_body(src: _Src, stmt: ast.stmt) -> list[ast.stmt]:
    """The statement list that directly contains ``stmt``."""
    for _, body in _bodies(src.tree):
        if any(s is stmt for s in body):
            return body
    raise EditError("statement not found")  # pragma: no cover - every stmt has a body


def _requires_grad_calls(src: _Src, name: str, after: ast.stmt) -> list[tuple[ast.stmt, bool]]:
    """Statements after ``after`` that are ``name.requires_grad_(...)`` / ``name.requires_grad = ...``
    with a literal flag, paired with the flag they set."""
    found: list[tuple[ast.stmt, bool]] = []
    for stmt in _all_statements(src.tree):
        if (stmt.lineno, stmt.col_offset) <= (after.lineno, after.col_offset):
            continue
        flag = _requires_grad_flag(stmt, name)
        if flag is not None:
            found.append((stmt, flag))
    return found


def _requires_grad_flag(stmt: ast.stmt, name: str) -> bool | None:
    """The flag when ``stmt`` is ``name.requires_grad_([True|False])`` or
    ``name.requires_grad = True|False``; else ``None``."""
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        call = stmt.value
        func = call.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "requires_grad_"
            and isinstance(func.value, ast.Name)
            and func.value.id == name
        ):
            if not call.args and not call.keywords:
                return True
            arg = call.args[0] if call.args else call.keywords[0].value
            if len(call.args) + len(call.keywords) == 1 and isinstance(arg, ast.Constant):
                return bool(arg.value)
        return None
    if (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Attribute)
        and stmt.targets[0].attr == "requires_grad"
        and isinstance(stmt.targets[0].value, ast.Name)
        and stmt.targets[0].value.id == name
        and isinstance(stmt.value, ast.Constant)
    ):
        return bool(stmt.value.value)
    return None


# --------------------------------------------------------------------------- requires_grad


def _call_arguments(call: ast.Call) -> list[ast.AST]:
    """Positional and keyword arguments of a call, in source order."""
    args: list[ast.AST] = [*call.args, *call.keywords]
    args.sort(key=lambda a: (a.lineno, a.col_offset))  # type: ignore[attr-defined]
    return args


def _open_paren(src: _Src, call: ast.Call) -> int:
    """Offset just after the ``(`` of a call."""
    pos = src.end(call.func)
    i = src.text.index("(", pos)
    return i + 1


def _set_keyword(src: _Src, call: ast.Call, key: str, code: str | None) -> list[TextEdit]:
    """Set keyword ``key`` of ``call`` to ``code`` (``None`` removes it)."""
    args = _call_arguments(call)
    existing = [k for k in call.keywords if k.arg == key]
    if existing:
        kw = existing[0]
        if code is not None:
            return [TextEdit(src.start(kw.value), src.end(kw.value), code)]
        i = args.index(kw)
        if i > 0:
            return [TextEdit(src.end(args[i - 1]), src.end(kw), "")]
        if i + 1 < len(args):
            return [TextEdit(src.start(kw), src.start(args[i + 1]), "")]
        close = src.end(call) - 1
        return [TextEdit(_open_paren(src, call), close, "")]
    if code is None:
        return []
    if args:
        end = src.end(args[-1])
        return [TextEdit(end, end, f", {key}={code}")]
    pos = _open_paren(src, call)
    return [TextEdit(pos, src.end(call) - 1, f"{key}={code}")]


def set_requires_grad(
    source: str, name: str, flag: bool, *, line: int | None = None
) -> list[TextEdit]:
    """Edits that make tensor ``name`` require grad (or not), as code.

    When ``name``'s last binding is a factory call (``torch.ones(...)``,
    ``torch.tensor(...)``, ``*_like``...), its ``requires_grad=`` keyword is added,
    replaced or removed, and any later ``name.requires_grad_(...)`` line that would
    contradict it is removed. Otherwise (a computed tensor, seed lesson 2) the script's
    last ``name.requires_grad_(...)`` / ``name.requires_grad = ...`` after the assignment
    decides: when it already sets ``flag`` nothing changes; when it is the only one and
    is ``name.requires_grad_(True|False)`` (or ``name.requires_grad_()``, unticked) right
    after the assignment it is removed; else its flag is rewritten in place
    (lesson 2's ``x.requires_grad_(True)`` becomes ``x.requires_grad_(False)``, so the
    prints around it keep their order and ticking again gives back the original text).
    With no such statement, ``name.requires_grad_(flag)`` is inserted right after the
    assignment (same indentation); turning it off that way only works on leaves
    (PyTorch's own rule).

    ``line`` (optional) picks the binding statement starting on that line -- the one
    that ran last (``RunResult.assignments[name].line``) when bindings sit in branches.
    """
    src = _Src(source)
    stmt = _last_binding(src, name, line)
    later = _requires_grad_calls(src, name, stmt)
    call = _factory_call(_simple_value(stmt, name))
    if call is not None:
        edits = _set_keyword(src, call, "requires_grad", "True" if flag else None)
        if flag and any(k.arg == "requires_grad" for k in call.keywords):
            kw = next(k for k in call.keywords if k.arg == "requires_grad")
            if isinstance(kw.value, ast.Constant) and kw.value.value is True:
                edits = []
        edits += [_delete_statement(src, _parent_body(src, s), s) for s, f in later if f != flag]
        return edits
    if not later:
        return [_insert_after(src, stmt, f"{name}.requires_grad_({flag})")]
    last, last_flag = later[-1]
    if last_flag == flag:
        return []  # the script's last word on the flag already says so
    if len(later) == 1 and _next_statement(src, stmt) is last:
        text = src.text[src.start(last) : src.end(last)]
        bare = isinstance(last, ast.Expr) and not last.value.args and not last.value.keywords  # type: ignore[attr-defined]
        if text == f"{name}.requires_grad_({last_flag})" or (bare and not flag):
            # The line right after the assignment (what a tick inserts): remove it.
            return [_delete_statement(src, _parent_body(src, last), last)]
    # The script's own call further down (seed lesson 2): flip its flag where it stands,
    # so the lesson's other lines keep their place and ticking again restores the text.
    return [_set_flag(src, last, flag)]


def _next_statement(src: _Src, stmt: ast.stmt) -> ast.stmt | None:
    """The statement right after ``stmt`` in the same block, if any."""
    body = _parent_body(src, stmt)
    i = next(i for i, s in enumerate(body) if s is stmt)
    return body[i + 1] if i + 1 < len(body) else None


def _set_flag(src: _Src, stmt: ast.stmt, flag: bool) -> TextEdit:
    """Rewrite the literal flag of a ``name.requires_grad_(...)`` / ``name.requires_grad = ...``
    statement (``requires_grad_()`` gets an explicit argument)."""
    if isinstance(stmt, ast.Assign):
        return TextEdit(src.start(stmt.value), src.end(stmt.value), str(flag))
    call = stmt.value  # type: ignore[attr-defined]
    if not call.args and not call.keywords:
        return TextEdit(_open_paren(src, call), src.end(call) - 1, str(flag))
    arg = call.args[0] if call.args else call.keywords[0].value
    return TextEdit(src.start(arg), src.end(arg), str(flag))


# --------------------------------------------------------------------------- no_grad


def statement_lines(source: str) -> list[int]:
    """1-based lines where a simple (non-compound) statement starts, at any depth."""
    src = _Src(source)
    compound = (
        ast.If,
        ast.For,
        ast.AsyncFor,
        ast.While,
        ast.With,
        ast.AsyncWith,
        ast.Try,
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.ClassDef,
        ast.Match,
    )
    if hasattr(ast, "TryStar"):
        compound = (*compound, ast.TryStar)
    lines = {s.lineno for s in _all_statements(src.tree) if not isinstance(s, compound)}
    return sorted(lines)


def _statement_group(src: _Src, line: int) -> tuple[ast.AST, list[ast.stmt], int, int]:
    """The outermost statements starting at ``line`` plus the siblings sharing their lines:
    ``(owner, body, first_index, last_index)``."""
    for owner, body in _bodies(src.tree):
        for i, stmt in enumerate(body):
            if stmt.lineno == line:
                first, last = i, i
                while first > 0 and body[first - 1].end_lineno == body[first].lineno:
                    first -= 1
                while last + 1 < len(body) and body[last + 1].lineno == body[last].end_lineno:
                    last += 1
                return owner, body, first, last
    raise EditError(f"no statement starts on line {line}")


def _colon_after(src: _Src, pos: int) -> int:
    """Offset just after the ``:`` that ends a ``with`` header whose last item ends at ``pos``.

    Only closing parentheses, commas, blanks, comments and line continuations can
    stand between the last item and the colon.
    """
    text = src.text
    i = pos
    while i < len(text):
        ch = text[i]
        if ch == ":":
            return i + 1
        if ch == "#":
            while i < len(text) and text[i] not in "\r\n":
                i += 1
            continue
        i += 1
    raise EditError("no ':' after the with statement")  # pragma: no cover - it parsed


def _unwrap(src: _Src, with_stmt: ast.With) -> list[TextEdit]:
    """Remove a ``with torch.no_grad():`` header and dedent its body."""
    body = with_stmt.body
    header_end = _colon_after(src, src.end(with_stmt.items[-1].context_expr))
    if body[0].lineno == with_stmt.lineno:
        return [TextEdit(src.start(with_stmt), src.start(body[0]), "")]
    header_last_line = next(
        n for n in range(with_stmt.lineno, src.nlines + 1) if src.ends[n] >= header_end
    )
    edits = [
        TextEdit(src.starts[with_stmt.lineno], src.line_end_with_newline(header_last_line), "")
    ]
    outer = src.start(with_stmt) - src.starts[with_stmt.lineno]
    inner = src.start(body[0]) - src.starts[body[0].lineno]
    delta = inner - outer
    skip = src.string_interior_lines()
    for n in range(header_last_line + 1, (with_stmt.end_lineno or with_stmt.lineno) + 1):
        text = src.line(n)
        if n in skip or not text.strip():
            continue
        lead = len(text) - len(text.lstrip(" \t"))
        cut = min(delta, lead)
        if cut:
            edits.append(TextEdit(src.starts[n], src.starts[n] + cut, ""))
    return edits


def _wrap(src: _Src, first: ast.stmt, last: ast.stmt) -> list[TextEdit]:
    """Wrap full lines ``first``..``last`` in ``with torch.no_grad():`` (indented one level)."""
    indent = src.text[src.starts[first.lineno] : src.start(first)]
    unit = "\t" if indent.startswith("\t") else _INDENT
    skip = src.string_interior_lines()
    header = f"{indent}with torch.no_grad():{src.newline()}"
    edits = [TextEdit(src.starts[first.lineno], src.starts[first.lineno], header + unit)]
    for n in range(first.lineno + 1, (last.end_lineno or last.lineno) + 1):
        if n in skip or not src.line(n).strip():
            continue
        edits.append(TextEdit(src.starts[n], src.starts[n], unit))
    return edits


def toggle_no_grad(source: str, line: int) -> list[TextEdit]:
    """Wrap the statement starting at ``line`` in ``with torch.no_grad():``, or unwrap it.

    When the statement sits directly in a ``with torch.no_grad():`` block (or ``line``
    is that ``with`` itself), the ``with`` is removed and its whole body dedented;
    otherwise the statement (with any statements sharing its lines) is indented one
    level under a new ``with torch.no_grad():`` line. Toggling twice gives back the
    original text.
    """
    src = _Src(source)
    owner, body, first, last = _statement_group(src, line)
    if first == last and _is_no_grad_with(body[first]):
        return _unwrap(src, body[first])  # type: ignore[arg-type]
    if _is_no_grad_with(owner):
        return _unwrap(src, owner)  # type: ignore[arg-type]
    block = body[first] if first == last and is_no_grad_block(body[first]) else owner
    if is_no_grad_block(block):
        where = block.lineno  # type: ignore[attr-defined]
        raise EditError(
            f"line {where} is a no_grad block of another form (e.g. `as g`, or several "
            "contexts); edit it in the code, the toggle only adds or removes "
            "`with torch.no_grad():`"
        )
    if not src.alone_on_lines(body[first], body[last]):
        raise EditError(f"line {line} shares its line with other code; put it on its own line")
    return _wrap(src, body[first], body[last])


# --------------------------------------------------------------------------- grad mode

#: The statement the toolbar's grad-mode switch writes at the top of the script.
GRAD_MODE_OFF = "torch.set_grad_enabled(False)"


def _is_grad_mode_off(stmt: ast.stmt) -> bool:
    """``torch.set_grad_enabled(False)`` as a statement of its own."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    return (
        isinstance(call, ast.Call)
        and grad_off_kind(call) == "set_grad_enabled"
        and isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "torch"
        and len(call.args) == 1
        and not call.keywords
    )


def grad_mode_off_line(source: str) -> int | None:
    """Line of the script's top-level ``torch.set_grad_enabled(False)`` (the grad-mode
    switch is on), or ``None`` (also when the script does not parse)."""
    if "set_grad_enabled" not in source:
        return None  # the window asks at every keystroke: no parse for the usual script
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    return next((stmt.lineno for stmt in tree.body if _is_grad_mode_off(stmt)), None)


def _imports_torch(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Import) and any(
        alias.name == "torch" and alias.asname is None for alias in stmt.names
    )


def toggle_grad_mode(source: str) -> list[TextEdit]:
    """Turn the whole script's grad mode off, or back on, as a rewrite of its text.

    Off: ``torch.set_grad_enabled(False)`` is inserted after the imports at the top
    (with ``import torch`` first when the script has none there), so every line after it
    runs as if inside ``torch.no_grad()``, in the playground and in plain Python. On: that
    statement (each top-level one) is removed. Toggling twice gives back the text.
    """
    src = _Src(source)
    body = src.tree.body
    switches = [stmt for stmt in body if _is_grad_mode_off(stmt)]
    if switches:
        return [_delete_statement(src, body, stmt) for stmt in switches]
    leading = 0
    while leading < len(body) and (
        isinstance(body[leading], ast.Import | ast.ImportFrom)
        or (
            leading == 0
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        )
    ):
        leading += 1
    has_torch = any(_imports_torch(stmt) for stmt in body[:leading])
    code = GRAD_MODE_OFF if has_torch else f"import torch{src.newline()}{GRAD_MODE_OFF}"
    if leading:
        last = body[leading - 1]
        if not src.alone_on_lines(last, last):
            raise EditError(f"line {last.lineno} shares its line with other code")
        return [_insert_after(src, last, code)]
    first_code = body[0].lineno if body else src.nlines
    return [TextEdit(src.starts[first_code], src.starts[first_code], code + src.newline())]


# --------------------------------------------------------------------------- values


def format_number(value: object, dtype: str | None = None) -> str:
    """Python source for one element that round-trips to the same tensor value.

    Floats of float32 (the default dtype), float16 and bfloat16 tensors use the
    shortest text that gives back the same float32; float64 uses ``repr``; non-finite
    values become ``float('nan')`` / ``float('inf')``.
    """
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, complex):
        return f"complex({format_number(value.real, dtype)}, {format_number(value.imag, dtype)})"
    if isinstance(value, float):
        if math.isnan(value):
            return "float('nan')"
        if math.isinf(value):
            return "float('inf')" if value > 0 else "-float('inf')"
        if dtype is None or _short_dtype(dtype) in ("float32", "float16", "bfloat16", "half"):
            import numpy as np

            f32 = np.float32(value)
            text = str(f32)
            if float(f32) == value and np.float32(float(text)) == f32:
                return text
        return repr(value)
    raise EditError(f"not a number: {value!r}")


def _short_dtype(dtype: str) -> str:
    """``"torch.float32"`` -> ``"float32"``."""
    return dtype.removeprefix("torch.")


def tensor_literal(values: object, *, dtype: str | None = None, requires_grad: bool = False) -> str:
    """``torch.tensor(<nested list>[, dtype=torch.X][, requires_grad=True])`` source text."""

    def fmt(v: object) -> str:
        if isinstance(v, list | tuple):
            return "[" + ", ".join(fmt(x) for x in v) + "]"
        return format_number(v, dtype)

    parts = [fmt(values)]
    if dtype is not None:
        short = _short_dtype(dtype)
        if not short.isidentifier():
            raise EditError(f"not a dtype: {dtype!r}")
        parts.append(f"dtype=torch.{short}")
    if requires_grad:
        parts.append("requires_grad=True")
    return f"torch.tensor({', '.join(parts)})"


def _is_creation(value: ast.expr | None) -> bool:
    """A factory call, possibly followed by method calls: ``torch.arange(6.).view(2, 3)``."""
    while (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and _factory_call(value) is None
    ):
        value = value.func.value
    return _factory_call(value) is not None


def is_created_by_factory(source: str, name: str, *, line: int | None = None) -> bool:
    """Whether ``name``'s binding (the one on ``line``, else the last) creates it with a
    factory call such as ``torch.ones(...)`` / ``torch.tensor([...])`` (optionally
    followed by method calls like ``.view(2, 2)``), i.e. whether writing its values as a
    literal keeps the lesson's meaning. ``False`` when the script does not parse."""
    try:
        src = _Src(source)
        stmt = _last_binding(src, name, line)
    except EditError:
        return False
    return _is_creation(_simple_value(stmt, name))


def set_tensor_values(
    source: str,
    name: str,
    values: list | float | int | bool,
    *,
    dtype: str | None,
    requires_grad: bool,
    line: int | None = None,
) -> list[TextEdit]:
    """Rewrite the creation of leaf ``name`` as an explicit ``torch.tensor([...])`` literal.

    ``values`` is the nested list of the tensor's shape (``tensor.tolist()``; a plain
    number for a 0-d tensor). ``dtype`` (``"float64"`` or ``"torch.float64"``) is
    written out unless ``None`` (the default dtype). The right-hand side of the last
    assignment to ``name`` (or the one starting on ``line``) is replaced; nothing else
    changes.
    """
    src = _Src(source)
    stmt = _last_binding(src, name, line)
    value = _simple_value(stmt, name)
    if value is None:
        raise EditError(f"{name!r} is not assigned directly (unpacking); edit the code instead")
    literal = tensor_literal(values, dtype=dtype, requires_grad=requires_grad)
    return [TextEdit(src.start(value), src.end(value), literal)]


# --------------------------------------------------------------------------- append


def append_statement(source: str, statement: str) -> list[TextEdit]:
    """Append ``statement`` (one or more top-level lines) at the end of the script."""
    statement = statement.strip("\r\n")
    try:
        ast.parse(statement)
    except SyntaxError as exc:
        raise EditError(f"not a statement: {statement!r} ({exc.msg})") from exc
    if not statement.strip():
        raise EditError("empty statement")
    nl = _Src(source).newline() if source else "\n"
    prefix = "" if not source or source.endswith(("\n", "\r")) else nl
    return [TextEdit(len(source), len(source), prefix + statement + nl)]
