"""The window's evented session client: quitting never waits for the kernel."""

from __future__ import annotations

import threading
import time

from playground.protocol.session import KernelSession
from playground.ui.session_client import SHUTDOWN_JOIN_S, SessionClient


def test_shutdown_does_not_wait_for_a_blocked_job(qtbot):
    """A job stuck on the kernel (a run, torch still importing) does not hold up quitting,
    and nothing it finishes afterwards reaches the (closing) panels."""
    client = SessionClient(kernel=KernelSession())
    release = threading.Event()
    emitted: list[object] = []
    client.stateChanged.connect(emitted.append)

    def stuck() -> None:
        release.wait(10)
        client.stateChanged.emit("late")

    client._submit(stuck)
    start = time.perf_counter()
    client.shutdown()
    took = time.perf_counter() - start
    release.set()
    time.sleep(0.05)
    qtbot.wait(20)
    assert took < SHUTDOWN_JOIN_S + 0.5
    assert emitted == []
    assert client.kernel.stop.is_set()
