"""The backward tracer records the engine's real order and values, and changes nothing."""

from __future__ import annotations

import gc
import weakref

import pytest
import torch

from playground.core.backward_trace import BackwardTracer
from playground.core.result import BackwardCall
from playground.core.runner import run_script
from tests.conftest import SEED_DIR


def _traced_backward(tracer, root, namespace, **kw):
    call = BackwardCall(kind="backward", roots=(root,), line=None, source="button")
    tracer.backward_started(call, namespace)
    error = None
    try:
        root.backward(**kw)
    except RuntimeError as exc:
        error = exc
    tracer.backward_finished(call, namespace, error)
    return error


def _lesson4():
    x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
    y = x * x + 2
    z = y.view(2, 2)
    return {"x": x, "y": y, "z": z}


def _plain_order(root, **kw):
    """The order the engine runs nodes, from pre-hooks registered without the tracer."""
    order, handles, seen, stack = [], [], set(), [root.grad_fn]
    while stack:
        fn = stack.pop()
        if fn is None or id(fn) in seen:
            continue
        seen.add(id(fn))

        def pre(grad_outputs, order=order):
            node = torch._C._current_autograd_node()
            order.append((type(node).__name__, node._sequence_nr()))

        handles.append(fn.register_prehook(pre))
        stack.extend(child for child, _ in fn.next_functions)
    root.backward(**kw)
    for h in handles:
        h.remove()
    return order


def _mlp(seed):
    torch.manual_seed(seed)
    x = torch.randn(3, 4)
    w1 = torch.randn(4, 5, requires_grad=True)
    w2 = torch.randn(5, 1, requires_grad=True)
    h = torch.relu(x @ w1)
    loss = (h @ w2).pow(2).mean() + w1.sum() * 0.1
    return {"x": x, "w1": w1, "w2": w2, "h": h, "loss": loss}


def test_order_equals_the_engines():
    ns = _mlp(1)
    expected = _plain_order(ns["loss"], retain_graph=True)
    tracer = BackwardTracer()
    _traced_backward(tracer, ns["loss"], ns)
    got = [(s.node_name, s.sequence_nr) for s in tracer.last.steps]
    assert got == expected
    assert len(got) > 8


def test_results_unchanged_and_values_recorded():
    plain = _lesson4()
    plain["z"].backward(torch.tensor([[1.0, 0.1], [1.0, 0.01]]))
    ns = _lesson4()
    tracer = BackwardTracer()
    _traced_backward(tracer, ns["z"], ns, gradient=torch.tensor([[1.0, 0.1], [1.0, 0.01]]))
    assert torch.equal(ns["x"].grad, plain["x"].grad)
    assert torch.allclose(ns["x"].grad, torch.tensor([2.0, 0.4, 6.0, 0.09]))
    steps = tracer.last.steps
    assert [s.node_name for s in steps] == [
        "ViewBackward0",
        "AddBackward0",
        "MulBackward0",
        "AccumulateGrad",
    ]
    assert [s.node_key for s in steps] == ["fn:z", "fn:y", "fn:y/0", "acc:x"]
    mul = steps[2]
    # d(x*x)/dx for each operand: v * x, checked against torch.autograd.grad
    x = torch.tensor([1.0, 2.0, 3.0, 4.5], requires_grad=True)
    v = torch.tensor([1.0, 0.1, 1.0, 0.01])
    (expected,) = torch.autograd.grad(x * x.detach(), x, v)
    assert torch.allclose(mul.grad_inputs[0], expected)
    assert torch.allclose(mul.grad_inputs[1], expected)
    acc = steps[3]
    assert acc.is_accumulate and acc.leaf_name == "x" and acc.grad_inputs == ()
    assert torch.equal(acc.grad_after, ns["x"].grad) and acc.grad_after is not ns["x"].grad
    grads = tracer.last.edge_gradients()
    assert torch.allclose(grads[("fn:y/0", 0)], expected)


def test_accumulation_across_backward_calls_in_a_script():
    tracer = BackwardTracer()
    result = run_script((SEED_DIR / "lesson3.py").read_text(), observers=[tracer])
    assert result.error is None
    assert len(tracer.traces) == 2
    first, second = tracer.traces
    assert torch.allclose(first.steps[-1].grad_after, torch.full((2, 2), 4.5))
    assert torch.allclose(second.steps[-1].grad_after, torch.full((2, 2), 5.5))
    assert second.call.line == 10 and second.call.roots == ()
    # stored values are clones: the script zeroed x.grad afterwards
    assert torch.equal(result.namespace["x"].grad, torch.zeros(2, 2))


def test_hooks_are_removed_after_the_pass():
    ns = _lesson4()
    tracer = BackwardTracer()
    _traced_backward(tracer, ns["y"].sum(), ns, retain_graph=True)
    recorded = len(tracer.last.steps)
    ns["y"].sum().backward()
    assert len(tracer.last.steps) == recorded
    assert tracer._handles == []


def test_error_is_recorded():
    ns = _lesson4()
    tracer = BackwardTracer()
    root = ns["y"].sum()
    assert _traced_backward(tracer, root, ns) is None
    error = _traced_backward(tracer, root, ns)
    assert error is not None
    assert "backward through the graph a second time" in tracer.last.error
    assert tracer._handles == []


def test_traces_do_not_keep_the_graph_alive():
    tracer = BackwardTracer()

    def run():
        ns = _lesson4()
        _traced_backward(tracer, ns["y"].sum(), ns)
        return weakref.ref(ns["x"]), weakref.ref(ns["y"])

    x_ref, y_ref = run()
    gc.collect()
    assert x_ref() is None and y_ref() is None
    assert tracer.last is not None and len(tracer.last.steps) == 4


@pytest.mark.parametrize("keep", [3])
def test_only_recent_traces_are_kept(keep):
    tracer = BackwardTracer(max_traces=keep)
    x = torch.ones(2, requires_grad=True)
    for _ in range(keep + 2):
        _traced_backward(tracer, (x * 2).sum(), {"x": x})
    assert len(tracer.traces) == keep
    assert torch.equal(x.grad, torch.full((2,), 2.0 * (keep + 2)))
