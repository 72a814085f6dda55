"""The window process never imports torch, and stays small, through a whole session:
run, Backward, Zero grad, Run ×N, the graph's step-through, the inspector and exports."""

from __future__ import annotations

import json
import subprocess
import sys

SESSION_DRIVER = r"""
import json, os, sys, tempfile
from pathlib import Path
from PySide6.QtWidgets import QApplication, QPushButton
from PySide6.QtTest import QTest
import playground

LESSON3 = (
    "import torch\nx = torch.ones(2, 2, requires_grad=True)\ny = x + 2\nz = y * y * 3\n"
    "out = z.mean()\n"
)

def wait(predicate, ms=30_000):
    waited = 0
    while not predicate():
        QTest.qWait(20)
        waited += 20
        if waited > ms:
            raise SystemExit("timed out")

app = QApplication([])
window = playground.main_window(LESSON3)
window.show()
seen = {}
backward = window.findChild(QPushButton, "backwardButton")
for _ in range(3):
    backward.click()
seen["grad"] = window.session.state.tensors["x"].grad.values.tolist()
window.zero_grad()
seen["zeroed"] = window.session.state.tensors["x"].grad.values.tolist()
window.repeat_runner.start(50)
wait(lambda: not window.repeat_runner.is_running())
seen["history"] = window.session.state.history.count
window.graph_panel.step()
window.graph_panel.step()
window.select_tensor("x")
window.inspector.refresh()
out = Path(tempfile.mkdtemp())
window.graph_panel.export(str(out / "g.svg"))
window.graph_panel.export(str(out / "g.png"))
window.plot_panel.export_csv(str(out / "h.csv"))
window.plot_panel.export_png(str(out / "h.png"))
window.editor.setPlainText(LESSON3 + "print(out)\n")
window.run_now()
wait(lambda: not window.worker.is_busy() and window.session.run.source.endswith("print(out)\n"))
seen["exports"] = sorted(p.name for p in out.iterdir() if p.stat().st_size > 0)
with open(f"/proc/{os.getpid()}/statm") as fh:
    seen["rss_mb"] = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
seen["torch"] = sorted(m for m in sys.modules if m == "torch" or m.startswith("torch."))
window.editor.document().setModified(False)
window.close()
print(json.dumps(seen))
"""


def test_a_whole_session_never_imports_torch_in_the_window():
    done = subprocess.run(
        [sys.executable, "-c", SESSION_DRIVER], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["torch"] == []
    assert seen["grad"] == [[13.5, 13.5], [13.5, 13.5]]
    assert seen["zeroed"] == [[0.0, 0.0], [0.0, 0.0]]
    assert seen["history"] == 53
    assert seen["exports"] == ["g.png", "g.svg", "h.csv", "h.png"]
    assert seen["rss_mb"] <= 250, seen["rss_mb"]
