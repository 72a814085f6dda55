"""The compact SVG export: what the scene draws, one element per item, and its size bound.

The graphs come from real PyTorch runs (extracted, sent through the codec, laid out
and drawn as in the window); the SVG is read back with ElementTree.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import torch
from PySide6.QtWidgets import QGraphicsRectItem

from playground.core.graph import extract_graph
from playground.core.layout import layout_graph
from playground.kernel.snapshot import tensor_view
from playground.protocol import codec
from playground.protocol.views import graph_from_wire, graph_to_wire
from playground.ui.graph_export import export_svg
from playground.ui.graph_view import EdgeItem, EdgeLabel, GraphScene, NodeItem
from tests.conftest import CHAIN_SCRIPT, SEED_DIR, make_views

SVG = "{http://www.w3.org/2000/svg}"
#: Issue 13's bound for the SVG of a 10,000-node graph.
MAX_SVG_BYTES = 10_000_000


def _scene_of(state) -> GraphScene:
    scene = GraphScene()
    scene.build(state.graph, layout_graph(state.graph))
    scene.show_trace(state.trace)
    return scene


def _texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def test_lesson3_svg_has_one_shape_per_node_and_every_label(qtbot, tmp_path):
    _run, state = make_views((SEED_DIR / "lesson3.py").read_text())
    scene = _scene_of(state)
    path = tmp_path / "g.svg"
    export_svg(scene, path)
    root = ET.parse(path).getroot()
    nodes = [i for i in scene.items() if isinstance(i, NodeItem)]
    shapes = [
        el
        for el in root.iter()
        if el.tag in (f"{SVG}rect", f"{SVG}polygon") and (el.get("class") or "").startswith("n-")
    ]
    legend = 6  # one swatch per kind in the legend
    assert len(shapes) == len(nodes) + legend
    texts = _texts(root)
    for item in nodes:
        for line in item.shown_lines():
            assert line in texts
    edges = [i for i in scene.items() if isinstance(i, EdgeItem)]
    paths = [el for el in root.iter(f"{SVG}path") if el.get("class", "").startswith("e-")]
    assert len(paths) == len(edges)
    labels = [i.shown for i in scene.items() if isinstance(i, EdgeLabel)]
    assert labels and all(text in texts for text in labels)
    # the x.grad PyTorch computed for the seed's lesson 3 (after out2's backward): 1
    assert any(text.startswith("grad [") for text in texts)
    style = root.find(f"{SVG}style")
    assert style is not None and ".n-leaf" in (style.text or "")
    assert not list(root.iter(f"{SVG}g"))[1:], "one group only (the translation)"


def test_an_item_the_writer_does_not_know_falls_back_to_qt(qtbot, tmp_path):
    _run, state = make_views("import torch\nx = torch.ones(2, requires_grad=True)\ny = x * 2\n")
    scene = _scene_of(state)
    scene.addItem(QGraphicsRectItem(0, 0, 10, 10))
    path = tmp_path / "g.svg"
    export_svg(scene, path)
    text = path.read_text()
    assert "<style>" not in text and "<g " in text  # QSvgGenerator's own output
    ET.parse(path)


def _chain(steps: int) -> dict[str, torch.Tensor]:
    namespace: dict = {}
    exec(CHAIN_SCRIPT.replace("STEPS", str(steps)), namespace)  # noqa: S102 - our own text
    return {"h": namespace["h"], "loss": namespace["loss"]}


def test_a_10k_node_graph_svg_stays_under_10_mb(qtbot, tmp_path):
    tensors = _chain(1400)
    graph = extract_graph(tensors)
    wire = codec.roundtrip({"op": "state", "graph": graph_to_wire(graph, tensor_view)})["graph"]
    plain = graph_from_wire(wire)
    assert len(plain.nodes) >= 9800
    scene = GraphScene()
    scene.build(plain, layout_graph(plain))
    path = tmp_path / "big.svg"
    export_svg(scene, path)
    size = path.stat().st_size
    assert size <= MAX_SVG_BYTES, f"{size:,} bytes"
    text = path.read_text()
    assert len(re.findall(r'class="n-', text)) == len(plain.nodes) + 6


def test_a_small_graph_is_as_wide_as_its_legend(qtbot, tmp_path):
    from PySide6.QtGui import QFontMetricsF

    _run, state = make_views((SEED_DIR / "lesson1.py").read_text())
    scene = _scene_of(state)
    path = tmp_path / "small.svg"
    export_svg(scene, path)
    root = ET.parse(path).getroot()
    metrics = QFontMetricsF(scene.font)
    last = [el for el in root.iter(f"{SVG}text") if el.get("class") == "k"][-1]
    right = float(last.get("x")) + metrics.horizontalAdvance(last.text)
    assert right <= float(root.get("width"))
