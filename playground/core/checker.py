"""Parse a script and check its *whole* syntax tree against the playground's whitelist.

Nothing runs before :func:`check_script` accepted the entire tree. The walk is
iterative (no recursion of our own), so a deep tree cannot crash the checker.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable
from typing import Any

from playground.core import refusal_hints as hints
from playground.core.errors import ScriptRefused
from playground.core.limits import DEFAULT_LIMITS, Limits
from playground.core.names_table import (  # noqa: F401 (FORBIDDEN_NAMES re-exported)
    FORBIDDEN_NAMES,
    is_refused_name,
)
from playground.core.refusal_templates import Said, refusal, said
from playground.core.safe_torch import (
    ALL_ATTRIBUTES,
    ASSIGNABLE_ATTRIBUTES,
    BUILTINS,
    MODULE_MEMBERS,
)

_LOOP_JUMPS = (ast.Break, ast.Continue)

#: Node types a script may contain (anything else is refused by name).
ALLOWED_NODES: frozenset[type] = frozenset(
    {
        ast.Module,
        ast.Expr,
        ast.Assign,
        ast.AugAssign,
        ast.Import,
        ast.ImportFrom,
        ast.alias,
        ast.With,
        ast.withitem,
        ast.For,
        ast.If,
        ast.Pass,
        ast.Break,
        ast.Continue,
        ast.Constant,
        ast.Name,
        ast.Attribute,
        ast.Subscript,
        ast.Slice,
        ast.Tuple,
        ast.List,
        ast.BinOp,
        ast.UnaryOp,
        ast.BoolOp,
        ast.Compare,
        ast.IfExp,
        ast.Call,
        ast.keyword,
        ast.JoinedStr,
        ast.FormattedValue,
        ast.Load,
        ast.Store,
        ast.Add,
        ast.Sub,
        ast.Mult,
        ast.Div,
        ast.FloorDiv,
        ast.Mod,
        ast.Pow,
        ast.MatMult,
        ast.BitAnd,
        ast.BitOr,
        ast.BitXor,
        ast.LShift,
        ast.RShift,
        ast.USub,
        ast.UAdd,
        ast.Not,
        ast.Invert,
        ast.And,
        ast.Or,
        ast.Eq,
        ast.NotEq,
        ast.Lt,
        ast.LtE,
        ast.Gt,
        ast.GtE,
        ast.Is,
        ast.IsNot,
        ast.In,
        ast.NotIn,
    }
)

_CONSTRUCT_NAMES: dict[str, str] = {
    kind: said(f"construct_{kind}")
    for kind in (
        "FunctionDef AsyncFunctionDef Lambda ClassDef ListComp SetComp DictComp GeneratorExp "
        "While Global Nonlocal NamedExpr Starred Dict Set Try TryStar Raise Return Yield "
        "YieldFrom Await Delete Assert AnnAssign Match AsyncWith AsyncFor Del"
    ).split()
}

#: Python built-ins that may not be *called* (their names stay usable as variables:
#: ``input = torch.ones(2)`` is common in PyTorch code).
FORBIDDEN_CALLS: frozenset[str] = frozenset(
    name for name in dir(builtins) if not name.startswith("_") and name not in BUILTINS
)

#: Attributes with a sentence of their own when refused.
_SPECIAL_ATTRIBUTES: dict[str, str] = {
    "format": said("construct", construct="str.format"),
    "format_map": said("construct", construct="str.format_map"),
    "numpy": said("construct", construct="'.numpy()'"),
    "register_hook": said("construct", construct="'register_hook'"),
    "load": said("construct", construct="'torch.load'"),
    "save": said("construct", construct="'torch.save'"),
}


#: Modules ``import X`` / ``import X as Y`` accepts (``from torch.nn import functional``
#: and ``from torch import autograd`` work too, through ``MODULE_MEMBERS``).
IMPORTABLE: frozenset[str] = frozenset({"torch", "torch.nn.functional"})


#: Allowed leaf nodes that need no visit (contexts and operators).
_LEAVES: frozenset[type] = frozenset(
    kind
    for kind in ALLOWED_NODES
    if issubclass(kind, (ast.expr_context, ast.operator, ast.unaryop, ast.boolop, ast.cmpop))
)
#: Node types that carry a position.
_LOCATED: frozenset[type] = frozenset(
    kind for kind in ALLOWED_NODES if issubclass(kind, (ast.stmt, ast.expr, ast.keyword, ast.alias))
)


def _char_col(lines: list[str], line: int | None, byte_offset: int | None) -> int | None:
    """1-based character column of a 0-based UTF-8 byte offset on a 1-based line."""
    if line is None or byte_offset is None:
        return None
    if 1 <= line <= len(lines):
        if lines[line - 1].isascii():
            return byte_offset + 1
        text = lines[line - 1].encode("utf-8", "surrogatepass")[:byte_offset]
        return len(text.decode("utf-8", "ignore")) + 1
    return byte_offset + 1


def node_position(lines: list[str], node: ast.AST) -> tuple[int | None, int | None]:
    """1-based ``(line, col)`` of a node (``col`` in characters, not bytes)."""
    line = getattr(node, "lineno", None)
    return line, _char_col(lines, line, getattr(node, "col_offset", None))


def node_end(lines: list[str], node: ast.AST) -> tuple[int | None, int | None]:
    """1-based ``(end_line, end_col)`` of a node (``end_col`` exclusive)."""
    line = getattr(node, "end_lineno", None)
    return line, _char_col(lines, line, getattr(node, "end_col_offset", None))


_UNPARSABLE = "the script cannot be parsed: "


def _construct(name: str) -> Said:
    """``<construct> is not available in the playground`` (``construct_<name>``)."""
    return said("construct", construct=said(f"construct_{name}"))


def _dotted(node: ast.AST) -> str | None:
    """``"torch.optim.SGD"`` for a chain of attributes on a name, else ``None``."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _allowed_attribute(attr: str) -> bool:
    if attr.startswith("_saved_") or attr == "_version":
        return True
    return not attr.startswith("_") and attr in ALL_ATTRIBUTES


