"""Issue 13's window-side scale figures for module groups, on an in-script ResNet-18
(CIFAR-style BasicBlocks built from ``torch.nn`` layers, input 1×3×32×32, ``loss =
out.sum()``, backward), drawn in the graph panel at a docked size with every module
collapsed:

- pan and zoom frames (scroll or zoom, then a synchronous repaint of the viewport):
  target ≥ 30 frames/s, against the same frames on the fully expanded graph;
- opening one group (expand + repaint): target ≤ 100 ms, against a full rebuild of
  the scene and the expanded graph's frame.

Printed (and stored in ``extra_info``), never asserted. Under ``make test``
(benchmarks disabled) the same network is built 8 channels wide instead of 64: the
same graph, small tensors, so this stays quick.
"""

from __future__ import annotations

import statistics
import time

import pytest

from playground.ui.graph_panel import GraphPanel

RESNET18 = """\
import torch
from torch import nn


class BasicBlock(nn.Module):
    def __init__(self, inp, out, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, out, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(out, out, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out)
        self.downsample = None
        if stride != 1 or inp != out:
            self.downsample = nn.Sequential(
                nn.Conv2d(inp, out, 1, stride, bias=False), nn.BatchNorm2d(out)
            )

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class ResNet18(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        w = WIDTH
        self.conv1 = nn.Conv2d(3, w, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(w)
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = nn.Sequential(BasicBlock(w, w), BasicBlock(w, w))
        self.layer2 = nn.Sequential(BasicBlock(w, 2 * w, 2), BasicBlock(2 * w, 2 * w))
        self.layer3 = nn.Sequential(BasicBlock(2 * w, 4 * w, 2), BasicBlock(4 * w, 4 * w))
        self.layer4 = nn.Sequential(BasicBlock(4 * w, 8 * w, 2), BasicBlock(8 * w, 8 * w))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8 * w, classes)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.pool(x), 1))


torch.manual_seed(0)
net = ResNet18()
out = net(torch.randn(1, 3, 32, 32))
loss = out.sum()
loss.backward()
"""
#: The panel's view at about the graph dock's size in a 1280×800 window.
PANEL_SIZE = (700, 450)
FRAMES = 40
#: The group opened: a whole stage (two BasicBlocks, 30 nodes inside) of the network.
OPENED = ("net", "net.layer2")


@pytest.fixture(scope="module")
def resnet_state(kernel_session, request):
    config = request.config
    full = bool(config.getoption("benchmark_enable")) or not config.getoption("benchmark_disable")
    outcome = kernel_session.run(RESNET18.replace("WIDTH", "64" if full else "8"))
    assert outcome.died is None and outcome.run.error is None
    return outcome.state


@pytest.fixture
def panel(qtbot, resnet_state):
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.resize(*PANEL_SIZE)
    panel.set_direction("TB")
    panel.show()
    panel.show_graph(resnet_state.graph, resnet_state.trace)
    qtbot.waitExposed(panel)
    return panel


def _pan_frame(view, step: list[int]) -> None:
    bar = view.horizontalScrollBar() if view.horizontalScrollBar().maximum() else None
    bar = bar or view.verticalScrollBar()
    if not bar.minimum() <= bar.value() + step[0] <= bar.maximum():
        step[0] = -step[0]
    bar.setValue(bar.value() + step[0])
    view.viewport().repaint()


def _zoom_frame(view, k: list[int]) -> None:
    k[0] += 1
    view.zoom(1.1 if (k[0] // 6) % 2 == 0 else 1 / 1.1)
    view.viewport().repaint()


def _frame_times(frame, view, frames: int = FRAMES) -> list[float]:
    state = [20] if frame is _pan_frame else [0]
    times = []
    for _ in range(frames):
        start = time.perf_counter()
        frame(view, state)
        times.append(time.perf_counter() - start)
    return times


def _expanded_baseline(panel, frame) -> float:
    """Median frame time of the same frames with every group open."""
    panel.set_modules_collapsed(False)
    panel.view.fit()
    median = statistics.median(_frame_times(frame, panel.view))
    panel.set_modules_collapsed(True)
    panel.view.fit()
    return median


@pytest.mark.parametrize("kind", ["pan", "zoom"])
def test_bench_collapsed_resnet_frames(benchmark, panel, kind):
    """Target: ≥ 30 frames/s panning and zooming the collapsed ResNet-18."""
    frame = _pan_frame if kind == "pan" else _zoom_frame
    assert set(panel.collapsed_groups()) == {g.path for g in panel.graph.groups}
    baseline = _expanded_baseline(panel, frame)
    view, state = panel.view, [20 if kind == "pan" else 0]
    benchmark.group = "module groups: frames"
    benchmark.pedantic(lambda: frame(view, state), rounds=FRAMES, iterations=1)
    median = statistics.median(_frame_times(frame, view))
    fps = 1 / median
    benchmark.extra_info.update(fps=fps, expanded_ms=baseline * 1000, ratio=median / baseline)
    print(
        f"\nResNet-18 ({len(panel.graph.nodes)} nodes, {len(panel.graph.groups)} groups), "
        f"collapsed {kind}: {median * 1000:.1f} ms a frame = {fps:.0f} frames/s (target ≥ 30); "
        f"expanded {baseline * 1000:.1f} ms; collapsed/expanded = {median / baseline:.2f}"
    )


def test_bench_open_one_group(benchmark, panel):
    """Target: opening one group of the collapsed ResNet-18 redraws in ≤ 100 ms."""
    view = panel.view
    panel.set_group_expanded(OPENED[0], True)
    path = OPENED[1]
    item = view.graph_scene.group_layer.items[path]
    view.centerOn(item.box().center())
    view.viewport().repaint()
    expanded_frame = _expanded_baseline(panel, _pan_frame)
    panel.set_group_expanded(OPENED[0], True)
    view.centerOn(item.box().center())
    # baseline: building the whole scene again (what a re-layout would cost at least)
    scene = view.graph_scene
    start = time.perf_counter()
    scene.build(panel.graph, panel.layout_)
    view.viewport().repaint()
    rebuild = time.perf_counter() - start
    panel.set_modules_collapsed(True)
    panel.set_group_expanded(OPENED[0], True)

    def open_group():
        panel.set_group_expanded(path, True)
        view.viewport().repaint()

    def close_again():
        panel.set_group_expanded(path, False)
        view.viewport().repaint()
        return (), {}

    benchmark.group = "module groups: open"
    benchmark.pedantic(open_group, setup=close_again, rounds=15, iterations=1)
    assert path in panel.expanded_groups()
    times = []
    for _ in range(15):
        close_again()
        start = time.perf_counter()
        open_group()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    benchmark.extra_info.update(
        open_ms=median * 1000, rebuild_ms=rebuild * 1000, expanded_frame_ms=expanded_frame * 1000
    )
    print(
        f"\nResNet-18: opening {path} redraws in {median * 1000:.1f} ms (target ≤ 100 ms); "
        f"a full scene rebuild {rebuild * 1000:.1f} ms (open/rebuild = {median / rebuild:.2f}); "
        f"an expanded-graph frame {expanded_frame * 1000:.1f} ms "
        f"(open/frame = {median / expanded_frame:.2f})"
    )
