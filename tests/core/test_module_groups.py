"""Module groups of the backward graph, from real nn.Modules run in a real kernel child:
paths and nesting, labels, parameter names, membership, the collapsed group's edges and
its parameters' ‖grad‖ against PyTorch's own."""

from __future__ import annotations

import pytest
import torch

from playground.core.graph_model import ModuleGroup
from playground.core.module_groups import group_edges, params_text
from tests.conftest import MLP_SCRIPT

MLP = MLP_SCRIPT

NESTED = """\
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(4, 8), nn.Tanh())
        self.conv1 = nn.Conv2d(3, 64, 3)
        self.head = nn.Linear(8, 1)

    def forward(self, x, image):
        return self.head(self.encoder(x)).sum() + self.conv1(image).mean()


torch.manual_seed(0)
net = Net()
out = net(torch.randn(2, 4), torch.randn(1, 3, 8, 8))
"""

SHARED = """\
import torch
from torch import nn

torch.manual_seed(0)
cell = nn.Linear(3, 3)
h = torch.randn(1, 3)
h = cell(h)
h = cell(h)
out = h.sum()
"""


def _state(kernel_session, source: str):
    outcome = kernel_session.run(source)
    assert outcome.died is None and outcome.run.error is None
    return outcome.state


def _torch_run(source: str) -> dict:
    """The script's globals when Python itself runs it (PyTorch's own values)."""
    namespace: dict = {"__name__": "__main__"}
    exec(compile(source, "<expected>", "exec"), namespace)  # noqa: S102 - our test script
    return namespace


def _groups(graph) -> dict[str, ModuleGroup]:
    return {g.path: g for g in graph.groups}


def test_mlp_groups_paths_labels_and_parameters(kernel_session):
    graph = _state(kernel_session, MLP).graph
    groups = _groups(graph)
    model = _torch_run(MLP)["model"]
    expected = {"model", "loss_fn"} | {f"model.{i}" for i in range(len(model))}
    assert set(groups) == expected
    assert groups["model"].parent is None and groups["loss_fn"].parent is None
    for i, layer in enumerate(model):
        group = groups[f"model.{i}"]
        assert group.parent == "model"
        assert group.kind == (
            f"Linear({layer.in_features}→{layer.out_features})"
            if isinstance(layer, torch.nn.Linear)
            else type(layer).__name__
        )
        assert group.label == f"model.{i} · {group.kind}"
        assert group.params == tuple(f"model.{i}.{n}" for n, _ in layer.named_parameters())
    assert groups["model.0"].label == "model.0 · Linear(4→8)"
    assert groups["model"].label == "model · Sequential"
    assert groups["model"].params == tuple(f"model.{n}" for n, _ in model.named_parameters())
    # the parameters are the named leaves of the graph
    for name in groups["model"].params:
        assert graph.tensor_node(name) is not None


def test_every_node_is_in_the_group_of_the_module_that_made_it(kernel_session):
    graph = _state(kernel_session, MLP).graph
    for node in graph.nodes:
        if node.kind == "backward" and node.module is not None:
            assert node.group == node.module.split(" ")[0], node
        if node.kind in ("leaf", "accumulate") and node.names:
            owner = node.names[0].rpartition(".")[0]  # model.2.weight -> model.2
            assert node.group == (owner if owner.startswith("model.") else None), node
        if node.kind in ("nonleaf", "nograd"):
            assert node.group is None, node  # the script's own variables stay outside
    # linear's TBackward0 is made in PyTorch's C++, yet belongs to its Linear
    for group in ("model.0", "model.2", "model.4"):
        ops = {graph.node(i).op for i in _groups(graph)[group].nodes if graph.node(i).op}
        assert ops == {"AddmmBackward0", "TBackward0", "AccumulateGrad"}
    # every group's node list matches its nodes' own group
    for group in graph.groups:
        assert set(group.nodes) == {n.id for n in graph.nodes if n.group == group.path}


