"""A module's top-level statements compiled one by one, to run as the whole module would.

Python mode runs the script statement by statement (so the forward timeline can look at
the state between them) and must stay indistinguishable from ``exec`` of the whole
module: the same line and column numbers in tracebacks, the same ``from __future__``
features in every statement, ``__annotations__`` made before the first statement when
the module has annotations, and ``__doc__`` set by the first statement only.
"""

from __future__ import annotations
import __future__

import ast
import warnings
from types import CodeType


def future_flags(tree: ast.Module) -> int:
    """The compiler flags of the module's ``from __future__ import ...`` statements."""
    flags = 0
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__":
            for alias in stmt.names:
                feature = getattr(__future__, alias.name, None)
                flags |= getattr(feature, "compiler_flag", 0)
    return flags


def has_module_annotations(body: list[ast.stmt]) -> bool:
    """Whether the module's code sets up ``__annotations__`` first (CPython's
    ``find_ann``: an annotated assignment outside ``def``/``class``)."""
    for stmt in body:
        if isinstance(stmt, ast.AnnAssign):
            return True
        parts: list[list[ast.stmt]] = []
        if isinstance(stmt, ast.For | ast.AsyncFor | ast.While | ast.If):
            parts = [stmt.body, stmt.orelse]
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            parts = [stmt.body]
        elif isinstance(stmt, ast.Try | ast.TryStar):
            parts = [h.body for h in stmt.handlers] + [stmt.body, stmt.finalbody, stmt.orelse]
        if any(has_module_annotations(part) for part in parts):
            return True
    return False


def _is_inert(stmt: ast.stmt) -> bool:
    """A bare constant (a string between statements): evaluating it does nothing, but
    compiled alone it would become the module's docstring."""
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)


def statement_codes(tree: ast.Module, filename: str) -> list[tuple[ast.stmt, CodeType]]:
    """``(statement, code)`` for each top-level statement that does something, in order.

    Call it after the whole module compiled (that is where Python reports syntax errors
    and warns once): the compiler's warnings are not repeated here.
    """
    flags = future_flags(tree)
    codes: list[tuple[ast.stmt, CodeType]] = []
    shown = warnings.showwarning
    warnings.showwarning = lambda *_args, **_kwargs: None  # already shown by the whole compile
    try:
        for index, stmt in enumerate(tree.body):
            if index and _is_inert(stmt):
                continue
            module = ast.Module(body=[stmt], type_ignores=[])
            codes.append((stmt, compile(module, filename, "exec", flags=flags, dont_inherit=True)))
    finally:
        warnings.showwarning = shown
    return codes
