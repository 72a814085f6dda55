"""The checker: whole-tree whitelist, parser bombs and size limits, before anything runs."""

from __future__ import annotations

import ast

import pytest

from playground.core.checker import check_script
from playground.core.errors import ScriptRefused
from playground.core.limits import Limits
from playground.resources import example_scripts
from tests.conftest import PYTHON_MODE_LESSONS, SEED_DIR, assert_refused_for_python_mode

SEED_LESSONS = sorted(SEED_DIR.glob("lesson*.py"))


@pytest.mark.parametrize("path", SEED_LESSONS, ids=lambda p: p.name)
def test_seed_code_blocks_are_accepted(path):
    tree = check_script(path.read_text())
    assert isinstance(tree, ast.Module) and tree.body


@pytest.mark.parametrize("path", example_scripts(), ids=lambda p: p.name)
def test_lessons_are_accepted_unless_they_need_python_mode(path):
    """Every built-in lesson passes the checker, but those written as full Python
    (hooks, nn.Linear, a class) are refused at the line that needs Python mode."""
    source = path.read_text()
    if path.name in PYTHON_MODE_LESSONS:
        with pytest.raises(ScriptRefused) as refused:
            check_script(source)
        assert_refused_for_python_mode(refused.value, source)
    else:
        tree = check_script(source)
        assert isinstance(tree, ast.Module) and tree.body


@pytest.mark.parametrize(
    ("source", "line", "col", "words"),
    [
        ("import torch\nx = torch.ones(2)\ny = x.__class__", 3, 7, "attribute '__class__'"),
        ("import os", 1, 8, "module 'os'"),
        ("import torch.nn as nn", 1, 8, "module 'torch.nn'"),
        ("from os import path", 1, 1, "module 'os'"),
        ("from torch import load", 1, 19, "'load' from 'torch'"),
        ("def f():\n    pass", 1, 1, "function definition"),
        ("f = lambda: 1", 1, 5, "'lambda'"),
        ("class A:\n    pass", 1, 1, "class definition"),
        ("x = [i for i in range(3)]", 1, 5, "list comprehension"),
        ("while True:\n    pass", 1, 1, "'while' loop"),
        ("global x", 1, 1, "'global'"),
        ("(y := 3)", 1, 2, "walrus"),
        ("print(*[1, 2])", 1, 7, "'*' unpacking"),
        ("print(**{})", 1, 7, "'**' unpacking"),
        ("x = {}", 1, 5, "dict literal"),
        ("x = getattr", 1, 5, "name 'getattr'"),
        ("eval('1')", 1, 1, "name 'eval'"),
        ("exec('1')", 1, 1, "name 'exec'"),
        ("open('f')", 1, 1, "name 'open'"),
        ("type(1)", 1, 1, "name 'type'"),
        ("globals()", 1, 1, "name 'globals'"),
        ("_x = 1", 1, 1, "name '_x'"),
        ("s = '{}'.format(1)", 1, 10, "str.format"),
        ("s = '{a}'.format_map(1)", 1, 11, "str.format_map"),
        ("import torch\ntorch.save(1, 'f')", 2, 7, "torch.save"),
        ("import torch\ntorch.hub", 2, 7, "attribute 'hub'"),
        ("import torch\ntorch.jit", 2, 7, "attribute 'jit'"),
        ("import torch\ntorch._C", 2, 7, "attribute '_C'"),
        ("import torch\ntorch.ones(1).numpy()", 2, 15, "numpy"),
        ("import torch\ntorch.ones(1).untyped_storage()", 2, 15, "untyped_storage"),
        ("import torch\ny = torch.ones(1)\ny.register_hook", 3, 3, "register_hook"),
        ("print(1, file=None)", 1, 10, "'file'"),
        ("x = b'abc'", 1, 5, "bytes literal"),
        ("break", 1, 1, "'break' outside loop"),
        ("import torch\nx = torch.ones(1)\nx.shape = 3", 3, 3, "assigning attribute 'shape'"),
        ("try:\n    pass\nexcept Exception:\n    pass", 1, 1, "'try'"),
        ("x = 1\ndel x", 2, 1, "'del'"),
        ("assert True", 1, 1, "'assert'"),
    ],
)
def test_refusals_name_the_construct_and_its_position(source, line, col, words):
    with pytest.raises(ScriptRefused) as refused:
        check_script(source)
    error = refused.value
    assert (error.line, error.col) == (line, col), error.format()
    assert words in error.message
    assert "not available" in error.message or "outside loop" in error.message


def test_a_refusal_deep_inside_a_loop_is_found_before_running():
    source = "for i in range(3):\n    if i:\n        x = [].__len__\n"
    with pytest.raises(ScriptRefused) as refused:
        check_script(source)
    assert refused.value.line == 3


def test_the_first_problem_in_source_order_is_reported():
    with pytest.raises(ScriptRefused) as refused:
        check_script("x = 1\ny = eval\nz = getattr\n")
    assert refused.value.line == 2


def test_syntax_errors_are_refusals_with_position():
    with pytest.raises(ScriptRefused) as refused:
        check_script("x = (1 +\n")
    assert refused.value.exc_type == "SyntaxError"
    assert refused.value.line == 1


@pytest.mark.parametrize(
    "source",
    ["1+" * 100_000 + "1", "-" * 100_000 + "1", "(" * 300 + "1" + ")" * 300, "x = 1\x00"],
    ids=["plus_chain", "minus_chain", "parens", "null_byte"],
)
def test_parser_bombs_are_refused(source):
    with pytest.raises(ScriptRefused):
        check_script(source)


def test_source_size_limit():
    with pytest.raises(ScriptRefused) as refused:
        check_script("x = 1\n" * 20_000)
    assert "100,000 bytes" in refused.value.message


def test_nesting_limit_is_configurable():
    source = "x = " + "-" * 50 + "1"
    check_script(source)
    with pytest.raises(ScriptRefused) as refused:
        check_script(source, Limits(max_nesting=20))
    assert "nested more than 20" in refused.value.message


def test_huge_integer_literal_is_refused():
    with pytest.raises(ScriptRefused):
        check_script("x = 0x" + "f" * 30_000)


@pytest.mark.parametrize(
    "source",
    [
        "import torch\nimport torch.nn.functional as F\nfrom torch.nn import functional as G",
        "from torch import autograd\nfrom torch.autograd import grad",
        "import torch\nx = torch.ones(2, requires_grad=True)\nx.data *= 2\nx.grad = None",
        "import torch\nx = torch.ones(2)\nprint(x._version, x.grad_fn)",
        "import torch\ny = (torch.ones(2, requires_grad=True) * 2).grad_fn._saved_other",
        "for i in range(2):\n    if i:\n        break\n    else:\n        continue",
        "import torch\nwith torch.no_grad(), torch.enable_grad():\n    pass",
        "a, (b, c) = 1, (2, 3)\nprint(f'{a:>{b}}', sep='', end='')",
    ],
)
def test_accepted_subset(source):
    check_script(source)


def test_other_builtins_cannot_be_called_but_their_names_are_free():
    with pytest.raises(ScriptRefused) as refused:
        check_script("x = 1\ny = input()")
    assert (refused.value.line, refused.value.col) == (2, 5)
    check_script("import torch\ninput = torch.ones(2)\nid = 3\nprint(input, id)")


def test_columns_count_characters_not_bytes():
    with pytest.raises(ScriptRefused) as refused:
        check_script("s = 'ééé'; t = s.__len__")
    assert refused.value.col == 18  # bytes would say 21
