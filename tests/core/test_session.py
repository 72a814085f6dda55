"""Session: GUI-driven backward / zero / repeat on the live objects, checked against PyTorch."""

from __future__ import annotations

import torch

from playground.core.errors import ScriptFailed
from playground.core.session import Session, default_root
from tests.conftest import seed_lesson

LESSON3 = seed_lesson(3)  # the seed's block: out, then out2
GRADIENT_EXAMPLE = """\
import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
"""
NON_SCALAR = """\
import torch
x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
y = x * x + 2
z = y.view(2, 2)
"""


def _session(source: str) -> Session:
    session = Session()
    run = session.run(source)
    assert run.result.ok, run.result.error
    session.adopt(run)
    return session


def _plain_torch_grads(clicks: int) -> list[torch.Tensor]:
    x = torch.ones(2, 2, requires_grad=True)
    out = ((x + 2) * (x + 2) * 3).mean()
    grads = []
    for _ in range(clicks):
        out.backward(retain_graph=True)
        grads.append(x.grad.clone())
    return grads


def test_three_backward_clicks_accumulate_like_pytorch():
    session = _session(GRADIENT_EXAMPLE)
    assert session.default_root() == "out"
    x = session.current.result.namespace["x"]
    seen = []
    for _ in range(3):
        assert session.backward("out", retain_graph=True) is None
        seen.append(x.grad.clone())
    for got, want in zip(seen, _plain_torch_grads(3), strict=True):
        torch.testing.assert_close(got, want)
    assert [g[0, 0].item() for g in seen] == [4.5, 9.0, 13.5]
    assert session.current.history.count == 3


def test_second_backward_without_retain_graph_returns_pytorchs_error():
    session = _session(GRADIENT_EXAMPLE)
    assert session.backward("out", retain_graph=False) is None
    error = session.backward("out", retain_graph=False)
    assert isinstance(error, ScriptFailed)
    assert error.exc_type == "RuntimeError"
    assert "Trying to backward through the graph a second time" in error.message


def test_zero_before_backward_keeps_grad_flat():
    session = _session(GRADIENT_EXAMPLE)
    x = session.current.result.namespace["x"]
    for _ in range(3):
        assert session.backward("out", zero_before=True) is None
        assert x.grad[0, 0].item() == 4.5


def test_zero_grad_modes():
    session = _session(GRADIENT_EXAMPLE)
    x = session.current.result.namespace["x"]
    session.backward("out")
    session.zero_grad()
    torch.testing.assert_close(x.grad, torch.zeros(2, 2))
    session.zero_grad(set_to_none=True)
    assert x.grad is None


def test_non_scalar_root_needs_gradient_and_matches_seed():
    session = _session(NON_SCALAR)
    error = session.backward("z")
    assert isinstance(error, ScriptFailed)
    assert "grad can be implicitly created only for scalar outputs" in error.message
    w = torch.tensor([[1.0, 0.1], [1.0, 0.01]])
    assert session.backward("z", w) is None
    x = session.current.result.namespace["x"]
    torch.testing.assert_close(x.grad, torch.tensor([2.0, 0.4, 6.0, 0.09]))


def test_default_root_prefers_last_scalar():
    session = _session(LESSON3)
    # lesson 3 assigns out (scalar) then out2 (scalar): the later one is the default
    assert default_root(session.current.result) == "out2"
    assert set(session.backward_roots()) >= {"y", "z", "out", "out2"}


def test_unknown_root_is_a_clear_error():
    session = _session(GRADIENT_EXAMPLE)
    error = session.backward("nope")
    assert isinstance(error, ScriptFailed)
    assert "nope" in error.message


def test_repeat_step_records_every_run():
    session = _session(GRADIENT_EXAMPLE)
    step = session.make_repeat_step("out", retain_graph=True)
    for _ in range(5):
        step()
    x = session.current.result.namespace["x"]
    assert x.grad[0, 0].item() == 4.5 * 5
    assert session.current.history.count == 5
    assert session.current.history.zero_events == []  # no zeroing asked for


def test_adopt_keeps_previous_history():
    session = _session(GRADIENT_EXAMPLE)
    session.backward("out")
    first = session.current.history
    session.adopt(session.run(GRADIENT_EXAMPLE))
    assert session.current.history.previous is first
    session.adopt(session.run(GRADIENT_EXAMPLE))
    assert session.current.history.previous.previous is None
