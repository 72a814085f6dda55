"""Every restricted-mode refusal names a way forward: what to write instead within the
subset, or how to run the file as Python (the trust bar's button, or ``run`` without
``--restricted``), after what is refused and where."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from playground.core import checker, refusal_hints
from playground.core.errors import LimitExceeded, ScriptFailed, ScriptRefused
from playground.core.limits import Limits
from playground.core.names_table import FORBIDDEN_NAMES
from playground.core.runner import run_script

PYTHON_MODE = "click 'Trust and run as Python' above the editor"
CLI = "`gradient-playground run FILE` without `--restricted`"
CHECKER_PATH = Path(checker.__file__)
DOCS = Path(__file__).resolve().parents[2] / "resources" / "help" / "language.md"

#: (source, line, col, what is refused, the way forward specific to it).
#: ``None`` as the way forward: there is no equivalent in the subset, only Python mode.
REFUSALS = [
    # the optimizer: the manual update
    ("import torch\nopt = torch.optim.SGD([], lr=0.1)", 2, 19, "'SGD'", "w -= lr * w.grad"),
    ("optimizer.step()", 1, 11, "attribute 'step'", "w -= lr * w.grad"),
    ("import torch.optim", 1, 8, "module 'torch.optim'", "w -= lr * w.grad"),
    ("from torch.optim import Adam", 1, 1, "module 'torch.optim'", "w -= lr * w.grad"),
    ("from torch import optim", 1, 19, "'optim' from 'torch'", "w -= lr * w.grad"),
    ("model.zero_grad()", 1, 7, "attribute 'zero_grad'", "w.grad.zero_()"),
    ("params = model.parameters()", 1, 16, "'parameters'", "params = [w, b]"),
    ("sched = torch.optim.lr_scheduler.StepLR", 1, 34, "'StepLR'", "lr = lr * 0.9"),
    # torch.nn: F and plain tensors
    ("import torch.nn as nn", 1, 8, "module 'torch.nn'", "import torch.nn.functional as F"),
    ("import torch\nlayer = torch.nn.Linear(3, 2)", 2, 18, "'Linear'", "F.linear(x, w, b)"),
    ("from torch.nn import MSELoss", 1, 22, "'MSELoss' from 'torch.nn'", "F.mse_loss(...)"),
    ("import torch\nact = torch.nn.ReLU()", 2, 16, "'ReLU'", "F.relu(...)"),
    ("import torch\np = torch.nn.Parameter", 2, 14, "'Parameter'", "requires_grad=True"),
    # other modules
    ("import os", 1, 8, "module 'os'", None),
    ("import subprocess, torch", 1, 8, "module 'subprocess'", None),
    ("from os import path", 1, 1, "module 'os'", None),
    ("from . import x", 1, 1, "module '.'", None),
    ("import math", 1, 8, "module 'math'", "torch.exp(x)"),
    ("import numpy as np", 1, 8, "module 'numpy'", "torch.tensor([...])"),
    ("import random", 1, 8, "module 'random'", "torch.randn"),
    ("from torch import load", 1, 19, "'load' from 'torch'", "torch.tensor([...])"),
    ("import torch as _t", 1, 8, "name '_t'", "`t`"),
    # syntax outside the subset
    ("def f(x):\n    return x * 2", 1, 1, "function definition", "body inline"),
    ("async def f():\n    pass", 1, 1, "'async def'", None),
    ("f = lambda x: x * 2", 1, 5, "'lambda'", "expression inline"),
    ("class Net:\n    pass", 1, 1, "class definition", "requires_grad=True"),
    ("ys = [x * 2 for x in xs]", 1, 6, "list comprehension", "ys.append(x * 2)"),
    ("s = sum(x for x in xs)", 1, 8, "generator expression", "sum(ys)"),
    ("s = {x for x in xs}", 1, 5, "set comprehension", "`.append`"),
    ("d = {x: 1 for x in xs}", 1, 5, "dict comprehension", "`.append`"),
    ("while True:\n    pass", 1, 1, "'while' loop", "for i in range(n):"),
    ("global x", 1, 1, "'global'", "Assign the variable directly: `x = ...`"),
    ("nonlocal x", 1, 1, "'nonlocal'", "Assign the variable directly: `x = ...`"),
    ("print(y := 3)", 1, 7, "walrus", "on its own line"),
    ("print(*[1, 2])", 1, 7, "'*' unpacking", "f(xs[0], xs[1])"),
    ("x = [*a, *b]", 1, 6, "'*' unpacking", "`a + b`"),
    ("x = {}", 1, 5, "dict literal", "list or tuple"),
    ("x = {1, 2}", 1, 5, "set literal", "x in [1, 2]"),
    ("try:\n    pass\nexcept Exception:\n    pass", 1, 1, "'try'", "Remove the `try`"),
    ("raise ValueError", 1, 1, "'raise'", "with `print(...)`"),
    ("return 1", 1, 1, "'return'", "result = ..."),
    ("yield 1", 1, 1, "'yield'", ".append"),
    ("x = 1\ndel x", 2, 1, "'del'", "x = None"),
    ("assert x > 0", 1, 1, "'assert'", "print(torch.allclose(a, b))"),
    ("x: int = 1", 1, 1, "annotated assignment", "x = 1"),
    ("match x:\n    case 1:\n        pass", 1, 1, "'match'", "`if` / `elif`"),
    ("break", 1, 1, "'break' outside loop", "inside a `for` loop"),
    ("if True:\n    continue", 2, 5, "'continue' outside loop", "inside a `for` loop"),
    ("a, *rest = [1, 2, 3]", 1, 4, "assignment target", "first, rest = xs[0], xs[1:]"),
    ("for x[0] in range(2):\n    pass", 1, 5, "assignment target", "for v in values:"),
    (
        "import torch\nwith torch.no_grad() as (a, b):\n    pass",
        2,
        25,
        "'with ... as'",
        "plain name",
    ),
    # names and built-ins
    ("x = getattr", 1, 5, "name 'getattr'", "x.grad"),
    ("setattr(x, 'grad', None)", 1, 1, "name 'setattr'", "x.grad = None"),
    ("eval('1 + 1')", 1, 1, "name 'eval'", "directly in the script"),
    ("exec('x = 1')", 1, 1, "name 'exec'", "directly in the script"),
    ("f = open('data.txt')", 1, 5, "name 'open'", "torch.tensor([1.0, 2.0])"),
    ("print(type(x))", 1, 7, "name 'type'", "x.dtype"),
    ("ok = isinstance(x, int)", 1, 6, "name 'isinstance'", "torch.is_tensor(x)"),
    ("print(globals())", 1, 7, "name 'globals'", "by name: `print(x)`"),
    ("s = format(x, '.3f')", 1, 5, "name 'format'", 'f"{x:.3f}"'),
    ("y = pow(x, 2)", 1, 5, "name 'pow'", "x ** 2"),
    ("ys = list(map(str, xs))", 1, 11, "name 'map'", "ys.append(f(x))"),
    ("ys = reversed(xs)", 1, 6, "name 'reversed'", "xs[::-1]"),
    ("q, r = divmod(7, 2)", 1, 8, "name 'divmod'", "a // b, a % b"),
    ("exit()", 1, 1, "name 'exit'", "last line"),
    ("x = super()", 1, 5, "name 'super'", None),
    ("_x = 1", 1, 1, "name '_x'", "`x`"),
    ("print(__name__)", 1, 7, "name '__name__'", None),
    ("print(1, _end='')", 1, 10, "keyword '_end'", "documented keywords"),
    ("print(**options)", 1, 7, "'**' unpacking", "f(a=1, b=2)"),
    ("print(1, file=None)", 1, 10, "'file'", "print(x)"),
    # attributes
    ("import torch\nx = torch.ones(2)\ny = x.__class__", 3, 7, "'__class__'", "x.dtype"),
    ("n = xs.__len__()", 1, 8, "'__len__'", "len(x)"),
    ("d = x.__dict__", 1, 7, "'__dict__'", None),
    ("s = '{}'.format(1)", 1, 10, "str.format", 'f"{x:.3f}"'),
    ("s = '{a}'.format_map(m)", 1, 11, "str.format_map", 'f"{x:.3f}"'),
    ("s = ', '.join(names)", 1, 10, "'join'", 'f"{a} {b}"'),
    ("import torch\na = torch.ones(1).numpy()", 2, 19, "'.numpy()'", ".tolist()"),
    ("import torch\ntorch.save(x, 'x.pt')", 2, 7, "torch.save", "torch.tensor([...])"),
    ("import torch\ny = torch.ones(1)\ny.register_hook(f)", 3, 3, "register_hook", "retain_grad()"),
    ("import torch\nprint(torch.pi)", 2, 13, "'pi'", "3.141592653589793"),
    ("import torch\nx = torch.ones(1).cuda()", 2, 19, "'cuda'", "runs on the CPU"),
    ("import torch\nm = torch.jit", 2, 11, "'jit'", None),
    ("import torch\ns = torch.ones(1).untyped_storage()", 2, 19, "'untyped_storage'", None),
    (
        "import torch\nx = torch.ones(1)\nx.shape = (1,)",
        3,
        3,
        "assigning attribute 'shape'",
        "x = x.reshape(2, 3)",
    ),
    (
        "import torch\nx = torch.ones(1)\nx.dtype = 1",
        3,
        3,
        "assigning attribute 'dtype'",
        "x = x.to(torch.float64)",
    ),
    ("import torch\nx = torch.ones(1)\nx.label = 'w'", 3, 3, "attribute 'label'", "label = ..."),
    # literals
    ("x = b'abc'", 1, 5, "bytes literal", "'abc'"),
    ("x = 0x" + "f" * 30_000, 1, 5, "integer literal is too large", "1e30"),
]


def _cases():
    return [pytest.param(*case, id=case[0].replace("\n", " ")[:50]) for case in REFUSALS]


def _assert_has_way_forward(error: ScriptRefused) -> None:
    assert error.hint, error.format()
    assert error.message == f"{error.refused}. {error.hint}"
    assert error.hint.endswith(".") and error.hint[0].isupper(), error.hint
    # one sentence: what is refused, then the way forward (two in all)
    assert not re.search(r"\. [A-Z]", error.hint), error.hint
    assert "\n" not in error.message and len(error.message) < 600


@pytest.mark.parametrize(("source", "line", "col", "refused", "forward"), _cases())
def test_each_refusal_is_located_and_names_its_way_forward(source, line, col, refused, forward):
    error = run_script(source).error
    assert isinstance(error, ScriptRefused), error
    assert (error.line, error.col) == (line, col), error.format()
    assert refused in error.refused and error.message.startswith(error.refused)
    assert error.format().startswith(f"{line}:{col}: {error.refused}. ")
    _assert_has_way_forward(error)
    if forward is None:
        assert error.hint == refusal_hints.GENERIC
    else:
        assert forward in error.hint, error.hint
    if forward is None or "; to run the file as full Python" in error.hint:
        assert PYTHON_MODE in error.hint and CLI in error.hint


def test_the_manual_update_of_the_hint_runs_in_restricted_mode():
    """What the optimizer's refusal says to write instead is accepted and does the step."""
    code = re.search(r"`(with torch.no_grad\(\): .*?)`", refusal_hints.MANUAL_STEP).group(1)
    source = (
        "import torch\nw = torch.ones(2, requires_grad=True)\nlr = 0.5\n"
        f"(w * w).sum().backward()\n{code}\nw.grad.zero_()\nprint(w.tolist(), w.grad.tolist())\n"
    )
    result = run_script(source)
    assert result.error is None and result.stdout == "[0.0, 0.0] [0.0, 0.0]\n"


