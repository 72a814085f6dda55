"""Command line: ``gradient-playground [FILE.py] | run | graph | screenshot | --self-test``.

Each sub-command lives in its own module and is imported lazily, so ``run`` never
imports Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

USAGE = """\
usage: gradient-playground [FILE.py|NOTEBOOK.ipynb] open the playground window
       gradient-playground run [--restricted] SCRIPT.py
                                                    run headless; print what Python prints
                                                    (SCRIPT may be a .ipynb notebook)
       gradient-playground graph [--restricted] SCRIPT.py -o OUT.svg|OUT.png [--backward]
       gradient-playground screenshot SCRIPT.py -o SHOT.png [--backward] [--size 1600x1000]
       gradient-playground --self-test              check the installation end to end
"""

SUBCOMMANDS = {
    "run": "playground.cli.run",
    "graph": "playground.cli.graph",
    "screenshot": "playground.cli.screenshot",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``gradient-playground`` and ``python -m playground``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "--kernel":  # the zygote: same executable, no Qt ever
        from playground.kernel.zygote import main as kernel_main

        return int(kernel_main(args[1:]))
    if args and args[0] in ("-h", "--help"):
        print(USAGE, end="")
        return 0
    if args and args[0] in SUBCOMMANDS:
        import importlib

        module = importlib.import_module(SUBCOMMANDS[args[0]])
        return int(module.main(args[1:]))
    if args and args[0] == "--self-test":
        from playground.cli.self_test import main as self_test_main

        return int(self_test_main(args[1:]))
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(USAGE, end="", file=sys.stderr)
        return 2
    from playground.ui.display import has_display

    if not has_display():
        print(
            "No display found (DISPLAY is not set), so the window cannot open; use "
            "`gradient-playground run SCRIPT.py`, `graph` or `screenshot` headless, "
            "or set QT_QPA_PLATFORM=offscreen.",
            file=sys.stderr,
        )
        return 1
    from playground.ui.app import run_app

    return int(run_app(args[0] if args else None))
