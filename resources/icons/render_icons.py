"""Render ``gradient-playground.svg`` to the PNG sizes the desktop and the bundle use.

Run from the repository: ``.venv/bin/python resources/icons/render_icons.py``; the PNGs
(``gradient-playground-<N>.png``) are committed, so this only runs when the SVG changes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICON_DIR = Path(__file__).resolve().parent
SVG = ICON_DIR / "gradient-playground.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    """Where the PNG of *size* pixels lives."""
    return ICON_DIR / f"gradient-playground-{size}.png"


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn on a transparent *size* × *size* image."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    """Write every size; returns the process exit code."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in SIZES:
        if not render(SVG, size).save(str(png_path(size))):
            print(f"could not write {png_path(size)}", file=sys.stderr)
            return 1
        print(png_path(size).name)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