# --------------------------------------------------------------------------- every site
def _raise_sites() -> dict[int, tuple[int, bool]]:
    """Every ``raise`` of a refusal in checker.py: ``{first line: (last line, python's)}``
    (``python's``: Python's own ``SyntaxError``, which keeps Python's text, no hint)."""
    sites = {}
    for node in ast.walk(ast.parse(CHECKER_PATH.read_text())):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        func = node.exc.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in ("refuse", "ScriptRefused"):
            pythons = any(kw.arg == "exc_type" for kw in node.exc.keywords)
            sites[node.lineno] = (node.end_lineno, pythons)
    return sites


#: One snippet (at least) per refusal site of the checker: (source, limits).
SITE_CORPUS = [(source, None) for source, *_ in REFUSALS] + [
    ("x = 1\n" * 5, Limits(max_source_bytes=10)),
    ("x = (\n", None),
    ("1+" * 100_000 + "1", Limits(max_source_bytes=10**7)),
    ("x = '\ud800'", None),
    ("x = " + "-" * 30 + "1", Limits(max_nesting=20)),
    ("x = 'abcdef'", Limits(max_str_len=5)),
    ("print(1, sep='', sep='')", None),
]


def _site_of(error: BaseException) -> int:
    """The line of checker.py that raised ``error`` (the innermost frame in that file)."""
    tb, line = error.__traceback__, None
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename) == CHECKER_PATH:
            line = tb.tb_lineno
        tb = tb.tb_next
    assert line is not None
    return line


