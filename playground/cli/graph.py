"""``gradient-playground graph [--restricted] SCRIPT.py -o out.svg|out.png [--backward]
[--saved] [--direction TB|LR] [--collapse-modules]``: draw the autograd graph a script builds.

It runs the script in a kernel child (Python mode, or the playground's safe subset with
``--restricted``, as ``gradient-playground run`` does), optionally calls ``.backward()``
there on the last scalar tensor with a ``grad_fn`` (recording the step-through trace),
and draws the plain graph the kernel sends. This process never imports torch. Errors
are one line on stderr; the exit code is 0, 1 (the script or its backward failed) or 2
(usage, a refused script, a limit).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from playground.cli.options import add_restricted_flag

#: Most graph nodes the command draws (the window draws fewer, to stay responsive).
GRAPH_NODES = 50_000


def _say(text: str) -> None:
    """One line on stderr (a multi-line message is joined)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    print(" ".join(lines), file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gradient-playground graph",
        description="Draw the autograd graph a script builds (SVG or PNG).",
    )
    parser.add_argument("script", help="the playground script (.py, or a .ipynb notebook)")
    parser.add_argument("-o", "--output", required=True, help="out.svg or out.png")
    add_restricted_flag(parser)
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
    parser.add_argument(
        "--collapse-modules",
        action="store_true",
        help="draw every nn.Module as one box (by default only graphs over 150 nodes)",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    """``gradient-playground graph``: exit 0 on success, 1 on a script/backward error, 2 on
    usage (or a refused script, a limit)."""
    try:
        args = _parser().parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    if Path(args.output).suffix.lower() not in (".svg", ".png"):
        _say(f"graph: {args.output}: the output must end in .svg or .png")
        return 2
    from playground.core.errors import PlaygroundError
    from playground.core.source_file import read_source

    try:
        loaded = read_source(Path(args.script))
    except PlaygroundError as error:
        _say(f"graph: {args.script}: {error.describe()}")
        return 2
    except OSError as exc:
        _say(f"graph: cannot read {args.script}: {exc.strerror or exc}")
        return 2
    except UnicodeDecodeError as exc:
        _say(f"graph: cannot read {args.script}: {exc}")
        return 2
    # One picture, then exit: no cyclic GC walking the big graph's objects meanwhile.
    gc.disable()
    # Qt and the graph view load while the kernel runs the script (2 cores: ~0.5 s).
    threading.Thread(target=_import_view, daemon=True).start()
    for note in loaded.dropped:
        _say(f"graph: {args.script}: note: {note.describe()}")
    state, status = kernel_state(
        loaded.text, args.script, restricted=args.restricted, backward=args.backward
    )
    if state is not None:
        try:
            _write(state, args.output, args.saved, args.direction, args.collapse_modules)
        except OSError as exc:
            _say(f"graph: {exc}")
            return 2
    return status


def kernel_state(
    source: str, name: str, *, restricted: bool = False, backward: bool = False
) -> tuple[Any, int]:
    """Run ``source`` in a kernel child (and, with ``backward``, call ``.backward()`` on
    its default root there); return the panels' state to draw (a
    :class:`~playground.protocol.views.StateView`, ``None`` when there is nothing to
    draw) and the exit code. Problems are reported on stderr, one line each."""
    from playground.protocol.client import KernelError, shared_client
    from playground.protocol.session import KernelSession

    try:
        session = KernelSession(client=shared_client(warm=False))
        session.max_graph_nodes = GRAPH_NODES
        session.timeline = False  # a picture of the end state: no forward timeline
        outcome = session.run(
            source,
            mode="restricted" if restricted else "python",
            filename=name,
            backward_after=backward,
        )
    except KernelError as exc:
        _say(f"graph: {name}: {exc}")
        return None, 2
    try:
        if outcome.died is not None:
            died = outcome.died
            where = f"{died.line}:" if died.line is not None else ""
            _say(f"{name}:{where} {died.reason}")
            return None, 1 if died.kind == "crashed" else 2
        run, state = outcome.run, outcome.state
        status = 0
        if run is not None and run.error is not None:
            _say(run.error.format(name))
            status = run.error.exit_code
        if state is None or outcome.backward is None or status:
            return state, status
        return state, _report_backward(outcome.backward)
    finally:
        if session.child is not None:
            session.child.close()
            session.child = None


def _report_backward(auto: Any) -> int:
    """Say how the kernel's ``.backward()`` on the default root went; the exit status."""
    if auto.skipped == "traced":
        _say(
            "graph: the script already called backward(); showing that pass "
            "(a second one would need retain_graph=True)"
        )
        return 0
    if auto.skipped == "no_root":
        _say("graph: no scalar tensor with a grad_fn to call backward() on")
        return 1
    if auto.error is not None:
        _say(f"graph: {auto.root}.backward(): {auto.error.describe()}")
        return 1
    return 0


def _import_view() -> None:
    import playground.ui.graph_panel  # noqa: F401 (loaded ahead, for _write)


def _write(
    state: Any, output: str, saved: bool, direction: str = "TB", collapse: bool = False
) -> None:
    """Draw ``state``'s graph (and trace) in an off-screen panel and export it
    (``collapse``: every module group as one box)."""
    if not os.environ.get("QT_QPA_PLATFORM"):
        from playground.ui.display import has_display

        if not has_display():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from playground.ui.graph_panel import GraphPanel

    app = QApplication.instance() or QApplication([])
    panel = GraphPanel()
    panel.set_saved_tensors(saved)
    panel.set_direction(direction)
    panel.show_graph(state.graph, state.trace, total=state.graph_total)
    if collapse:
        panel.set_modules_collapsed(True)
    try:
        panel.export(output)
    finally:
        panel.deleteLater()
    del app
