"""Read a script file as Python reads it: PEP 263 coding declarations and a UTF-8 BOM."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

from playground.core.errors import PlaygroundError

#: Largest script accepted (bytes).
MAX_SOURCE_BYTES = 1_000_000


def read_script(path: Path, max_bytes: int = MAX_SOURCE_BYTES) -> str:
    """The script's text (without a BOM); ``PlaygroundError`` for a file Python can't
    decode or one over ``max_bytes``; ``OSError`` when it can't be read at all."""
    size = path.stat().st_size
    if size > max_bytes:
        raise PlaygroundError(
            f"the script is {size:,} bytes, over the playground's limit of {max_bytes:,} bytes"
        )
    data = path.read_bytes()
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        raise PlaygroundError(f"SyntaxError: {exc}") from None
    try:
        text = data.decode(encoding)
    except LookupError:  # a codec that is no text encoding (``# coding: rot13``)
        raise PlaygroundError(f"SyntaxError: encoding problem: {encoding}") from None
    except UnicodeDecodeError as exc:
        raise PlaygroundError(f"SyntaxError: the file is not valid {encoding}: {exc}") from None
    return text.removeprefix("\ufeff")
