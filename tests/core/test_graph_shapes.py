"""Shapes as the graph writes them: ``scalar``, ``(2,)``, ``2×2``, ``2×3×4`` — in node
labels, saved-tensor boxes and the compact summaries of big tensors (real PyTorch)."""

from __future__ import annotations

import pytest
import torch

from playground.core.graph import extract_graph, summarize_tensor
from playground.core.graph_model import shape_text
from playground.kernel.snapshot import tensor_view


@pytest.mark.parametrize(
    ("shape", "text"),
    [((), "scalar"), ((2,), "(2,)"), ((2, 2), "2×2"), ((2, 3, 4), "2×3×4"), ((0,), "(0,)")],
)
def test_shape_text(shape, text):
    assert shape_text(shape) == text
    assert shape_text(torch.zeros(shape).shape) == text


def test_node_and_saved_labels_show_unmistakable_shapes():
    s = torch.tensor(2.0, requires_grad=True)
    v = torch.tensor([1.0, 2.0], requires_grad=True)
    m = torch.ones(2, 2, requires_grad=True)
    c = torch.ones(2, 3, 4, requires_grad=True)
    a = v * v
    graph = extract_graph({"s": s, "v": v, "m": m, "c": c, "a": a}, saved_tensors=True)
    labels = {node.id: node.label for node in graph.nodes}
    assert labels["t:s"] == "s\nscalar"
    assert labels["t:v"] == "v\n(2,)"
    assert labels["t:m"] == "m\n2×2"
    assert labels["t:c"] == "c\n2×3×4"
    assert labels["fn:a#self"] == "self\n(2,)"  # was "self\n2": read as a value


def test_big_tensors_summarize_as_shape_and_norm():
    assert summarize_tensor(torch.ones(5)) == "(5,) ‖·‖=2.236"
    assert summarize_tensor(torch.ones(3, 3)) == "3×3 ‖·‖=3"
    assert summarize_tensor(torch.ones(2)) == "[1, 1]"  # few values: the values
    assert tensor_view(torch.ones(6)).summary == "(6,) ‖·‖=2.449"


@pytest.mark.parametrize(
    "tensor",
    [
        torch.tensor(2.5),
        torch.tensor([1.0, -0.0, 3.25]),
        torch.tensor([[1.0, 0.1], [1.0, 0.01]]),
        torch.randn(8, 8, generator=torch.Generator().manual_seed(0)),
        torch.full((3, 3), float("nan")),
        torch.tensor([float("inf"), 1.0, 2.0, 3.0, 4.0]),
        torch.arange(6, dtype=torch.float64).reshape(2, 3),
        torch.linspace(0, 1, 7, dtype=torch.float16),
    ],
    ids=["0d", "3", "2x2", "8x8", "nan", "inf", "f64", "f16"],
)
def test_the_kernel_summary_from_numpy_equals_summarize_tensor(tensor):
    view = tensor_view(tensor)
    assert view.summary == summarize_tensor(tensor)
