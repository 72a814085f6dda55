"""``gradient-playground run [--restricted] SCRIPT.py``: run a script headless, in the kernel.

Python mode (the default) runs the script under the real CPython in a sandboxed kernel
child, like ``python SCRIPT.py`` with ``torch.manual_seed(0)`` first; ``--restricted``
runs the playground's safe subset instead. stdout gets what the script prints, as it
prints it; warnings go to stderr. An error prints the script's own frames and
``SCRIPT.py:LINE:COL: Type: message`` to stderr and exits 1; a refused script or a
hit limit exits 2. Never a traceback, never a death by signal, and Qt and torch are
never imported in this process.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from playground.cli.options import add_restricted_flag
from playground.core.errors import PlaygroundError
from playground.core.source_file import read_source
from playground.protocol.client import ChildDied, KernelError, Limits, shared_client
from playground.protocol.views import WireError, chunks_from_wire, error_from_wire


class _Writer:
    """Writes the child's output to our stdout/stderr; stops quietly on a closed pipe."""

    def __init__(self, name: str, lines: list[str]) -> None:
        self.name = name
        self.lines = lines
        self.closed = False

    def _write(self, stream: object, text: str) -> None:
        if self.closed:
            return
        try:
            stream.write(text)  # type: ignore[attr-defined]
            stream.flush()  # type: ignore[attr-defined]
        except BrokenPipeError:
            self.closed = True
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)

    def chunk(self, kind: str, text: str, line: int | None, restricted: bool) -> None:
        if kind == "stdout":
            self._write(sys.stdout, text)
        elif kind == "stderr" or not restricted:
            self._write(sys.stderr, text)
        elif line is not None and 1 <= line <= len(self.lines):
            self._write(sys.stderr, f"{self.name}:{line}: {text}  {self.lines[line - 1].strip()}\n")
        else:
            self._write(sys.stderr, f"{self.name}: {text}")


def run_file(
    name: str,
    source: str,
    *,
    restricted: bool,
    seed: bool = True,
    limits: Limits | None = None,
) -> int:
    """Run ``source`` in a fresh kernel child, streaming its output; the exit code."""
    writer = _Writer(name, source.splitlines())
    client = shared_client(warm=False)  # one run: no pre-imports it may not need
    try:
        child = client.new_child(filename=name, limits=limits or Limits())
    except KernelError as exc:
        sys.stderr.write(f"{name}: {exc}\n")
        return 2
    try:
        child.send(
            {
                "op": "run",
                "source": source,
                "mode": "restricted" if restricted else "python",
                "filename": name,
                "seed": seed,
                "max_seconds": child.limits.seconds,
                "timeline": False,  # the module runs whole, as `python FILE` runs it
            }
        )
        while True:
            message = child.receive()
            op = message["op"]
            if op == "out":
                for chunk in chunks_from_wire(
                    [[message["kind"], message["text"], message["line"]]]
                ):
                    writer.chunk(chunk.kind, chunk.text, chunk.line, restricted)
            elif op == "sandbox" and not message.get("complete"):
                writer.chunk("stderr", f"{name}: warning: {message.get('text')}\n", None, True)
            elif op == "run":
                return _finish(writer, name, message)
    except WireError as exc:
        writer.chunk("stderr", f"{name}: the kernel sent a malformed message ({exc})\n", None, True)
        return 2
    except ChildDied as died:
        where = f"{died.line}:" if died.line is not None else ""
        writer.chunk("stderr", f"{name}:{where} {died.reason}\n".replace(": :", ":"), None, True)
        return 1 if died.kind == "crashed" else 2
    finally:
        child.close()


def _finish(writer: _Writer, name: str, message: dict) -> int:
    error = error_from_wire(message.get("error"))
    if error is None:
        return 0
    status = message.get("exit_status")
    if error.exc_type == "SystemExit" and isinstance(status, int):
        if error.message and not error.message.startswith("exit status"):
            writer.chunk("stderr", error.message + "\n", None, True)
        return status
    for frame in getattr(error, "frames", ()):
        writer.chunk("stderr", frame + "\n", None, True)
    writer.chunk("stderr", error.format(name) + "\n", None, True)
    return error.exit_code


def main(argv: list[str]) -> int:
    """Run the script named in ``argv``; the exit code (0 ok, 1 script error, 2 refused/limit)."""
    parser = argparse.ArgumentParser(
        prog="gradient-playground run",
        description="Run a script headless, like python SCRIPT.py with torch.manual_seed(0) first.",
    )
    add_restricted_flag(parser)
    parser.add_argument("--no-seed", action="store_true", help="do not call torch.manual_seed(0)")
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=Limits.seconds,
        help="stop the script after this many seconds (default %(default)s)",
    )
    parser.add_argument(
        "--max-memory-mb",
        type=int,
        default=Limits.memory_bytes >> 20,
        help="stop the script past this much resident memory (default %(default)s MiB)",
    )
    parser.add_argument("script", help="the .py file (or .ipynb notebook) to run")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    name = args.script
    try:
        loaded = read_source(Path(name))
    except PlaygroundError as error:
        sys.stderr.write(f"{name}: {error.describe()}\n")
        return 2
    except (OSError, UnicodeDecodeError) as exc:
        sys.stderr.write(f"{name}: cannot read the script: {exc}\n")
        return 2
    for note in loaded.dropped:
        sys.stderr.write(f"{name}: note: {note.describe()}\n")
    limits = Limits(memory_bytes=args.max_memory_mb << 20, seconds=args.max_seconds)
    return run_file(
        name, loaded.text, restricted=args.restricted, seed=not args.no_seed, limits=limits
    )
