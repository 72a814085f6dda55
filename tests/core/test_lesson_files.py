"""The lesson files in resources/examples: each runs in plain Python exactly as
``gradient-playground run`` runs it, and follows docs/lessons.md (jupytext percent
format, titles and steps in English and Simplified Chinese, checks and clicks from the
documented vocabulary)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import jupytext
import pytest

from tests.conftest import EXAMPLES_DIR, REPO_ROOT

LESSONS = sorted(EXAMPLES_DIR.glob("*.py"))
DOC = (REPO_ROOT / "docs" / "lessons.md").read_text(encoding="utf-8")
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
LANGS = ("en", "zh_CN")
#: The seed's six keep their names (the actions example1 ... example6, Ctrl+1 ... Ctrl+6).
SEED_SIX = [
    "01_requires_grad_and_grad_fn.py",
    "02_requires_grad_in_place.py",
    "03_gradients_accumulate.py",
    "04_non_scalar_backward.py",
    "05_no_grad.py",
    "06_data.py",
]
LITERAL_WORDS = {"on", "off", "none"}


def _first_column(heading: str) -> list[list[str]]:
    """The backticked examples of each row of a table (header rows dropped)."""
    section = DOC.split(heading, 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")][2:]
    examples = [re.findall(r"`([^`]+)`", row.split(" | ")[0]) for row in rows]
    # "`retain_graph off` / `on`": a bare word stands for the first example's last one
    return [
        [first, *(e if " " in e else f"{first.rsplit(' ', 1)[0]} {e}" for e in rest)]
        for first, *rest in examples
    ]


def _shape(action: str) -> tuple[str, ...]:
    """``"grid 1 0.1"`` -> ``("grid", "NUM", "NUM")``; ``edit N: text`` -> ``("edit", "NUM", "TEXT")``."""
    if action.startswith("edit "):
        match = re.fullmatch(r"edit (\d+): (.+)", action)
        return ("edit", "NUM", "TEXT") if match else ("edit?",)
    verb, *args = action.split()
    kinds = []
    for arg in args:
        if re.fullmatch(r"-?\d+(\.\d+)?", arg):
            kinds.append("NUM")
        elif arg in LITERAL_WORDS:
            kinds.append(arg)
        elif arg.isidentifier():
            kinds.append("NAME")
        else:
            kinds.append("?" + arg)
    if verb == "grid" and kinds and set(kinds) == {"NUM"}:
        kinds = ["NUM+"]
    return (verb, *kinds)


DO_SHAPES = {_shape(example) for row in _first_column("### `do`") for example in row}
CHECK_FUNCTIONS = set()
CHECK_NAMES = set()
for _row in _first_column("### `check`"):
    for _example in _row:
        for _node in ast.walk(ast.parse(_example, mode="eval")):
            if isinstance(_node, ast.Call) and isinstance(_node.func, ast.Name):
                CHECK_FUNCTIONS.add(_node.func.id)
        _body = ast.parse(_example, mode="eval").body
        _left = _body.left if isinstance(_body, ast.Compare) else _body
        if isinstance(_left, ast.Name):
            CHECK_NAMES.add(_left.id)


def _notebook(path: Path):
    return jupytext.reads(path.read_text(encoding="utf-8"), fmt="py:percent")


def _meta(path: Path) -> dict:
    return _notebook(path).metadata["gradient_playground"]


def _code(path: Path) -> str:
    return "\n".join(c.source for c in _notebook(path).cells if c.cell_type == "code")


def _bound_names(code: str) -> set[str]:
    """Names the lesson's code assigns."""
    names = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def test_the_vocabulary_was_read_from_the_doc():
    assert {("backward",), ("root", "NAME"), ("edit", "NUM", "TEXT"), ("grid", "NUM+")} <= DO_SHAPES
    assert {"grad", "error", "output", "jacobian"} <= CHECK_FUNCTIONS
    assert {"backwards", "zeroed", "ran", "root"} <= CHECK_NAMES


def test_lesson_names_and_count():
    names = [p.name for p in LESSONS]
    assert names[:6] == SEED_SIX
    assert len(names) >= 12
    for number, name in enumerate(names, start=1):
        assert re.fullmatch(rf"{number:02d}_[a-z0-9]+(_[a-z0-9]+)*\.py", name), name


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_prints_what_python_prints(path, run_cli):
    """Real Python and ``gradient-playground run`` (Python mode) print the same, exit 0."""
    python = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=300, check=False
    )
    assert python.returncode == 0, python.stderr
    assert python.stdout.strip()
    code, out, err = run_cli(path)
    assert (code, err) == (python.returncode, "")
    assert ADDRESS.sub("", out) == ADDRESS.sub("", python.stdout)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_metadata_has_titles_and_steps_in_both_languages(path):
    meta = _meta(path)
    for lang in LANGS:
        assert isinstance(meta["title"][lang], str) and meta["title"][lang].strip()
    steps = meta["steps"]
    assert 2 <= len(steps) <= 5
    for step in steps:
        assert set(step) == {"en", "zh_CN", "check", "do"}, step
        for lang in LANGS:
            assert isinstance(step[lang], str) and step[lang].strip()
        assert re.search(r"[\u4e00-\u9fff]", step["zh_CN"]), step["zh_CN"]
        assert isinstance(step["do"], list) and step["do"]
    names = _bound_names(_code(path))
    assert meta["root"] in names
    if "gradient" in meta:
        assert meta["gradient"] in names


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_do_is_in_the_vocabulary(path):
    for step in _meta(path)["steps"]:
        for action in step["do"]:
            assert isinstance(action, str), action
            assert _shape(action) in DO_SHAPES, action


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_check_uses_the_vocabulary(path):
    for step in _meta(path)["steps"]:
        tree = ast.parse(step["check"], mode="eval")
        called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
        arguments = {id(a) for n in ast.walk(tree) if isinstance(n, ast.Call) for a in n.args}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                assert isinstance(node.func, ast.Name), step["check"]
                assert node.func.id in CHECK_FUNCTIONS, step["check"]
            elif isinstance(node, ast.Name) and id(node) not in called | arguments:
                assert node.id in CHECK_NAMES, step["check"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_english_text_cell_has_a_chinese_one(path):
    cells = [c for c in _notebook(path).cells if c.cell_type == "markdown"]
    langs = [c.metadata.get("lang") for c in cells]
    assert langs.count("en") >= 1
    for i, cell in enumerate(cells):
        if cell.metadata.get("lang") == "en":
            assert i + 1 < len(cells) and langs[i + 1] == "zh_CN", path.name
            assert re.search(r"[\u4e00-\u9fff]", cells[i + 1].source)
    assert langs.count("en") == langs.count("zh_CN")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_code_cells_hold_the_code_and_lines_are_short(path):
    code = _code(path)
    ast.parse(code)
    assert "import torch" in code
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        assert len(line) <= 79, f"{path.name}:{number}"
