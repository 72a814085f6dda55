"""Command-line options the sub-commands share."""

from __future__ import annotations

import argparse


def add_restricted_flag(parser: argparse.ArgumentParser) -> None:
    """``--restricted``: the playground's safe subset instead of full Python."""
    parser.add_argument(
        "--restricted",
        action="store_true",
        help="run the playground's safe subset instead of full Python (for untrusted files)",
    )
