"""Shared by the benchmarks: whether this is a real benchmark run (``make bench``)."""

from __future__ import annotations

import pytest


@pytest.fixture
def full_bench(request) -> bool:
    """True under ``--benchmark-enable``; else the benchmarks run as small smoke tests."""
    config = request.config
    return bool(config.getoption("benchmark_enable")) or not config.getoption("benchmark_disable")
