"""Render ``docs/images/graph.png``: the graph panel at the docked size of a 1280×800
window, on the seed's gradient example, stepping through backward (step 3).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/images/graph_shot.py``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from playground.core.backward_trace import BackwardTracer
from playground.core.result import BackwardCall
from playground.core.runner import run_script
from playground.ui.graph_panel import GraphPanel

SCRIPT = """import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
"""


def main() -> None:
    """Build the panel, press Backward, step to 3, save the picture."""
    app = QApplication.instance() or QApplication([])
    tracer = BackwardTracer()
    result = run_script(SCRIPT, observers=[tracer])
    ns = result.tensors()
    call = BackwardCall("backward", (ns["out"],), None, "button")
    tracer.backward_started(call, ns)
    ns["out"].backward()
    tracer.backward_finished(call, ns, None)
    panel = GraphPanel()
    panel.resize(700, 520)
    panel.show()
    for _ in range(5):
        app.processEvents()
    panel.show_graph(ns, tracer.last)
    for _ in range(3):
        panel.step()
    panel.fit()
    for _ in range(5):
        app.processEvents()
    out = Path(__file__).with_name("graph.png")
    panel.grab().save(str(out))
    print(f"wrote {out}, layout {panel.layout_.direction}, text {panel.view.text_px():.1f} px")


if __name__ == "__main__":
    main()
