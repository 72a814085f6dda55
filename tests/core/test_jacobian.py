"""The Jacobian panel's numbers: J on the live graph against torch.autograd.functional.jacobian
of the explicit function, vᵀJ against the real x.grad, finite differences from fresh runs,
the graph and the state left as they were, and the caps."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from playground.core.backward_trace import BackwardTracer
from playground.core.history import RunHistory
from playground.core.jacobian import FD_MAX_COLUMNS, Rerun, jacobian_report
from playground.core.session import Session, SessionRun
from playground.kernel.names import user_namespace
from playground.kernel.python_mode import run_python

LESSON4 = (
    "import torch\n"
    "x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)\n"
    "y = x * x + 2\n"
    "z = y.view(2, 2)\n"
)
W = [[1.0, 0.1], [1.0, 0.01]]


def live(source: str) -> Session:
    """A session holding ``source`` run in Python mode (the kernel's own state)."""
    history, tracer = RunHistory(), BackwardTracer()
    result, _globals = run_python(source, filename="script.py", observers=(history, tracer))
    assert result.error is None, result.error
    session = Session()
    session.adopt(SessionRun(result=result, history=history, tracer=tracer))
    return session


def rerun_of(source: str) -> Rerun:
    """How the kernel runs ``source`` again for finite differences."""

    def again(_seconds: float):
        result, globals_ = run_python(source, filename="rerun.py", tag_lines=False)
        return globals_ if result.error is None else None

    return Rerun(again, user_namespace, "rerun.py")


def report_of(session: Session, root: str, leaf: str, gradient=None, **kwargs):
    source = session.current.result.source
    kwargs.setdefault("rerun", rerun_of(source))
    return jacobian_report(session.current.result, root, leaf, gradient, **kwargs)


def test_lesson4_jacobian_is_diag_and_vjp_is_the_lessons_gradient():
    session = live(LESSON4)
    w = torch.tensor(W)
    report = report_of(session, "z", "x", w)
    x0 = torch.tensor([1.0, 2.0, 3.0, 4.5])
    expected = torch.autograd.functional.jacobian(lambda x: (x * x + 2).view(2, 2), x0)
    assert report.status == "ok"
    np.testing.assert_array_equal(report.jacobian, expected.reshape(4, 4).double().numpy())
    np.testing.assert_array_equal(report.jacobian, np.diag([2.0, 4.0, 6.0, 9.0]))
    np.testing.assert_allclose(report.vjp, [2.0, 0.4, 6.0, 0.09], rtol=1e-6)
    assert report.grad is None and report.agree is None  # no backward yet
    # the real z.backward(w): x.grad agrees with vᵀJ
    assert session.backward("z", w) is None
    after = report_of(session, "z", "x", w)
    x = session.current.result.namespace["x"]
    np.testing.assert_array_equal(after.grad, x.grad.double().numpy())
    assert after.agree is True and after.multiple is None
    # a second backward accumulates: x.grad = 2·vᵀJ
    assert session.backward("z", w) is None
    twice = report_of(session, "z", "x", w)
    assert twice.agree is False and twice.multiple == 2


def test_lesson4_finite_differences_confirm_j():
    report = report_of(live(LESSON4), "z", "x", torch.tensor(W))
    assert report.fd_status == "ok" and report.fd_columns == [0, 1, 2, 3]
    assert report.fd_dtype == "float64"  # the float32 leaf was moved as a float64 copy
    np.testing.assert_allclose(report.fd, report.jacobian, atol=1e-6)
    assert report.fd_max_diff == pytest.approx(np.max(np.abs(report.fd - report.jacobian)))
    assert report.fd_agree is True


CASES = {
    "matmul": (
        "import torch\ntorch.manual_seed(1)\nx = torch.randn(2, 3, requires_grad=True)\n"
        "W = torch.randn(3, 4, requires_grad=True)\ny = x @ W\n",
        "y",
        ["x", "W"],
        lambda ns: {"x": lambda x: x @ ns["W"], "W": lambda W: ns["x"] @ W},
    ),
    "softmax": (
        "import torch\ntorch.manual_seed(2)\nx = torch.randn(5, requires_grad=True)\n"
        "y = torch.softmax(x * 2, dim=0)\n",
        "y",
        ["x"],
        lambda ns: {"x": lambda x: torch.softmax(x * 2, dim=0)},
    ),
    "broadcast": (
        "import torch\nx = torch.tensor([[0.5], [1.0], [-2.0]], requires_grad=True)\n"
        "b = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)\ny = x * b + x.exp()\n",
        "y",
        ["x", "b"],
        lambda ns: {
            "x": lambda x: x * ns["b"] + x.exp(),
            "b": lambda b: ns["x"] * b + ns["x"].exp(),
        },
    ),
    "float64": (
        "import torch\nx = torch.linspace(-1, 1, 6, dtype=torch.float64, requires_grad=True)\n"
        "y = (x.sin() * x).reshape(2, 3).sum(0)\n",
        "y",
        ["x"],
        lambda ns: {"x": lambda x: (x.sin() * x).reshape(2, 3).sum(0)},
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_jacobian_matches_torch_functional_and_finite_differences(case):
    source, root, leaves, functions = CASES[case]
    session = live(source)
    namespace = session.current.result.namespace
    explicit = functions(
        {k: v.detach() for k, v in namespace.items() if isinstance(v, torch.Tensor)}
    )
    y = namespace[root]
    for leaf in leaves:
        x = namespace[leaf]
        report = report_of(session, root, leaf)
        expected = torch.autograd.functional.jacobian(explicit[leaf], x.detach())
        expected = expected.reshape(y.numel(), x.numel()).double().numpy()
        assert report.status == "ok", report.detail
        assert report.jacobian.shape == (y.numel(), x.numel())
        np.testing.assert_allclose(report.jacobian, expected, rtol=1e-6, atol=1e-7)
        np.testing.assert_array_equal(report.v, np.ones(y.numel()))
        np.testing.assert_allclose(report.vjp, expected.sum(0), rtol=1e-6, atol=1e-6)
        assert report.fd_status == "ok" and report.fd_agree is True
        # float64 when the leaf could be moved as a float64 copy (x @ W with a float32 W
        # cannot: mm wants one dtype), else the float32 step's rounding
        tol = 1e-6 if report.fd_dtype == "float64" else 1e-3
        np.testing.assert_allclose(report.fd, expected, rtol=tol, atol=tol)


def test_module_parameter_by_path_uses_its_own_dtype():
    source = (
        "import torch\ntorch.manual_seed(0)\nmodel = torch.nn.Linear(3, 2)\n"
        "x = torch.tensor([1.0, -1.0, 0.5])\ny = torch.tanh(model(x))\n"
    )
    session = live(source)
    report = report_of(session, "y", "model.weight")
    ns = session.current.result.namespace
    bias, x = ns["model.bias"].detach(), ns["x"]
    expected = torch.autograd.functional.jacobian(
        lambda w: torch.tanh(w @ x + bias), ns["model.weight"].detach()
    )
    np.testing.assert_allclose(report.jacobian, expected.reshape(2, 6).double().numpy(), rtol=1e-6)
    assert report.fd_status == "ok" and report.fd_dtype == "float32"
    np.testing.assert_allclose(report.fd, report.jacobian, atol=2e-3)


def test_the_graph_and_the_state_are_left_as_they_were():
    source = LESSON4 + "y.retain_grad()\n"
    w = torch.tensor(W)
    plain = live(source)
    assert plain.backward("z", w) is None
    reference = plain.current.result.namespace["x"].grad.clone()
    session = live(source)
    ns = session.current.result.namespace
    for _ in range(2):
        report_of(session, "z", "x", w)
    assert ns["x"].grad is None and ns["y"].grad is None  # retain_grad's .grad put back
    assert session.current.history.count == 0  # nothing recorded
    assert session.backward("z", w, retain_graph=False) is None
    assert torch.equal(ns["x"].grad, reference)
    assert torch.equal(ns["y"].grad, w.reshape(4))


def test_statuses_say_why_there_is_no_j():
    source = (
        "import torch\nx = torch.ones(3, requires_grad=True)\nb = torch.ones(3, requires_grad=True)\n"
        "y = x * x\nz = y.sum()\nz.backward()\nwith torch.no_grad():\n    q = x * 2\n"
        "big = torch.ones(200, requires_grad=True)\nh = big * 3\nc = torch.ones(2) * 2\n"
    )
    session = live(source)
    assert report_of(session, "y", "x").status == "freed"  # z.backward() freed MulBackward0's x
    assert report_of(session, "y", "b").status == "unreachable"
    assert report_of(session, "q", "x").status == "no_grad_fn"
    assert report_of(session, "x", "x").status == "no_grad_fn"
    large = report_of(session, "h", "big")
    assert large.status == "too_large" and large.entries == 200 * 200 and large.jacobian is None
    assert report_of(session, "nothing", "x").status == "no_root"
    assert report_of(session, "y", "nothing").status == "no_leaf"


def test_finite_difference_caps():
    source = "import torch\nx = torch.arange(40.0, requires_grad=True)\ny = (x * x).sum()\n"
    session = live(source)
    capped = report_of(session, "y", "x")
    assert capped.status == "ok" and capped.fd_status == "capped"
    assert capped.fd_columns == list(range(FD_MAX_COLUMNS))
    np.testing.assert_allclose(capped.fd[0], 2 * np.arange(FD_MAX_COLUMNS), atol=1e-4)
    timed = report_of(session, "y", "x", fd_max_seconds=0.0)
    assert timed.status == "ok" and timed.fd_status == "timeout" and timed.fd is None
    restricted = report_of(session, "y", "x", rerun=None)
    assert restricted.fd_status == "restricted" and restricted.jacobian is not None


def test_j_time_cap():
    source = "import torch\nx = torch.ones(10, requires_grad=True)\ny = (x * 2).repeat(60)\n"
    report = report_of(live(source), "y", "x", max_seconds=0.0)
    assert report.status == "timeout" and report.jacobian is None
