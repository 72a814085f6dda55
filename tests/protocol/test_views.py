"""Views from the kernel are checked field by field: a hostile message is a WireError."""

from __future__ import annotations

import numpy as np
import pytest

from playground.core.session import Session
from playground.kernel.snapshot import local_views, state_message
from playground.protocol import codec
from playground.protocol.views import WireError, state_from_wire, tensor_from_wire
from tests.conftest import LESSON3


@pytest.fixture
def lesson3_state():
    session = Session()
    session.adopt(session.run(LESSON3))
    assert session.backward("out") is None
    return session


def test_state_carries_what_pytorch_computed(lesson3_state):
    run_view, state = local_views(lesson3_state.current)
    x = lesson3_state.current.result.namespace["x"]
    view = state.tensors["x"]
    assert np.array_equal(view.grad.values, x.grad.numpy())
    assert view.grad.text == repr(x.grad)
    assert state.default_root == "out" and state.roots == ["y", "z", "out"]
    assert {n.op for n in state.graph.nodes if n.kind == "backward"} == {
        "MeanBackward0",
        "MulBackward0",
        "AddBackward0",
    }
    assert state.history.count == 1
    assert [s.node_name for s in state.trace.steps][0] == "MeanBackward0"


def test_a_huge_tensor_sends_no_values_and_no_printout():
    session = Session()
    session.adopt(session.run("import torch\nx = torch.ones([1] * 200)\n"))
    _run, state = local_views(session.current)
    view = state.tensors["x"]
    assert view.values is None and view.dim() == 64  # shape cut at 64 dims
    assert "200 dimensions" in view.text


def _wire(session):
    return codec.roundtrip(state_message(session.current))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("tensors", 0, 1, "shape"), "not a list"),
        (("tensors", 0, 1, "values"), np.zeros(5)),
        (("tensors", 0, 1, "numel"), True),
        (("graph", "nodes", 0, "kind"), "exec"),
        (("graph", "edges", 0, 0), "t:nowhere"),
        (("history", "root"), np.zeros(999)),
    ],
    ids=["shape-type", "values-shape", "numel-bool", "node-kind", "dangling-edge", "history"],
)
def test_hostile_state_fields_are_refused(lesson3_state, path, value):
    data = _wire(lesson3_state)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(WireError):
        state_from_wire(data)


def test_long_text_is_cut():
    view = {
        "shape": [],
        "dtype": "float32",
        "requires_grad": False,
        "is_leaf": True,
        "grad_fn": None,
        "retains_grad": False,
        "numel": 1,
        "values": None,
        "text": "x" * 10**6,
        "summary": "s",
        "grad": None,
        "version": 0,
        "floating": True,
    }
    assert len(tensor_from_wire(view).text) <= 20_001
