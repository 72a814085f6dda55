"""Export the graph scene to SVG (``QSvgGenerator``) or PNG, with its legend.

The headless ``graph`` command that uses it is :mod:`playground.cli.graph`.
"""

from __future__ import annotations

import os
from pathlib import Path

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
    width = max(source.width(), legend_width(scene.font))
    painter.fillRect(QRectF(0, 0, width, source.height() + LEGEND_HEIGHT), QColor("#fbfbfb"))
    paint_legend(painter, QPointF(8, 6), scene.font)
    target = QRectF(0, LEGEND_HEIGHT, source.width(), source.height())
    scene.render(painter, target, source)


def legend_width(font) -> float:
    """The one-row legend's width in ``font``, with its margins (the picture is at
    least this wide, so the last entry is never cut)."""
    from PySide6.QtGui import QFontMetricsF

    from playground.ui.graph_view import STYLES, legend_layout, legend_text

    metrics = QFontMetricsF(font)
    x, _y = legend_layout(font, 1e9)[-1]
    last = list(STYLES.values())[-1]
    return 8 + x + 26 + metrics.horizontalAdvance(legend_text(last)) + 4 + 8


def _size(scene) -> tuple[float, float]:
    rect = scene.sceneRect()
    return max(rect.width(), legend_width(scene.font)), rect.height() + LEGEND_HEIGHT


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
    """Write ``scene`` and the legend as a compact SVG (:mod:`playground.ui.graph_svg`:
    one stylesheet, text kept as text), written whole or not at all (``QSaveFile``)."""
    from PySide6.QtCore import QSaveFile

    from playground.ui.graph_svg import UnknownItem, scene_svg

    try:
        text = scene_svg(scene, LEGEND_HEIGHT, legend_width(scene.font))
    except UnknownItem:
        export_svg_painted(scene, path)
        return
    out = QSaveFile(str(path))
    if not out.open(QSaveFile.OpenModeFlag.WriteOnly):
        raise OSError(f"could not write {path}: {out.errorString()}")
    out.write(text.encode("utf-8"))
    if not out.commit():
        raise OSError(f"could not write {path}: {out.errorString()}")


def export_svg_painted(scene, path: str | os.PathLike) -> None:
    """Render ``scene`` and the legend to an SVG through ``QSvgGenerator`` (every item's
    own ``paint()``; large: styles repeated per primitive)."""
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
