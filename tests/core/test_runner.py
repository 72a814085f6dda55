"""run_script's contract: never raises, seeds, grad modes, warnings, observers, assignments."""

from __future__ import annotations

import threading

import pytest
import torch

from playground.core.errors import (
    LimitExceeded,
    PlaygroundError,
    RunCancelled,
    ScriptFailed,
    ScriptRefused,
)
from playground.core.result import BackwardCall
from playground.core.runner import check_script, run_script
from playground.kernel.python_mode import run_python
from playground.resources import example_scripts
from tests.conftest import PYTHON_MODE_LESSONS, SEED_DIR, assert_refused_for_python_mode


class Recorder:
    """A backward observer that records what it was told."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.events: list[tuple] = []
        self.fail_on = fail_on

    def backward_started(self, call, namespace):
        self.events.append(("started", call, sorted(namespace)))
        if self.fail_on == "started":
            raise KeyError("observer broke")

    def backward_finished(self, call, namespace, error):
        self.events.append(("finished", call, error))


def test_refused_script_runs_nothing():
    result = run_script("print('hi')\nimport os\n")
    assert isinstance(result.error, ScriptRefused)
    assert result.stdout == "" and result.namespace == {} and result.statements_run == 0
    assert not result.ok


def test_check_script_is_reexported():
    assert check_script("x = 1").body


@pytest.mark.parametrize("path", sorted(SEED_DIR.glob("lesson*.py")), ids=lambda p: p.name)
def test_seed_code_blocks_run_clean(path):
    result = run_script(path.read_text())
    assert result.ok, result.error
    assert result.tensors(), "every seed block builds tensors"


@pytest.mark.parametrize("path", example_scripts(), ids=lambda p: p.name)
def test_lessons_run_clean_or_are_refused_for_python_mode(path):
    """Every built-in lesson runs clean; one written as full Python is refused by the
    restricted interpreter (nothing runs) and runs clean in Python mode."""
    source = path.read_text()
    result = run_script(source)
    if path.name in PYTHON_MODE_LESSONS:
        assert_refused_for_python_mode(result.error, source)
        assert result.statements_run == 0 and result.stdout == ""
        result, _globals = run_python(source)
    assert result.ok, result.error
    assert result.tensors(), "every lesson builds tensors"


def test_seed_is_reset_before_each_run():
    first = run_script("import torch\nx = torch.randn(3)")
    second = run_script("import torch\nx = torch.randn(3)")
    torch.manual_seed(0)
    assert torch.equal(first.namespace["x"], second.namespace["x"])
    assert torch.equal(first.namespace["x"], torch.randn(3))


def test_grad_disabled_run_and_mode_restored():
    source = "import torch\nx = torch.ones(2, requires_grad=True)\ny = x * 2\nz = torch.is_grad_enabled()"
    result = run_script(source, grad_enabled=False)
    assert result.namespace["y"].grad_fn is None and result.namespace["z"] is False
    assert result.grad_enabled is False and result.assignments["y"].grad_enabled is False
    assert torch.is_grad_enabled()
    run_script("import torch\ntorch.set_grad_enabled(False)")
    assert torch.is_grad_enabled()


def test_warnings_go_to_chunks_not_stdout():
    result = run_script(
        "import torch\nx = torch.ones(2, requires_grad=True)\ny = x * 2\nprint('a')\n"
        "g = y.grad\nprint('b')\n"
    )
    assert result.ok and result.stdout == "a\nb\n"
    kinds = [(c.kind, c.line) for c in result.chunks]
    assert kinds == [("stdout", 4), ("warning", 5), ("stdout", 6)]
    assert result.chunks[1].text.startswith("UserWarning: The .grad attribute of a Tensor")


def test_assignments_record_the_last_binding_statement():
    source = (
        "import torch\nx = 1\ny = 2\nx = torch.ones(\n    2)\nwith torch.no_grad():\n    z = x\n"
    )
    result = run_script(source)
    x = result.assignments["x"]
    assert (x.line, x.col, x.end_line, x.end_col) == (4, 1, 5, 7)
    assert result.assignments["z"].grad_enabled is False
    assert list(result.namespace) == ["x", "y", "z"]
    assert "torch" not in result.assignments


def test_observers_see_every_backward():
    recorder = Recorder()
    source = (
        "import torch\nx = torch.ones(2, requires_grad=True)\ny = (x * 3).sum()\n"
        "y.backward(retain_graph=True)\ng = torch.autograd.grad(y, [x])\n"
        "bad = x * 2\nbad.backward()\n"
    )
    result = run_script(source, observers=[recorder])
    assert isinstance(result.error, ScriptFailed)
    calls = [e[1] for e in recorder.events]
    assert [e[0] for e in recorder.events] == ["started", "finished"] * 3
    assert calls[0] == calls[1]
    first: BackwardCall = calls[0]
    assert (first.kind, first.line, first.source) == ("backward", 4, "script")
    assert first.roots[0] is result.namespace["y"]
    assert (calls[2].kind, calls[2].line) == ("autograd.grad", 5)
    assert recorder.events[1][2] is None
    assert isinstance(recorder.events[5][2], RuntimeError)
    assert recorder.events[0][2] == ["x", "y"]


def test_observer_exceptions_surface_as_internal_errors():
    result = run_script(
        "import torch\nx = torch.ones(1, requires_grad=True)\nx.sum().backward()\nz = 1\n",
        observers=[Recorder(fail_on="started")],
    )
    assert isinstance(result.error, PlaygroundError)
    assert not isinstance(result.error, ScriptFailed)
    assert "observer" in result.error.message and "observer broke" in result.error.message
    assert result.error.line == 3 and "z" not in result.namespace


def test_cancel_flag_stops_a_run_from_another_thread():
    cancel = threading.Event()
    timer = threading.Timer(0.2, cancel.set)
    timer.start()
    result = run_script("for i in range(10**9):\n    x = i", cancel=cancel)
    timer.join()
    assert isinstance(result.error, RunCancelled)
    assert isinstance(result.error, LimitExceeded)
    assert result.namespace["x"] > 0


def test_runs_in_a_worker_thread():
    box = {}
    worker = threading.Thread(target=lambda: box.setdefault("r", run_script("x = 2 ** 10")))
    worker.start()
    worker.join()
    assert box["r"].namespace == {"x": 1024}


def test_a_failed_run_is_freed_without_the_cycle_collector():
    import gc
    import weakref

    gc.disable()
    try:
        result = run_script("import torch\nx = torch.ones(3)\ny = x @ torch.ones(4)\n")
        assert isinstance(result.error, ScriptFailed)
        assert result.error.__traceback__ is None and result.error.__cause__ is None
        ref = weakref.ref(result.namespace["x"])
        del result
        assert ref() is None
    finally:
        gc.enable()


def test_cancel_ends_a_running_backward():
    class CancelAtBackward:
        def backward_started(self, call, namespace):
            cancel.set()

        def backward_finished(self, call, namespace, error):
            seen.append(error)

    cancel = threading.Event()
    seen: list = []
    source = (
        "import torch\nw = torch.ones(50, requires_grad=True)\ny = w\n"
        "for i in range(200):\n    y = y * 1.01\ny.sum().backward()\nprint('done')\n"
    )
    result = run_script(source, observers=[CancelAtBackward()], cancel=cancel)
    assert isinstance(result.error, RunCancelled) and result.error.line == 6
    assert isinstance(seen[0], RunCancelled) and result.stdout == ""
    assert result.namespace["w"].grad is None
    # After the run the hooks do nothing: the GUI's Backward button still works.
    result.namespace["y"].sum().backward()
    assert torch.allclose(result.namespace["w"].grad, torch.full((50,), 1.01**200))
