"""Reading lessons: jupytext's own reading of each file is the reference; every lesson
file's checks and actions are valid; mistakes name the step; plain scripts stay fast."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupytext
import pytest

from playground.core.lesson import (
    LANGUAGES,
    METADATA_KEY,
    Action,
    LessonError,
    header_metadata,
    header_title,
    is_lesson,
    lesson_language,
    parse_action,
    parse_lesson,
)
from playground.resources import example_scripts

DRILLS = sorted((Path(__file__).parent.parent / "ui" / "lessons").glob("*.py"))
LESSON_FILES = example_scripts() + DRILLS

HEADER = """# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: Gradients accumulate in .grad
#       zh_CN: 梯度在 .grad 中累加
#     root: out
#     gradient: w
#     steps:
#     - en: Click **Backward**.
#       zh_CN: 点击 **反向传播**。
#       check: {check}
#       do: {do}
# ---
"""
BODY = """
# %% [markdown] lang="en"
# # Gradients accumulate
# ∂out/∂x = 3(x+2)/2

# %% [markdown] lang="zh_CN"
# # 梯度会累加
# ∂out/∂x = 3(x+2)/2，在 x = 1 处为 4.5

# %% [markdown]
# `both`

# %%
import torch

x = torch.ones(2, 2, requires_grad=True)

# %%
out = (x * 2).sum()
"""


def lesson_text(check: str = "grad(x) == 2", do: str = "[backward]") -> str:
    return HEADER.format(check=check, do=do) + BODY


def test_a_lesson_reads_as_jupytext_reads_it():
    text = lesson_text()
    lesson = parse_lesson(text)
    notebook = jupytext.reads(text, fmt="py:percent")
    meta = notebook.metadata[METADATA_KEY]
    assert lesson.title == meta["title"]
    assert lesson.title_in("zh_CN") == "梯度在 .grad 中累加"
    assert (lesson.root, lesson.gradient) == (meta["root"], meta["gradient"])
    assert [s.text for s in lesson.steps] == [
        {k: v for k, v in s.items() if k in LANGUAGES} for s in meta["steps"]
    ]
    assert lesson.steps[0].check.source == meta["steps"][0]["check"]
    assert lesson.steps[0].do == (Action("backward"),)
    markdown = [c for c in notebook.cells if c.cell_type == "markdown"]
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    assert lesson.code_cells == tuple(code) and len(code) == 2
    assert lesson.text_in("en") == "\n\n".join([markdown[0].source, markdown[2].source])
    assert lesson.text_in("zh_CN") == "\n\n".join([markdown[1].source, markdown[2].source])


def test_a_lesson_without_chinese_cells_shows_the_english_ones():
    text = lesson_text().replace('# %% [markdown] lang="zh_CN"\n# # 梯度会累加\n', "# ")
    lesson = parse_lesson(text)
    assert "Gradients accumulate" in lesson.text_in("zh_CN")


def test_parses_are_cached_by_text():
    text = lesson_text()
    assert parse_lesson(text) is parse_lesson(text)
    assert parse_lesson(text + "\n") is not parse_lesson(text)


def test_plain_scripts_are_not_lessons_and_need_no_jupytext():
    code = (
        "import sys\nfrom playground.core.lesson import is_lesson, parse_lesson\n"
        "src = 'import torch\\nx = torch.ones(2)\\n# --- not a header\\n'\n"
        "assert not is_lesson(src) and parse_lesson(src) is None\n"
        "print('jupytext' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_cells_without_text_are_not_a_lesson_but_text_cells_are():
    assert not is_lesson("# %%\nx = 1\n\n# %%\ny = 2\n")
    notebook = "# %% [markdown]\n# Some *text*\n\n# %%\nx = 1\n"
    assert is_lesson(notebook)
    lesson = parse_lesson(notebook)
    assert lesson.steps == () and lesson.text_in("zh_CN") == "Some *text*"


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.stem)
def test_every_lesson_file_reads_with_steps_in_both_languages(path):
    text = path.read_text(encoding="utf-8")
    assert is_lesson(text)
    lesson = parse_lesson(text)  # every check compiles and every action parses
    assert lesson.steps, f"{path.name} has no steps"
    for language in LANGUAGES:
        assert lesson.title_in(language) and lesson.text_in(language).strip()
        assert header_title(text, language) == lesson.title[language]
        for step in lesson.steps:
            assert step.text.get(language), f"{path.name}: a step has no {language} text"
    assert header_metadata(text) == jupytext.reads(text, fmt="py:percent").metadata[METADATA_KEY]


@pytest.mark.parametrize(
    ("check", "do", "message"),
    [
        ("grad(x) == 'a'", "[backward]", "step 1: check \"grad(x) == 'a'\""),
        ("os.system('x')", "[backward]", "not a check function"),
        ("grad(x) == 2", "[fly]", "step 1: 'fly': unknown action"),
        ("grad(x) == 2", "[retain_graph maybe]", "expected on or off"),
        ("grad(x) == 2", "[grid 1 a]", "'a' is not a number"),
        ("grad(x) == 2", "[edit 0: y = 1]", "whole number from 1"),
        ("grad(x) == 2", "[root]", "root takes 1 argument"),
        ("grad(x) == 2", "[zero_grad all]", "zero_grad none"),
    ],
)
def test_a_mistake_names_the_lesson_and_the_step(check, do, message):
    with pytest.raises(LessonError) as info:
        parse_lesson(lesson_text(check, do))
    assert "Gradients accumulate in .grad, step 1" in str(info.value)
    assert message in str(info.value)


def test_a_step_without_a_check_or_text_is_refused():
    text = lesson_text().replace("#       check: grad(x) == 2\n", "")
    with pytest.raises(LessonError, match="step 1: the step has no check"):
        parse_lesson(text)
    text = lesson_text().replace("#     - en: Click **Backward**.\n#       zh_CN:", "#     - zz:")
    with pytest.raises(LessonError, match="step 1"):
        parse_lesson(text)


def test_actions_parse_as_docs_lessons_md_lists_them():
    assert parse_action("backward") == Action("backward")
    assert parse_action("zero_grad") == Action("zero_grad", (False,))
    assert parse_action("zero_grad none") == Action("zero_grad", (True,))
    assert parse_action("root out") == Action("root", ("out",))
    assert parse_action("retain_graph off") == Action("retain_graph", (False,))
    assert parse_action("grid 1 0.1 1 0.01") == Action("grid", (1.0, 0.1, 1.0, 0.01))
    assert parse_action("requires_grad a on") == Action("requires_grad", ("a", True))
    assert parse_action("no_grad 7") == Action("no_grad", (7,))
    assert parse_action("uncomment 9") == Action("uncomment", (9,))
    assert parse_action("edit 5: y = x * 3") == Action("edit", (5,), "y = x * 3")
    assert parse_action({"edit 5": "y = x * 3"}) == Action("edit", (5,), "y = x * 3")
    assert parse_action("repeat 50") == Action("repeat", (50,))
    assert parse_action("step 3") == Action("step", (3,))
    assert parse_action("jacobian x") == Action("jacobian", ("x",))
    assert parse_action("timeline 0") == Action("timeline", (0,))


def test_interface_languages_map_to_lesson_languages():
    assert [lesson_language(c) for c in ("zh_CN", "zh", "zh-CN", "en_US", None, "de")] == [
        "zh_CN",
        "zh_CN",
        "zh_CN",
        "en",
        "en",
        "en",
    ]
