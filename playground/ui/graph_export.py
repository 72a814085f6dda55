"""Export the graph to SVG (``QSvgGenerator``) or PNG, and the headless ``graph`` command.

``gradient-playground graph SCRIPT.py -o out.svg|out.png [--backward] [--saved]`` runs
the script in the playground interpreter, optionally calls ``.backward()`` on the last
scalar tensor with a ``grad_fn`` (recording the step-through trace), and writes the
picture of the autograd graph.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from playground.core.backward_trace import BackwardTracer
from playground.core.result import BackwardCall, RunResult

#: Longest side of an exported PNG, in pixels (huge graphs are scaled down to fit).
MAX_PNG_SIDE = 16000
LEGEND_HEIGHT = 28.0


def _paint(painter, scene, scale: float) -> None:
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QPainter

    from playground.ui.graph_view import paint_legend

    source = scene.sceneRect()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.scale(scale, scale)
    width = max(source.width(), 760.0)
    painter.fillRect(QRectF(0, 0, width, source.height() + LEGEND_HEIGHT), QColor("#fbfbfb"))
    paint_legend(painter, QPointF(8, 6), scene.font)
    target = QRectF(0, LEGEND_HEIGHT, source.width(), source.height())
    scene.render(painter, target, source)


def _size(scene) -> tuple[float, float]:
    rect = scene.sceneRect()
    return max(rect.width(), 760.0), rect.height() + LEGEND_HEIGHT


def export_png(scene, path: str | os.PathLike) -> None:
    """Render ``scene`` (a :class:`GraphScene`) and the legend to a PNG file."""
    from PySide6.QtGui import QColor, QImage, QPainter

    width, height = _size(scene)
    scale = min(2.0, MAX_PNG_SIDE / max(width, height))
    image = QImage(
        max(int(width * scale), 1), max(int(height * scale), 1), QImage.Format.Format_ARGB32
    )
    image.fill(QColor("#fbfbfb"))
    painter = QPainter(image)
    _paint(painter, scene, scale)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def export_svg(scene, path: str | os.PathLike) -> None:
    """Render ``scene`` and the legend to an SVG file (vector, text kept as text)."""
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    width, height = _size(scene)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(width), int(height)))
    generator.setViewBox(QRect(0, 0, int(width), int(height)))
    generator.setTitle("Autograd graph")
    generator.setDescription("Made with Gradient Playground")
    painter = QPainter(generator)
    _paint(painter, scene, 1.0)
    painter.end()
    if not Path(path).exists():
        raise OSError(f"could not write {path}")


def export_scene(scene, path: str | os.PathLike) -> None:
    """Write ``scene`` to ``path``: SVG or PNG by suffix (``ValueError`` otherwise)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".svg":
        export_svg(scene, path)
    elif suffix == ".png":
        export_png(scene, path)
    else:
        raise ValueError(f"unsupported export format {suffix or '(none)'}: use .svg or .png")


def default_root(result: RunResult) -> tuple[str, Any] | None:
    """The last-assigned scalar tensor that has a ``grad_fn``: ``(name, tensor)`` or ``None``."""
    import torch

    def where(name: str) -> tuple[int, int]:
        a = result.assignments.get(name)
        return (a.line, a.col) if a is not None else (-1, -1)

    candidates = [
        (name, value)
        for name, value in result.namespace.items()
        if isinstance(value, torch.Tensor) and value.grad_fn is not None and value.numel() == 1
    ]
    if not candidates:
        return None
    return max(reversed(candidates), key=lambda item: where(item[0]))


def run_backward(
    root: Any, tracer: BackwardTracer, namespace: Mapping[str, Any]
) -> BaseException | None:
    """Call ``root.backward()`` with ``tracer`` told around it; return the error, if any."""
    call = BackwardCall(kind="backward", roots=(root,), line=None, source="button")
    tracer.backward_started(call, namespace)
    error: BaseException | None = None
    try:
        root.backward()
    except RuntimeError as exc:
        error = exc
    tracer.backward_finished(call, namespace, error)
    return error


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gradient-playground graph",
        description="Draw the autograd graph a script builds (SVG or PNG).",
    )
    parser.add_argument("script", help="the playground script (.py)")
    parser.add_argument("-o", "--output", required=True, help="out.svg or out.png")
    parser.add_argument(
        "--backward",
        action="store_true",
        help="call .backward() on the last scalar tensor with a grad_fn and show gradients",
    )
    parser.add_argument("--saved", action="store_true", help="also draw saved tensors")
    parser.add_argument(
        "--direction",
        choices=("TB", "LR"),
        default="TB",
        help="outputs at the top (TB, default) or on the left (LR)",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    """``gradient-playground graph``: exit 0 on success, 1 on a script/backward error, 2 on usage."""
    try:
        args = _parser().parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    if Path(args.output).suffix.lower() not in (".svg", ".png"):
        print(f"graph: {args.output}: the output must end in .svg or .png", file=sys.stderr)
        return 2
    try:
        source = Path(args.script).read_text(encoding="utf-8")
    except OSError as exc:
        print(f"graph: cannot read {args.script}: {exc.strerror}", file=sys.stderr)
        return 2
    from playground.core.runner import run_script

    tracer = BackwardTracer()
    result = run_script(source, observers=[tracer])
    status = 0
    if result.error is not None:
        print(result.error.format(args.script), file=sys.stderr)
        status = result.error.exit_code
    if args.backward and result.error is None and tracer.last is not None:
        print(
            "graph: the script already called backward(); showing that pass "
            "(a second one would need retain_graph=True)",
            file=sys.stderr,
        )
    elif args.backward and result.error is None:
        root = default_root(result)
        if root is None:
            print("graph: no scalar tensor with a grad_fn to call backward() on", file=sys.stderr)
            status = 1
        else:
            error = run_backward(root[1], tracer, result.namespace)
            if error is not None:
                print(f"graph: {root[0]}.backward(): RuntimeError: {error}", file=sys.stderr)
                status = 1
    _write(result, tracer, args.output, args.saved, args.direction)
    return status


def _write(
    result: RunResult, tracer: BackwardTracer, output: str, saved: bool, direction: str = "TB"
) -> None:
    if not os.environ.get("QT_QPA_PLATFORM"):
        from playground.cli import has_display

        if not has_display():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from playground.ui.graph_panel import GraphPanel

    app = QApplication.instance() or QApplication([])
    panel = GraphPanel()
    panel.set_saved_tensors(saved)
    panel.set_direction(direction)
    panel.show_graph(result.tensors(), tracer.last, no_grad_names=no_grad_names(result))
    panel.export(output)
    panel.deleteLater()
    del app


def no_grad_names(result: RunResult) -> list[str]:
    """Variables last assigned with grad mode off (to say why they are disconnected)."""
    names = [name for name, a in result.assignments.items() if not a.grad_enabled]
    if not result.grad_enabled:
        names += list(result.namespace)
    return names
