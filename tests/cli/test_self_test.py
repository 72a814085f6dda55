"""``gradient-playground --self-test``: passes from the venv, fails loudly, checks real values."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from playground.cli import self_test
from playground.core.lesson import parse_lesson
from tests.conftest import EXAMPLES_DIR, SEED_DIR


@pytest.mark.slow
def test_self_test_passes_from_the_venv(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run(
        [sys.executable, "-m", "playground", "--self-test", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "all checks passed" in completed.stdout
    for lesson in sorted(EXAMPLES_DIR.glob("*.py")):
        steps = len(parse_lesson(lesson.read_text(encoding="utf-8")).steps)
        assert f"self-test: {lesson.name}: ok ({steps} steps done, " in completed.stdout
    for name in ("window.png", "graph.png", "plot.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def restored_env(monkeypatch, tmp_path):
    """main() points Qt and the settings somewhere; undo that after the test."""
    for key in ("GRADIENT_PLAYGROUND_CONFIG_DIR", "XDG_CONFIG_HOME", "QT_QPA_PLATFORM"):
        monkeypatch.setenv(key, os.environ.get(key, str(tmp_path)))


@pytest.fixture(scope="module")
def ref():
    """The plain-PyTorch reference values, computed in a kernel child."""
    return self_test.reference_values()


def test_a_failed_check_exits_1_with_the_message_on_stderr(monkeypatch, capsys, restored_env):
    def broken(_ref) -> None:
        raise self_test.SelfTestFailure("x.grad is 4.0, plain PyTorch gives 4.5")

    monkeypatch.setattr(self_test, "check_plain_torch", broken)
    assert self_test.main(["--quiet"]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == "self-test FAILED: x.grad is 4.0, plain PyTorch gives 4.5"
    assert captured.out == ""


def test_an_unexpected_error_exits_1_with_its_traceback(monkeypatch, capsys, restored_env):
    def crashing(_ref) -> None:
        raise ModuleNotFoundError("No module named 'torch._dynamo'")

    monkeypatch.setattr(self_test, "check_plain_torch", crashing)
    assert self_test.main([]) == 1
    err = capsys.readouterr().err
    assert "self-test FAILED with an exception" in err
    assert "ModuleNotFoundError: No module named 'torch._dynamo'" in err


def test_check_raises_only_when_false():
    self_test.check(True, "not raised")
    with pytest.raises(self_test.SelfTestFailure, match="the message"):
        self_test.check(False, "the message")


def test_cut_before_backward_keeps_the_graph_building_lines():
    lesson3 = (SEED_DIR / "lesson3.py").read_text()  # the seed's, with out.backward()
    cut = self_test.cut_before_backward(lesson3)
    assert cut.splitlines()[-1] == "out = z.mean()"
    assert ".backward(" not in cut
    lesson1 = (SEED_DIR / "lesson1.py").read_text()
    assert self_test.cut_before_backward(lesson1) == lesson1
    # the built-in lesson 3 names out2.backward() only in its text and a commented-out line
    built_in = (EXAMPLES_DIR / "03_gradients_accumulate.py").read_text()
    assert "# out2.backward()" in built_in
    assert self_test.cut_before_backward(built_in) == built_in


def test_every_plan_names_a_root_and_leaf_of_its_cut_lesson(ref):
    plans = self_test.backward_plans(ref)
    for lesson in sorted(EXAMPLES_DIR.glob("*.py")):
        plan = plans.get(self_test.lesson_key(lesson))
        if plan is None:
            continue
        cut = self_test.cut_before_backward(lesson.read_text())
        assert f"{plan.root} = " in cut, lesson.name
        assert f"{plan.leaf} = torch." in cut, lesson.name


def test_expected_gradients_are_the_seed_values(ref):
    plans = self_test.backward_plans(ref)
    seed = [float(g.flatten()[0]) for g in plans["03"].expected]
    assert seed == [4.5, 9.0, 13.5]
    assert np.allclose(plans["04"].expected[0], [2.0, 0.4, 6.0, 0.09])
    assert float(plans["05"].expected[0]) == 2.0
    assert plans["06"].expected[0].tolist() == [2.0]
    # lesson 1: d(x*x)/dx at ones, with a gradient of ones
    assert plans["01"].expected[0].tolist() == [[2.0] * 3] * 3


#: Runs each lesson given on the command line as ``python LESSON.py`` would (in one
#: process) and prints a JSON list of their stdout.
PRINT_EACH = """
import contextlib, io, json, runpy, sys
printed = []
for path in sys.argv[1:]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(path, run_name="__main__")
    printed.append(out.getvalue())
print(json.dumps(printed))
"""


def test_expected_console_lines_are_what_python_prints_for_each_lesson(ref):
    """What the self-test expects in the console is in what ``python LESSON.py`` prints."""
    outputs = ref["outputs"]
    lessons = {self_test.lesson_key(p): p for p in sorted(EXAMPLES_DIR.glob("*.py"))}
    assert sorted(outputs) == ["01", "02", "03", "04", "05", "06"]
    keys = sorted(outputs)
    proc = subprocess.run(
        [sys.executable, "-c", PRINT_EACH, *(str(lessons[k]) for k in keys)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    for key, printed in zip(keys, json.loads(proc.stdout), strict=True):
        for text in outputs[key]:
            assert text in printed, (key, text)


def test_check_plain_torch_passes_here(ref):
    self_test.check_plain_torch(ref)


#: A lesson whose second step claims what PyTorch does not give (x.grad is 4.5, not 99).
WRONG_LESSON = """\
# ---
# jupyter:
#   gradient_playground:
#     title:
#       en: Wrong
#     root: out
#     steps:
#     - en: Click Backward.
#       check: grad(x) == 4.5
#       do: [backward]
#     - en: Click Backward again.
#       check: grad(x) == 99
#       do: [backward]
# ---

# %%
import torch
x = torch.ones(2, 2, requires_grad=True)
out = ((x + 2) * (x + 2) * 3).mean()
"""


def test_a_step_that_does_not_tick_fails_naming_the_lesson_and_step(
    open_window, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(self_test, "STEP_TIMEOUT_S", 1.0)
    path = tmp_path / "wrong_lesson.py"
    path.write_text(WRONG_LESSON, encoding="utf-8")
    window = open_window("")
    window.open_example(path)
    self_test.wait_for_run(window, WRONG_LESSON)
    feature = window.features["lesson"]
    with pytest.raises(self_test.SelfTestFailure, match=r"wrong_lesson.py: step 2 \(backward\)"):
        self_test.drive_lesson(window, path)
    assert feature.done == {0}
