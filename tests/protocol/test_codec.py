"""The wire: plain data and numpy arrays round-trip; anything else, or anything hostile,
is refused with a ProtocolError, never unpickled, never a crash."""

from __future__ import annotations

import struct

import msgpack
import numpy as np
import pytest

from playground.protocol import codec


@pytest.mark.parametrize(
    "array",
    [
        np.arange(6, dtype=np.float32).reshape(2, 3),
        np.array(4.5),
        np.zeros((0, 3), dtype=np.int64),
        np.array([True, False]),
        np.array([1 + 2j], dtype=np.complex64),
        np.arange(10, dtype=np.float64)[::2],
    ],
    ids=["2d", "0d", "empty", "bool", "complex", "strided"],
)
def test_arrays_round_trip_exactly(array):
    got = codec.roundtrip({"op": "x", "a": array})["a"]
    assert got.dtype == array.dtype and got.shape == array.shape
    assert np.array_equal(got, array)


def test_plain_values_round_trip():
    message = {"op": "x", "s": "∂L/∂x", "n": [1, 2.5, None, True], "d": {"k": (1, 2)}}
    assert codec.roundtrip(message) == {**message, "d": {"k": [1, 2]}}


def test_objects_are_not_plain_data():
    with pytest.raises(TypeError):
        codec.encode({"op": "x", "f": object()})
    with pytest.raises(TypeError):
        codec.encode({"op": "x", "a": np.array([object()])})


def _frame(body: bytes) -> bytes:
    return struct.pack("<I", len(body)) + body


@pytest.mark.parametrize(
    "body",
    [
        msgpack.packb([1, 2]),  # not a map
        msgpack.packb({"no": "op"}),
        msgpack.packb({"op": 3}),
        b"\xc1\xc1\xc1",  # never-used msgpack bytes
        msgpack.packb(
            {"op": "x", "a": msgpack.ExtType(1, msgpack.packb(["|O", [1]]) + b"12345678")}
        ),
        msgpack.packb({"op": "x", "a": msgpack.ExtType(1, msgpack.packb(["<f8", [1000]]) + b"1")}),
        msgpack.packb({"op": "x", "a": msgpack.ExtType(1, msgpack.packb(["<f8", [-1]]))}),
        msgpack.packb({"op": "x", "a": msgpack.ExtType(1, b"\x93")}),
        msgpack.packb({"op": "x", "a": msgpack.ExtType(9, b"")}),
        msgpack.packb({1: "int key"}),
    ],
    ids=[
        "list",
        "no-op",
        "int-op",
        "garbage",
        "object-dtype",
        "short-body",
        "negative-shape",
        "bad-header",
        "unknown-ext",
        "int-key",
    ],
)
def test_hostile_frames_are_protocol_errors(body):
    with pytest.raises(codec.ProtocolError):
        codec.FrameBuffer().feed(_frame(body))


def test_an_oversized_frame_is_refused_before_it_is_read():
    header = struct.pack("<I", codec.MAX_MESSAGE_BYTES + 1)
    with pytest.raises(codec.ProtocolError, match="over the cap"):
        codec.FrameBuffer().feed(header)


def test_frames_split_anywhere_reassemble():
    data = codec.encode({"op": "a", "v": 1}) + codec.encode({"op": "b", "v": np.ones(3)})
    buffer = codec.FrameBuffer()
    got = []
    for i in range(len(data)):
        got += buffer.feed(data[i : i + 1])
    assert [m["op"] for m in got] == ["a", "b"]