def test_every_refusal_site_of_the_checker_names_a_way_forward():
    sites = _raise_sites()
    assert len(sites) >= 20, sites  # the walk, the node checks and the parser's
    reached: set[int] = set()
    for source, limits in SITE_CORPUS:
        with pytest.raises(ScriptRefused) as refused:
            checker.check_script(source, *(limits,) if limits else ())
        error = refused.value
        line = _site_of(error)
        site = next(start for start, (end, _) in sites.items() if start <= line <= end)
        reached.add(site)
        if sites[site][1] and error.exc_type == "SyntaxError":
            assert error.hint is None  # Python's own text, as Python mode would print it
        else:
            _assert_has_way_forward(error)
    missing = sorted(set(sites) - reached)
    assert not missing, f"checker.py lines {missing} refuse with no snippet in SITE_CORPUS"


def test_the_checker_cannot_refuse_without_a_way_forward():
    """``refuse`` takes the hint as a required argument; every direct ``ScriptRefused``
    passes ``hint=`` unless it is Python's own ``SyntaxError``."""
    tree = ast.parse(CHECKER_PATH.read_text())
    refuse_calls = direct = 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "refuse":
            refuse_calls += 1
            assert len(node.args) == 3 and not node.keywords, ast.unparse(node)
        elif isinstance(func, ast.Name) and func.id == "ScriptRefused":
            direct += 1
            keywords = {kw.arg for kw in node.keywords}
            assert "hint" in keywords or "exc_type" in keywords, ast.unparse(node)
    assert refuse_calls >= 15 and direct >= 4
    signature = checker._Checker.refuse.__code__
    assert signature.co_varnames[: signature.co_argcount] == ("self", "node", "message", "hint")
    assert checker._Checker.refuse.__defaults__ is None


