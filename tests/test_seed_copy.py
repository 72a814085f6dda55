"""The seed's six lessons live on in the first six built-in lessons.

The lesson files were rewritten to teach by clicking (issue 12): their text cells
explain, and the learner clicks Backward / Zero grad where the seed's code called
``.backward()`` or zeroed ``.grad`` (a lesson must not free its graph before the first
click). Every other statement of the seed's code block is still in its lesson, as code
or as a commented-out line a step uncomments, compared as Python (``ast``), not text.
"""

from __future__ import annotations

import ast

import pytest

from tests.conftest import EXAMPLES_DIR, SEED_DIR

PAIRS = [
    ("lesson1.py", "01_requires_grad_and_grad_fn.py"),
    ("lesson2.py", "02_requires_grad_in_place.py"),
    ("lesson3.py", "03_gradients_accumulate.py"),
    ("lesson4.py", "04_non_scalar_backward.py"),
    ("lesson5.py", "05_no_grad.py"),
    ("lesson6.py", "06_data.py"),
]


def _clicked(statement: ast.stmt) -> bool:
    """A statement the learner's click replaces: ``.backward()``, ``.zero_()``, a print."""
    if not isinstance(statement, ast.Expr) or not isinstance(statement.value, ast.Call):
        return False
    func = statement.value.func
    if isinstance(func, ast.Name):
        return func.id == "print"
    return isinstance(func, ast.Attribute) and func.attr in ("backward", "zero_")


def _commented_code(source: str) -> list[str]:
    """``# out2 = x.sum()``: commented-out lines that parse as Python."""
    lines = []
    for line in source.splitlines():
        text = line.strip().removeprefix("#").strip()
        if line.strip().startswith("#") and text:
            try:
                ast.parse(text)
            except SyntaxError:
                continue
            lines.append(text)
    return lines


def _statements(source: str) -> list[str]:
    found = []
    code = source + "\n" + "\n".join(_commented_code(source))
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.stmt) and not isinstance(node, ast.Module):
            found.append(ast.dump(node, include_attributes=False))
    return found


@pytest.mark.parametrize(("seed", "example"), PAIRS)
def test_every_seed_statement_is_in_its_lesson(seed, example):
    lesson = set(_statements((EXAMPLES_DIR / example).read_text()))
    seed_code = ast.parse((SEED_DIR / seed).read_text())
    missing = [
        ast.unparse(s) for s in seed_code.body if not _clicked(s) and ast.dump(s) not in lesson
    ]
    assert not missing


def test_the_seed_lessons_come_first():
    names = sorted(p.name for p in EXAMPLES_DIR.glob("*.py"))
    assert names[:6] == [example for _, example in PAIRS]
    assert len(names) >= 12  # issue 12: at least twelve lessons
