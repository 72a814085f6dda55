"""``gradient-playground run SCRIPT.py``: run a script headlessly, print what Python prints.

stdout gets exactly what ``python SCRIPT.py`` writes; warnings go to stderr. A
PyTorch error prints ``SCRIPT.py:LINE:COL: RuntimeError: <message>`` to stderr and
exits 1; a refused script or a hit limit prints one such line and exits 2. Never a
traceback, and Qt is never imported.
"""

from __future__ import annotations

import io
import sys
import tokenize
from pathlib import Path

from playground.core.errors import PlaygroundError

USAGE = "usage: gradient-playground run SCRIPT.py\n"


def _read(path: Path, max_bytes: int) -> str:
    size = path.stat().st_size
    if size > max_bytes:
        raise PlaygroundError(
            f"the script is {size:,} bytes, over the playground's limit of {max_bytes:,} bytes"
        )
    data = path.read_bytes()
    try:  # PEP 263 coding declarations and BOMs, as Python reads a script
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        raise PlaygroundError(str(exc)) from None
    return data.decode(encoding)


def main(argv: list[str]) -> int:
    """Run ``argv[0]`` and return the exit code (0 ok, 1 script error, 2 refused/limit)."""
    from playground.core.limits import DEFAULT_LIMITS
    from playground.core.runner import run_script

    args = [a for a in argv if a != "--"]
    if len(args) != 1 or args[0].startswith("-") and args[0] != "-":
        sys.stderr.write(USAGE)
        return 2
    name = args[0]
    try:
        source = _read(Path(name), DEFAULT_LIMITS.max_source_bytes)
    except PlaygroundError as error:
        sys.stderr.write(f"{name}: {error.describe()}\n")
        return 2
    except (OSError, UnicodeDecodeError) as exc:
        sys.stderr.write(f"{name}: cannot read the script: {exc}\n")
        return 2
    try:
        result = run_script(source)
    except Exception as exc:  # noqa: BLE001 - a bug of ours: one line, never a traceback
        sys.stderr.write(f"{name}: internal error: {type(exc).__name__}: {exc}\n")
        return 2
    lines = source.splitlines()
    for chunk in result.chunks:
        if chunk.kind == "stdout":
            try:
                sys.stdout.write(chunk.text)
            except UnicodeEncodeError as exc:  # what `python SCRIPT.py` fails with too
                sys.stdout.flush()
                sys.stderr.write(f"{name}:{chunk.line}: {type(exc).__name__}: {exc}\n")
                return 1
            continue
        sys.stdout.flush()
        if chunk.line is not None and 1 <= chunk.line <= len(lines):
            sys.stderr.write(f"{name}:{chunk.line}: {chunk.text}")
            sys.stderr.write(f"  {lines[chunk.line - 1].strip()}\n")
        else:
            sys.stderr.write(f"{name}: {chunk.text}")
    sys.stdout.flush()
    if result.error is not None:
        sys.stderr.write(result.error.format(name) + "\n")
        return result.error.exit_code
    return 0