# --------------------------------------------------------------------------- the tables
def test_every_refused_node_type_has_its_own_way_forward():
    missing = set(checker._CONSTRUCT_NAMES) - set(refusal_hints.NODE_HINTS)
    assert not missing


@pytest.mark.parametrize("name", sorted(FORBIDDEN_NAMES | checker.FORBIDDEN_CALLS))
def test_every_refused_builtin_has_a_way_forward(name):
    hint = refusal_hints.name_hint(name)
    assert hint.endswith(".") and ("`" in hint or PYTHON_MODE in hint)


def test_every_table_entry_is_one_sentence_with_code_or_python_mode():
    tables = [
        refusal_hints.NODE_HINTS,
        refusal_hints.BUILTIN_HINTS,
        refusal_hints.ATTRIBUTE_HINTS,
        refusal_hints.MODULE_HINTS,
    ]
    for table in tables:
        for key, hint in table.items():
            assert hint.endswith(".") and hint[0].isupper(), (key, hint)
            assert not re.search(r"\. [A-Z]", hint), (key, hint)
            assert "`" in hint, (key, hint)


def test_the_nn_replacements_exist_in_f():
    from playground.core.names_table import F_FUNCTIONS

    assert set(refusal_hints.NN_TO_F.values()) <= F_FUNCTIONS


# --------------------------------------------------------------------------- while running
@pytest.mark.parametrize(
    ("source", "kind", "refused", "forward"),
    [
        ("import torch\ny = torch.permute", ScriptFailed, "'torch.permute'", "x.permute(...)"),
        ("import torch\ny = torch.clone", ScriptFailed, "'torch.clone'", "x.clone(...)"),
        ("print('%*d' % (3, 4))", LimitExceeded, "'*' widths", "'%5d' % n"),
        ("print(max([1, 2], key=abs))", ScriptFailed, "'key'", "`for` loop"),
        ("import torch\nn = torch.ones(2).shape.numel", ScriptFailed, "'Size'", PYTHON_MODE),
    ],
)
def test_refusals_while_running_name_a_way_forward(source, kind, refused, forward):
    error = run_script(source).error
    assert isinstance(error, kind), error
    assert refused in error.message and forward in error.message, error.message
    assert error.message.endswith(".") and "not available in the playground. " in error.message


# --------------------------------------------------------------------------- where it shows
def test_the_cli_prints_the_refusal_with_its_way_forward(tmp_path, run_cli):
    script = tmp_path / "train.py"
    script.write_text("import torch\nw = torch.ones(2, requires_grad=True)\noptimizer.step()\n")
    code, out, err = run_cli("--restricted", script)
    assert (code, out) == (2, "")
    assert err == (
        f"{script}:3:11: attribute 'step' is not available in the playground. Update the "
        "parameters by hand: `with torch.no_grad(): w -= lr * w.grad`, then "
        f"`w.grad.zero_()`; to run the file as full Python, {refusal_hints.PYTHON_MODE}.\n"
    )


def test_the_cli_refusal_of_a_module_says_how_to_run_it_as_python(tmp_path, run_cli):
    script = tmp_path / "s.py"
    script.write_text("import os\nprint(os.getcwd())\n")
    code, out, err = run_cli("--restricted", script)
    assert (code, out) == (2, "")
    assert err == (
        f"{script}:1:8: import of module 'os' is not available in the playground. To run the "
        "file as full Python, click 'Trust and run as Python' above the editor (or "
        "`gradient-playground run FILE` without `--restricted`).\n"
    )
    assert run_cli(script)[0] == 0  # and Python mode runs it


def test_the_docs_list_the_ways_forward():
    text = DOCS.read_text()
    assert "Trust and run as Python" in text
    assert "w -= lr * w.grad" in text and "refusal_hints" in text
    # the example messages are the checker's, verbatim
    examples = re.search(r"```text\n(.*?)```", text, re.S).group(1).splitlines()
    snippets = ["y = x.__class__", "while True:\n    pass"]
    assert len(examples) == len(snippets)
    for example, snippet in zip(examples, snippets, strict=True):
        assert example.split(": ", 1)[1] == run_script(snippet).error.message