def _parse(source: str, limits: Limits) -> ast.Module:
    size = len(source.encode("utf-8", "surrogatepass"))
    if size > limits.max_source_bytes:
        message = said("script_size", size=size, limit=limits.max_source_bytes)
        hint = hints.source_size_hint(limits.max_source_bytes)
        raise ScriptRefused(message, hint=hint, **refusal(message, hint))
    try:
        return ast.parse(source, "<script>", "exec")
    except SyntaxError as exc:
        raise ScriptRefused(
            exc.msg or "invalid syntax", exc.lineno, exc.offset, exc_type=type(exc).__name__
        ) from None
    except (RecursionError, MemoryError):
        message = said("too_deep_to_parse")
        raise ScriptRefused(
            message, hint=hints.NESTING, **refusal(message, hints.NESTING)
        ) from None
    except (ValueError, OverflowError) as exc:
        text = str(exc)
        message = said("unparsable", error=text) if len(text) < 1000 else f"{_UNPARSABLE}{text}"
        raise ScriptRefused(
            message, hint=hints.UNPARSABLE, **refusal(message, hints.UNPARSABLE)
        ) from None


class _Checker:
    """One whole-tree check; raises :class:`ScriptRefused` on the first problem."""

    def __init__(self, source: str, limits: Limits) -> None:
        self.lines = source.splitlines()
        self.limits = limits

    def refuse(self, node: ast.AST, message: str, hint: str) -> ScriptRefused:
        """The refusal of ``node``: what is refused, at its position, and its way forward
        (every refusal names one: :mod:`playground.core.refusal_hints`)."""
        line, col = node_position(self.lines, node)
        return ScriptRefused(message, line, col, hint=hint, **refusal(message, hint))

    def check(self, tree: ast.Module) -> None:
        """Walk the whole tree (iteratively, in source order); raise on the first problem."""
        max_nesting = self.limits.max_nesting
        allowed, checks, skip = ALLOWED_NODES, _NODE_CHECKS, _LEAVES
        stack: list[tuple[ast.AST, int, ast.AST, bool]] = [(tree, 0, tree, False)]
        push, pop = stack.append, stack.pop
        while stack:
            node, depth, located, in_loop = pop()
            kind = type(node)
            if kind in _LOCATED:
                located = node
            if depth > max_nesting:
                raise self.refuse(
                    located,
                    said("nested", depth=max_nesting),
                    hints.NESTING,
                )
            if kind not in allowed:
                if hasattr(node, "lineno"):
                    located = node
                construct = _CONSTRUCT_NAMES.get(kind.__name__, f"'{kind.__name__}'")
                raise self.refuse(
                    located,
                    said("construct", construct=construct),
                    hints.node_hint(kind.__name__),
                )
            if kind in _LOOP_JUMPS and not in_loop:
                word = "break" if kind is ast.Break else "continue"
                raise self.refuse(node, said("outside_loop", word=word), hints.loop_jump_hint(word))
            checker = checks.get(kind)
            if checker is not None:
                checker(self, node)
            depth += 1
            if kind is ast.For:
                for child in reversed(node.orelse):
                    push((child, depth, located, in_loop))
                for child in reversed(node.body):
                    push((child, depth, located, True))
                push((node.iter, depth, located, in_loop))
                push((node.target, depth, located, in_loop))
                continue
            children = []
            for field in node._fields:
                value = getattr(node, field, None)
                if type(value) is list:
                    children.extend(v for v in value if isinstance(v, ast.AST))
                elif isinstance(value, ast.AST) and type(value) not in skip:
                    children.append(value)
            for child in reversed(children):
                push((child, depth, located, in_loop))

    def check_Name(self, node: ast.Name) -> None:
        if is_refused_name(node.id):
            raise self.refuse(node, said("name", name=node.id), hints.name_hint(node.id))

    def check_Attribute(self, node: ast.Attribute) -> None:
        attr = node.attr
        store = isinstance(node.ctx, ast.Store)
        if not _allowed_attribute(attr):
            message = _SPECIAL_ATTRIBUTES.get(attr) or said("attribute", attr=attr)
            hint = hints.attribute_hint(attr, store=store, path=_dotted(node))
        elif store and attr not in ASSIGNABLE_ATTRIBUTES:
            message = said("assign_attribute", attr=attr)
            hint = hints.assign_attribute_hint(attr)
        else:
            return
        line, end_col = node_end(self.lines, node)
        col = end_col - len(attr) if end_col is not None else None
        raise ScriptRefused(message, line, col, hint=hint, **refusal(message, hint))

    def check_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bytes):
            raise self.refuse(node, _construct("bytes"), hints.BYTES)
        if isinstance(value, int) and value.bit_length() > self.limits.max_int_bits:
            raise self.refuse(node, said("big_int"), hints.BIG_INT)
        if isinstance(value, str) and len(value) > self.limits.max_str_len:
            raise self.refuse(
                node,
                said("long_string"),
                hints.long_string_hint(self.limits.max_str_len),
            )

    def check_Call(self, node: ast.Call) -> None:
        seen: set[str] = set()
        for kw in node.keywords:
            if kw.arg is not None and kw.arg in seen:
                line, col = node_position(self.lines, kw)
                raise ScriptRefused(
                    f"keyword argument repeated: {kw.arg}", line, col, exc_type="SyntaxError"
                )
            seen.add(kw.arg or "")
        if isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
            raise self.refuse(
                node,
                said("name", name=node.func.id),
                hints.name_hint(node.func.id),
            )
        for kw in node.keywords:
            if kw.arg is None:
                raise self.refuse(kw, _construct("kwargs"), hints.KWARGS)
            if kw.arg.startswith("_"):
                raise self.refuse(
                    kw,
                    said("keyword", name=kw.arg),
                    hints.PRIVATE_KEYWORD,
                )
            if kw.arg == "file" and isinstance(node.func, ast.Name) and node.func.id == "print":
                raise self.refuse(
                    kw,
                    said("print_file"),
                    hints.PRINT_FILE,
                )

    def check_alias(self, node: ast.alias) -> None:
        if node.asname is not None and node.asname.startswith("_"):
            raise self.refuse(
                node,
                said("name", name=node.asname),
                hints.alias_hint(node.asname),
            )

    def check_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name not in IMPORTABLE:
                raise self.refuse(
                    alias,
                    said("import_module", module=alias.name),
                    hints.module_hint(alias.name),
                )

    def check_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level or module not in MODULE_MEMBERS:
            name = "." * node.level + module
            raise self.refuse(
                node,
                said("import_module", module=name),
                hints.module_hint(module) if not node.level else hints.GENERIC,
            )
        for alias in node.names:
            if alias.name not in MODULE_MEMBERS[module]:
                raise self.refuse(
                    alias,
                    said("import_member", name=alias.name, module=module),
                    hints.member_hint(module, alias.name),
                )

    def _check_target(self, target: ast.AST, *, names_only: bool = False) -> None:
        """Refuse a target other than names, subscripts and attributes (``names_only``:
        a ``for`` target, names only)."""
        stack = [target]
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.Tuple, ast.List)):
                stack.extend(node.elts)
            elif isinstance(node, ast.Name) or (
                not names_only and isinstance(node, (ast.Subscript, ast.Attribute))
            ):
                continue
            else:
                raise self.refuse(
                    node,
                    said("target"),
                    hints.target_hint(isinstance(node, ast.Starred), names_only),
                )

    def check_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._check_target(target)

    def check_For(self, node: ast.For) -> None:
        self._check_target(node.target, names_only=True)

    def check_With(self, node: ast.With) -> None:
        for item in node.items:
            if item.optional_vars is not None and not isinstance(item.optional_vars, ast.Name):
                raise self.refuse(
                    item.optional_vars,
                    said("with_as"),
                    hints.WITH_AS,
                )


#: Per-node-type checks (``_Checker.check_<NodeType>``).
_NODE_CHECKS: dict[type, Callable[[_Checker, Any], None]] = {
    getattr(ast, name[len("check_") :]): method
    for name, method in vars(_Checker).items()
    if name.startswith("check_") and name != "check_"
}


def check_script(source: str, limits: Limits = DEFAULT_LIMITS) -> ast.Module:
    """Parse ``source`` and check the whole tree against the playground's subset.

    Returns the checked tree; raises :class:`ScriptRefused` (with ``line``/``col``)
    on the first construct outside the subset, a syntax error or a size limit.
    """
    tree = _parse(source, limits)
    _Checker(source, limits).check(tree)
    return tree
