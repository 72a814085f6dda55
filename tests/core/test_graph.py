"""Autograd graph extraction, checked against PyTorch's own graph walked directly."""

from __future__ import annotations

import sys
from collections import deque

import pytest
import torch

from playground.core.graph import (
    WHY_DETACHED,
    WHY_NEVER,
    WHY_NO_GRAD,
    extract_graph,
    saved_values,
    summarize_tensor,
)
from playground.core.runner import run_script
from tests.conftest import SEED_DIR

LESSONS = sorted(SEED_DIR.glob("lesson*.py"))


def _reachable(tensors):
    """Every backward node reachable from the tensors, by a plain walk of PyTorch's API."""
    found, queue = {}, deque(t.grad_fn for t in tensors if t.grad_fn is not None)
    while queue:
        fn = queue.popleft()
        if id(fn) in found:
            continue
        found[id(fn)] = fn
        queue.extend(child for child, _ in fn.next_functions if child is not None)
    return list(found.values())


def _no_grad_names(result):
    return [n for n, a in result.assignments.items() if not a.grad_enabled]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_seed_lesson_graph_matches_pytorch(lesson):
    result = run_script(lesson.read_text())
    assert result.error is None
    tensors = result.tensors()
    graph = extract_graph(tensors, no_grad_names=_no_grad_names(result))
    nodes = _reachable(tensors.values())
    fn_nodes = [n for n in graph.nodes if n.kind in ("backward", "accumulate")]
    assert len(fn_nodes) == len(nodes)
    assert sorted(n.op for n in fn_nodes) == sorted(type(n).__name__ for n in nodes)
    edges = {(e.src, e.dst, e.kind) for e in graph.edges}
    for name, t in tensors.items():
        node = graph.tensor_node(name)
        assert node is not None and name in node.names
        assert node.shape == tuple(t.shape)
        assert node.requires_grad == t.requires_grad and node.is_leaf == t.is_leaf
        if t.grad_fn is not None:
            assert node.kind == "nonleaf"
            (fn_edge,) = [e for e in graph.out_edges(node.id) if e.kind == "grad_fn"]
            assert graph.node(fn_edge.dst).op == type(t.grad_fn).__name__
        elif t.requires_grad:
            assert node.kind == "leaf"
            if t.grad is not None:
                assert torch.equal(node.grad, t.grad) and node.grad is not t.grad
        else:
            assert node.kind == "nograd" and node.why is not None
            assert not any(node.id in (s, d) for s, d, _ in edges)
    # Every next_functions entry is an edge, with its input index.
    total_next = sum(1 for fn in nodes for child, _ in fn.next_functions if child is not None)
    assert sum(1 for e in graph.edges if e.kind == "next") == total_next


def test_lesson3_exact_structure():
    result = run_script((SEED_DIR / "lesson3.py").read_text())
    graph = extract_graph(result.tensors())
    edges = [(e.src, e.dst, e.kind, e.index) for e in graph.edges]
    assert ("t:out", "fn:out", "grad_fn", -1) in edges
    assert ("fn:out", "fn:z", "next", 0) in edges
    assert ("fn:z", "fn:z/0", "next", 0) in edges
    # y * y: two distinct edges into AddBackward0, one per operand
    assert ("fn:z/0", "fn:y", "next", 0) in edges and ("fn:z/0", "fn:y", "next", 1) in edges
    assert ("fn:y", "acc:x", "next", 0) in edges
    assert ("acc:x", "t:x", "variable", -1) in edges
    assert ("fn:out2", "acc:x", "next", 0) in edges
    assert graph.node("fn:out").op == "MeanBackward0"
    assert graph.node("fn:z/0").op == "MulBackward0"
    assert graph.node("acc:x").kind == "accumulate" and graph.node("acc:x").names == ("x",)
    # the script zeroed x.grad at the end
    assert torch.equal(graph.node("t:x").grad, torch.zeros(2, 2))


def test_lines_come_from_the_interpreter_metadata():
    result = run_script((SEED_DIR / "lesson5.py").read_text())
    graph = extract_graph(result.tensors(), no_grad_names=_no_grad_names(result))
    assert graph.node("fn:y1").line == 3  # y1 = x ** 2
    assert graph.node("fn:y3").line == 6  # y3 = y1 + y2
    assert graph.node("t:y2").why == WHY_NO_GRAD


