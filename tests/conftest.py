"""Test-wide setup: headless Qt, isolated settings and user folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Must happen before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
# The seed's six code blocks and exactly what PyTorch 2.13 prints for each (copied from
# shared/seed/expected so that a clone anywhere has them).
SEED_DIR = REPO_ROOT / "tests" / "seed"
EXAMPLES_DIR = REPO_ROOT / "resources" / "examples"
#: The built-in lessons that are full Python (issue 12: hooks, ``nn.Linear`` with an
#: optimizer, an ``autograd.Function`` class): the restricted interpreter refuses them.
PYTHON_MODE_LESSONS = frozenset({"12_hooks.py", "13_training_loop.py", "14_custom_function.py"})


def seed_lesson(n: int) -> str:
    """The seed's code block ``n`` (1-6) exactly as the seed wrote it (its backward calls
    included), from ``tests/seed/lessonN.py``."""
    return (SEED_DIR / f"lesson{n}.py").read_text(encoding="utf-8")


def assert_refused_for_python_mode(error, source: str) -> None:
    """``error`` is the restricted interpreter's refusal of a full-Python lesson: a
    ``ScriptRefused`` whose line and column point at the refused name it quotes, with
    Python mode as its way forward."""
    import re

    from playground.core.errors import ScriptRefused

    assert isinstance(error, ScriptRefused), error
    lines = source.splitlines()
    assert error.line is not None and 1 <= error.line <= len(lines), error
    assert error.col is not None, error
    at = lines[error.line - 1][error.col - 1 :]
    names = re.findall(r"'([^']+)'", error.refused)
    assert any(at.startswith(name) for name in names), (error.line, error.col, error.refused)
    assert error.hint is not None and "Python" in error.hint, error.hint


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Point QSettings/recovery folders at a temp dir so tests never touch the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("GRADIENT_PLAYGROUND_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    yield


@pytest.fixture
def python_exe() -> str:
    """The interpreter running the tests (for comparisons with real Python)."""
    return sys.executable


@pytest.fixture(scope="session")
def kernel_session():
    """One warm kernel (zygote) for a whole test session: ``KernelSession`` runs and acts."""
    from playground.protocol.session import KernelSession

    session = KernelSession()
    session.start()
    yield session
    session.close()


@pytest.fixture
def run_cli(capsys):
    """``gradient-playground run ARGS...`` in this process (the shared warm kernel):
    returns ``(exit code, stdout, stderr)``."""
    from playground.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["run", *[str(a) for a in args]])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


# --------------------------------------------------------------------------- plain views
class LocalKernel:
    """The kernel process, in this process: a live :class:`~playground.core.session.Session`
    running scripts and GUI actions, and the plain views a window would receive of it
    (through the real codec, :func:`playground.kernel.snapshot.local_views`).

    Panels get only views (no torch); the test keeps the live tensors (``tensor(name)``)
    to compare what a panel shows with what PyTorch says.
    """

    def __init__(self, mode: str = "restricted") -> None:
        from playground.core.session import Session

        self.mode = mode
        self.session = Session()

    def run(self, source: str, *, backward: str | None = None, grad_enabled: bool = True):
        """Run ``source`` (restricted interpreter, or real Python for ``mode="python"``),
        optionally ``session.backward(backward)``; return ``(RunView, StateView)`` with
        ``run_view.tensor_views = state.tensors``, as the window hands them to panels."""
        if self.mode == "python":
            from playground.core.backward_trace import BackwardTracer
            from playground.core.history import RunHistory
            from playground.core.session import SessionRun
            from playground.kernel.python_mode import run_python

            history, tracer = RunHistory(), BackwardTracer()
            result, _globals = run_python(
                source, grad_enabled=grad_enabled, observers=(history, tracer)
            )
            result.grad_enabled = grad_enabled
            self.session.adopt(SessionRun(result=result, history=history, tracer=tracer))
        else:
            self.session.adopt(self.session.run(source, grad_enabled=grad_enabled))
        if backward is not None:
            error = self.session.backward(backward)
            assert error is None, error
        return self.views()

    def views(self):
        """``(RunView, StateView)`` of the current state (after a run or an action)."""
        from playground.kernel.snapshot import local_views

        run_view, state = local_views(self.session.current, self.mode)
        run_view.tensor_views = state.tensors
        return run_view, state

    def state(self):
        """The :class:`StateView` the kernel sends after an action."""
        return self.views()[1]

    def backward(self, root: str, gradient=None, **options):
        """The Backward button on the live tensors; returns the new :class:`StateView`."""
        error = self.session.backward(root, gradient, **options)
        assert error is None, error
        return self.state()

    def zero_grad(self, *, set_to_none: bool = False):
        """The Zero grad button; returns the new :class:`StateView`."""
        self.session.zero_grad(set_to_none=set_to_none)
        return self.state()

    def tensor(self, name: str):
        """The live ``torch.Tensor`` behind a view (the reference the test compares to)."""
        return self.session.current.result.namespace[name]


def make_views(source: str, *, backward: str | None = None, mode: str = "restricted"):
    """``(RunView, StateView)`` of ``source`` run in this process (see :class:`LocalKernel`),
    after ``session.backward(backward)`` when a root is given; ``run_view.tensor_views``
    holds the state's tensors, as the window sets it."""
    return LocalKernel(mode).run(source, backward=backward)


@pytest.fixture(name="make_views")
def _make_views_fixture():
    """:func:`make_views` as a fixture."""
    return make_views


@pytest.fixture
def local_kernel():
    """A fresh :class:`LocalKernel` (restricted mode); ``LocalKernel("python")`` for the other."""
    return LocalKernel()


#: Issue 13's 3-layer MLP with an MSE loss and its backward (module-group tests).
MLP_SCRIPT = """\
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 1))
loss_fn = nn.MSELoss()
x = torch.randn(5, 4)
y = torch.randn(5, 1)
out = model(x)
loss = loss_fn(out, y)
loss.backward()
"""

#: A ``tanh(h @ w + b)`` chain, fresh ``w``, ``b`` each step: 7 graph nodes a step
#: (``STEPS`` is replaced; 140 steps ~ 1,000 nodes, 1400 ~ 10,000).
CHAIN_SCRIPT = """import torch

torch.manual_seed(0)
h = torch.randn(1, 8)
for _ in range(STEPS):
    w = torch.randn(8, 8, requires_grad=True)
    b = torch.randn(8, requires_grad=True)
    h = torch.tanh(h @ w + b)
loss = h.sum()
"""


#: The seed's gradient example up to its output (lesson 3 without its backward calls).
LESSON3 = (
    "import torch\nx = torch.ones(2, 2, requires_grad=True)\ny = x + 2\nz = y * y * 3\n"
    "out = z.mean()\n"
)


@pytest.fixture
def open_window(qtbot):
    """``open_window(script, *, show=True)``: ``playground.main_window(script)``, closed at
    teardown without asking to save."""

    def make(script: str = LESSON3, *, show: bool = True):
        import playground

        window = playground.main_window(script)
        qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
        if show:
            window.show()
        return window

    return make