def test_grad_norms_equal_pytorchs_own(kernel_session):
    graph = _state(kernel_session, MLP).graph
    model = dict(_torch_run(MLP)["model"].named_parameters())
    for group in graph.groups:
        for name, norm in zip(group.params, group.grad_norms, strict=True):
            expected = float(model[name.removeprefix("model.")].grad.norm())
            assert norm == pytest.approx(expected, rel=1e-6), name
    linear = _groups(graph)["model.4"]
    text = params_text(linear.params, linear.grad_norms, "model.4")
    w, b = (float(model[f"4.{n}"].grad.norm()) for n in ("weight", "bias"))
    assert text == f"weight ‖grad‖={w:.4g} · bias ‖grad‖={b:.4g}"


def test_grad_norms_are_none_before_a_backward(kernel_session):
    graph = _state(kernel_session, MLP.replace("loss.backward()\n", "")).graph
    assert all(n is None for g in graph.groups for n in g.grad_norms)


def test_the_collapsed_groups_edges_carry_the_modules_output_gradient(kernel_session):
    state = _state(kernel_session, MLP)
    graph, grads = state.graph, state.trace.edge_gradients()
    into, out = group_edges(graph, "model.2")
    # one edge in (from the ReLU above: the gradient of the Linear's output), one out
    # (to the ReLU below: the gradient of its input); the parameters are inside
    assert [graph.node(e.src).group for e in into] == ["model.3"]
    assert [graph.node(e.dst).group for e in out] == ["model.1"]
    expected = _torch_run(
        MLP.replace(
            "out = model(x)\n",
            "h1 = model[1](model[0](x))\nh1.retain_grad()\nh2 = model[2](h1)\n"
            "h2.retain_grad()\nout = model[4](model[3](h2))\n",
        )
    )
    (edge_in,) = into
    (edge_out,) = out
    got_in = grads[(edge_in.src, edge_in.index)].values
    got_out = grads[(edge_out.src, edge_out.index)].values
    assert torch.allclose(torch.from_numpy(got_in), expected["h2"].grad)
    assert torch.allclose(torch.from_numpy(got_out), expected["h1"].grad)
    # the whole model collapsed: in from the loss, out to nothing (x needs no grad)
    into, out = group_edges(graph, "model")
    assert [graph.node(e.src).op for e in into if e.kind == "next"] == ["MseLossBackward0"]
    assert out == []


def test_nested_groups_and_conv_labels(kernel_session):
    groups = _groups(_state(kernel_session, NESTED).graph)
    assert groups["net"].label == "net · Net" and groups["net"].parent is None
    assert groups["net.encoder"].parent == "net"
    assert groups["net.encoder"].kind == "Sequential"
    assert groups["net.encoder.0"].parent == "net.encoder"
    assert groups["net.encoder.0"].label == "net.encoder.0 · Linear(4→8)"
    assert groups["net.encoder.1"].kind == "Tanh"
    assert groups["net.conv1"].label == "net.conv1 · Conv2d(3→64, 3×3)"
    assert groups["net.head"].parent == "net"
    assert groups["net.encoder"].params == ("net.encoder.0.weight", "net.encoder.0.bias")
    # outer groups are listed before the groups nested in them
    order = list(groups)
    for path, group in groups.items():
        if group.parent is not None:
            assert order.index(group.parent) < order.index(path)


def test_a_module_called_twice_gets_a_group_per_call(kernel_session):
    graph = _state(kernel_session, SHARED).graph
    groups = _groups(graph)
    assert set(groups) == {"cell", "cell@2"}
    assert groups["cell@2"].label == "cell · Linear(3→3) · call 2"
    # the weight's AccumulateGrad belongs to the module (its first call)
    assert graph.node("acc:cell.weight").group == "cell"
    # the second call's output feeds the sum: it is the group nearer the output
    (sum_edge,) = [e for e in graph.edges if e.src == "fn:out" and e.kind == "next"]
    assert graph.node(sum_edge.dst).group == "cell@2"