def test_a_times_a_keeps_two_saved_operands():
    a = torch.tensor([2.0, 3.0], requires_grad=True)
    b = a * a
    graph = extract_graph({"a": a, "b": b}, saved_tensors=True)
    saved = [n for n in graph.nodes if n.kind == "saved"]
    assert sorted(n.id for n in saved) == ["fn:b#other", "fn:b#self"]
    fn = b.grad_fn
    assert torch.equal(graph.node("fn:b#self").value, fn._saved_self)
    assert torch.equal(graph.node("fn:b#other").value, fn._saved_other)
    assert [e.dst for e in graph.out_edges("fn:b") if e.kind == "saved"] == [
        "fn:b#other",
        "fn:b#self",
    ]


def test_saved_tensors_after_backward_are_reported_freed():
    a = torch.tensor([2.0, 3.0], requires_grad=True)
    b = a * a
    assert saved_values({"a": a, "b": b}, "fn:b")["self"] == "tensor([2., 3.])"
    b.sum().backward()
    graph = extract_graph({"a": a, "b": b}, saved_tensors=True)
    assert "freed" in graph.node("fn:b").saved_info["self"]
    assert "freed" in saved_values({"a": a, "b": b}, "fn:b")["other"]


def test_why_disconnected():
    x = torch.ones(3, requires_grad=True)
    with torch.no_grad():
        made = x * 2
    detached = x.detach()
    plain = torch.zeros(2)
    graph = extract_graph(
        {"x": x, "made": made, "detached": detached, "plain": plain}, no_grad_names=["made"]
    )
    assert graph.node("t:made").why == WHY_NO_GRAD
    assert graph.node("t:detached").why == WHY_DETACHED
    assert graph.node("t:plain").why == WHY_NEVER
    assert graph.node("t:x").why is None and graph.node("t:x").kind == "leaf"


def test_aliases_share_one_node_and_unnamed_leaves_get_one():
    x = torch.ones(2, requires_grad=True)
    alias = x
    y = x * torch.full((2,), 3.0, requires_grad=True)
    graph = extract_graph({"x": x, "alias": alias, "y": y})
    assert graph.node("t:x").names == ("x", "alias")
    assert graph.get("t:alias") is None
    unnamed = [n for n in graph.nodes if n.kind == "leaf" and not n.names]
    assert len(unnamed) == 1 and torch.equal(unnamed[0].value, torch.full((2,), 3.0))


def test_deep_chain_is_walked_without_recursion():
    x = torch.ones(1, requires_grad=True)
    h = x
    depth = sys.getrecursionlimit() + 500
    for _ in range(depth):
        h = h * 1.0001
    graph = extract_graph({"x": x, "h": h})
    assert sum(1 for n in graph.nodes if n.kind == "backward") == depth
    assert max(len(n.id) for n in graph.nodes) < 40  # ids stay short in deep chains


def test_ids_are_stable_across_reruns_with_other_values():
    script = "import torch\nx = torch.ones(2, requires_grad=True)\nh = x\n"
    script += "for i in range(12):\n    h = torch.tanh(h * {v} + i)\nloss = h.sum()\n"
    one = extract_graph(run_script(script.format(v=0.5)).tensors())
    two = extract_graph(run_script(script.format(v=0.9)).tensors())
    assert one.shape_key() == two.shape_key()
    assert len(set(n.id for n in one.nodes)) == len(one.nodes)
    assert not any(str(id(n)) in n.id for n in one.nodes)


def test_non_leaf_grad_is_not_read_without_retain_grad(recwarn):
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    y.sum().backward()
    graph = extract_graph({"x": x, "y": y})
    assert graph.node("t:y").grad is None
    assert not [w for w in recwarn if "non-leaf" in str(w.message)]


def test_summarize_tensor():
    assert summarize_tensor(torch.tensor(4.5)) == "4.5"
    assert summarize_tensor(torch.tensor([2.0, 0.4])) == "[2, 0.4]"
    assert summarize_tensor(torch.ones(3, 3)) == "3×3 ‖·‖=3"
    assert summarize_tensor(None) == "None"
