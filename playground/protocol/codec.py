"""The wire format: length-prefixed msgpack messages, numpy arrays as raw bytes.

Nothing is ever unpickled. Every message is a msgpack map with a string ``"op"``;
numpy arrays travel as an extension type holding ``(dtype, shape, bytes)`` and are
rebuilt with :func:`numpy.frombuffer` for a whitelist of plain dtypes only. A frame
larger than :data:`MAX_MESSAGE_BYTES` is refused before it is read, and msgpack's own
limits bound what one frame may unpack into.
"""

from __future__ import annotations

import socket
import struct
from typing import Any

import msgpack
import numpy as np

#: Largest frame either side accepts (a frame header over this closes the connection).
MAX_MESSAGE_BYTES = 64 << 20
#: Extension code of a numpy array.
NDARRAY_EXT = 1
#: The only dtypes an array from the wire may have (no object, no structured dtypes).
ALLOWED_DTYPES = frozenset(
    {
        "|b1",
        "|i1",
        "|u1",
        "<i2",
        "<u2",
        "<i4",
        "<u4",
        "<i8",
        "<u8",
        "<f2",
        "<f4",
        "<f8",
        "<c8",
        "<c16",
    }
)
_HEADER = struct.Struct("<I")


class ProtocolError(Exception):
    """A frame that is too big, truncated, or not what the protocol allows."""


def _default(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        arr = value if value.flags.c_contiguous else value.copy(order="C")
        if arr.dtype.str not in ALLOWED_DTYPES:
            raise TypeError(f"arrays of dtype {arr.dtype} are not sent over the wire")
        header = msgpack.packb([arr.dtype.str, list(arr.shape)])
        return msgpack.ExtType(NDARRAY_EXT, header + arr.tobytes())
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not plain data")


def _ext_hook(code: int, data: bytes) -> Any:
    if code != NDARRAY_EXT:
        raise ProtocolError(f"unknown extension type {code}")
    unpacker = msgpack.Unpacker(max_buffer_size=len(data), raw=False)
    unpacker.feed(data)
    try:
        dtype, shape = unpacker.unpack()
    except Exception as exc:  # noqa: BLE001 - any malformed header is a protocol error
        raise ProtocolError(f"malformed array header: {exc}") from None
    if not isinstance(dtype, str) or dtype not in ALLOWED_DTYPES:
        raise ProtocolError(f"array dtype {dtype!r} is not allowed")
    if not isinstance(shape, list) or not all(isinstance(s, int) and s >= 0 for s in shape):
        raise ProtocolError("malformed array shape")
    if len(shape) > 64:
        raise ProtocolError("array has too many dimensions")
    body = data[unpacker.tell() :]
    dt = np.dtype(dtype)
    count = 1
    for s in shape:
        count *= s
    if count * dt.itemsize != len(body):
        raise ProtocolError("array size does not match its shape")
    return np.frombuffer(body, dtype=dt).reshape(shape).copy()


def encode(message: dict[str, Any]) -> bytes:
    """One frame: a 4-byte little-endian length, then the msgpack body."""
    # Lone surrogates (a script may build any str) travel; the reader replaces them.
    body = msgpack.packb(
        message,
        default=_default,
        use_bin_type=True,
        strict_types=False,
        unicode_errors="surrogatepass",
    )
    if len(body) > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"message of {len(body):,} bytes is over the {MAX_MESSAGE_BYTES:,} cap")
    return _HEADER.pack(len(body)) + body


def decode(body: bytes) -> dict[str, Any]:
    """Unpack one frame body into plain data; refuses anything but a map with an ``op``."""
    if len(body) > MAX_MESSAGE_BYTES:
        raise ProtocolError("message over the size cap")
    try:
        message = msgpack.unpackb(
            body,
            raw=False,
            ext_hook=_ext_hook,
            strict_map_key=True,
            use_list=True,
            unicode_errors="replace",
        )
    except ProtocolError:
        raise
    except Exception as exc:  # noqa: BLE001 - malformed bytes from a hostile peer
        raise ProtocolError(f"malformed message: {type(exc).__name__}: {exc}") from None
    if not isinstance(message, dict) or not isinstance(message.get("op"), str):
        raise ProtocolError("a message must be a map with a string 'op'")
    return message


def roundtrip(message: dict[str, Any]) -> dict[str, Any]:
    """``message`` as the other side would decode it (for tests and local views)."""
    return decode(encode(message)[_HEADER.size :])


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    """Write one message to ``sock`` (blocking)."""
    sock.sendall(encode(message))


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        part = sock.recv(min(size - len(chunks), 1 << 20))
        if not part:
            raise EOFError("the other side closed the connection")
        chunks += part
    return bytes(chunks)


def receive(sock: socket.socket) -> dict[str, Any]:
    """Read one message from ``sock`` (blocking); ``EOFError`` when the peer is gone."""
    (size,) = _HEADER.unpack(_read_exactly(sock, _HEADER.size))
    if size > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"frame of {size:,} bytes is over the {MAX_MESSAGE_BYTES:,} cap")
    return decode(_read_exactly(sock, size))


class FrameBuffer:
    """Incremental frame splitter for a non-blocking reader (bytes in, messages out)."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[dict[str, Any]]:
        """Add received bytes; return every complete message they finish."""
        self._buffer += data
        out = []
        while len(self._buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(self._buffer)
            if size > MAX_MESSAGE_BYTES:
                raise ProtocolError(f"frame of {size:,} bytes is over the cap")
            end = _HEADER.size + size
            if len(self._buffer) < end:
                break
            body = bytes(self._buffer[_HEADER.size : end])
            del self._buffer[:end]
            out.append(decode(body))
        return out
