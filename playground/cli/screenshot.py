"""``gradient-playground screenshot SCRIPT.py -o shot.png [--backward] [--size 1600x1000]``.

Renders the main window offscreen with the script run (and Backward clicked once
with ``--backward``) and saves it as an image, for docs and reviews.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from playground.cli.options import add_restricted_flag
from playground.core.errors import PlaygroundError
from playground.core.source_file import read_source


def parse_size(text: str) -> tuple[int, int]:
    """``"1600x1000"`` -> ``(1600, 1000)``."""
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise argparse.ArgumentTypeError(f"size must look like 1600x1000, not {text!r}")
    size = int(width), int(height)
    if not (200 <= size[0] <= 8000 and 200 <= size[1] <= 8000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 8000")
    return size


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gradient-playground screenshot",
        description="Render the window with SCRIPT.py run and save a PNG.",
    )
    parser.add_argument("script", type=Path, help="the .py script (or .ipynb) to load and run")
    parser.add_argument("-o", "--output", type=Path, required=True, help="image file to write")
    parser.add_argument("--backward", action="store_true", help="click Backward once first")
    add_restricted_flag(parser)
    parser.add_argument("--size", type=parse_size, default=(1600, 1000), help="WIDTHxHEIGHT")
    return parser


def _quiet_offscreen_warnings() -> None:
    """Drop the offscreen plugin's "does not support propagateSizeHints()" noise."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode: object, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def render(
    script: str,
    output: Path,
    *,
    backward: bool,
    size: tuple[int, int],
    restricted: bool = False,
) -> list[str]:
    """Build the window with *script*, optionally click Backward, save *output*.

    Returns the console text (what a user would read), for the caller to report.
    """
    from PySide6.QtCore import QCoreApplication

    from playground.ui.app import make_application
    from playground.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow(script, remember_layout=False, restricted=restricted)
    window.resize(*size)
    window.show()
    QCoreApplication.processEvents()
    if backward and window.backward_panel.backward_button.isEnabled():
        window.backward_panel.backward_button.click()
    for _ in range(5):
        app.processEvents()
    image = window.grab()
    if (image.width(), image.height()) != size:
        print(
            f"note: the window cannot be {size[0]}x{size[1]}; its minimum size gave "
            f"{image.width()}x{image.height()}",
            file=sys.stderr,
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(output)):
        raise OSError(f"cannot write {output}")
    text = window.console.toPlainText().splitlines()
    window.editor.document().setModified(False)
    window.close()
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``screenshot`` sub-command; 0 on success."""
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        loaded = read_source(args.script)
    except (OSError, PlaygroundError) as exc:
        print(f"gradient-playground screenshot: cannot read {args.script}: {exc}", file=sys.stderr)
        return 1
    for note in loaded.dropped:
        print(f"{args.script}: note: {note.describe()}", file=sys.stderr)
    script = loaded.text
    _quiet_offscreen_warnings()
    render(script, args.output, backward=args.backward, size=args.size, restricted=args.restricted)
    print(f"wrote {args.output}")
    return 0
