"""The warm zygote: imports torch once, then forks a fresh child for every run.

Started by the window or the CLI as ``gradient-playground --kernel FD`` (``python -m
playground --kernel FD`` from a checkout), with ``FD`` one end of a Unix socketpair.
It never computes anything itself (OpenMP thread pools and ``fork`` do not mix): it
keeps one spare child forked ahead and, on each ``fork`` request, hands that child's
socket and crash-report file to the window over ``SCM_RIGHTS``, then forks the next
spare. It reaps its children, removes their scratch folders, and tells the window how
each one ended when asked (``reap``). It dies with the window (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import ctypes
import gc
import os
import select
import shutil
import signal
import socket
import sys
import tempfile
import time
from dataclasses import dataclass

from playground.protocol import codec

PR_SET_PDEATHSIG = 1
#: Seconds a child may take to die after its window dropped it, before SIGKILL.
REAP_GRACE_S = 1.0


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the zygote then ends when its socket closes


@dataclass
class Spare:
    """A forked child waiting for its run, and what the window needs to talk to it."""

    pid: int
    sock: socket.socket
    crash_fd: int
    scratch: str


class Zygote:
    """See the module docstring."""

    def __init__(self, control: socket.socket, sandboxed: bool = True) -> None:
        self.control = control
        self.sandboxed = sandboxed
        self.spare: Spare | None = None
        self.scratch: dict[int, str] = {}
        self.exited: dict[int, tuple[int, int]] = {}

    def fork_child(self) -> Spare:
        """Fork a child that waits for its ``run`` message."""
        parent_end, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        crash_fd = os.memfd_create("gradient-playground-crash", 0)
        scratch = tempfile.mkdtemp(prefix="gradient-playground-run-")
        pid = os.fork()
        if pid == 0:  # the child
            try:
                # A Stop that comes before the child's own handler is set is ignored
                # (the parent kills it 0.5 s later), never a KeyboardInterrupt mid-setup.
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                _die_with_parent()
                self.control.close()
                parent_end.close()
                if self.spare is not None:
                    self.spare.sock.close()
                    os.close(self.spare.crash_fd)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                from playground.kernel.child import serve

                serve(child_end, scratch, crash_fd, self.sandboxed)
            finally:
                os._exit(70)
        child_end.close()
        self.scratch[pid] = scratch
        return Spare(pid, parent_end, crash_fd, scratch)

    def hand_out(self) -> None:
        """Send the spare child to the window and fork the next one."""
        spare = self.spare or self.fork_child()
        self.spare = None
        message = codec.encode({"op": "child", "pid": spare.pid, "scratch": spare.scratch})
        socket.send_fds(self.control, [message], [spare.sock.fileno(), spare.crash_fd])
        spare.sock.close()
        os.close(spare.crash_fd)
        self.spare = self.fork_child()

    def reap(self, pid: int) -> tuple[int, int]:
        """Wait for child ``pid`` to end (killing it after a grace period); its (exit
        code, signal number)."""
        deadline = time.monotonic() + REAP_GRACE_S
        while pid not in self.exited and pid in self.scratch:
            self.collect()
            if pid in self.exited:
                break
            if time.monotonic() > deadline:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                deadline = time.monotonic() + 5
            time.sleep(0.005)
        return self.exited.pop(pid, (0, 0))

    def collect(self) -> None:
        """Reap every child that ended and remove its scratch folder."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            code = os.waitstatus_to_exitcode(status)
            self.exited[pid] = (max(code, 0), max(-code, 0))
            shutil.rmtree(self.scratch.pop(pid, ""), ignore_errors=True)
            if len(self.exited) > 1000:
                self.exited.pop(next(iter(self.exited)))

    def serve(self) -> None:
        """Answer ``fork``, ``reap`` and ``kill`` until the window closes the socket."""
        self.spare = self.fork_child()
        frames = codec.FrameBuffer()
        while True:
            ready, _, _ = select.select([self.control], [], [], 0.5)
            self.collect()
            if not ready:
                continue
            data = self.control.recv(1 << 16)
            if not data:
                return
            for request in frames.feed(data):
                op = request["op"]
                if op == "fork":
                    self.hand_out()
                elif op == "reap":
                    code, sig = self.reap(int(request["pid"]))
                    codec.send(
                        self.control,
                        {"op": "reaped", "pid": request["pid"], "code": code, "signal": sig},
                    )
                elif op == "quit":
                    return

    def shutdown(self) -> None:
        """Kill every child still alive and remove the scratch folders."""
        for pid in list(self.scratch):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 2
        while self.scratch and time.monotonic() < deadline:
            self.collect()
            time.sleep(0.01)
        for path in self.scratch.values():
            shutil.rmtree(path, ignore_errors=True)


def _warm_imports() -> None:
    """Import what tutorials reach lazily, once, here: the first optimizer a process
    builds imports ``torch._dynamo`` and ~800 modules (about 2 s). Building one over a
    one-element tensor computes nothing (no OpenMP pool starts)."""
    import torch
    import torch.autograd.functional  # noqa: F401
    import torch.func  # noqa: F401
    import torch.nn.functional  # noqa: F401

    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)


def main(argv: list[str]) -> int:
    """``--kernel FD [--no-sandbox] [--cold]``: serve on the inherited socket ``FD``
    (``--cold``: without the pre-imports, for one-shot commands)."""
    _die_with_parent()
    sys.dont_write_bytecode = True
    fd = int(argv[0])
    sandboxed = "--no-sandbox" not in argv
    control = socket.socket(fileno=fd)
    # Import everything a run needs once, here, so every child starts warm.
    import torch

    import playground.kernel.child  # noqa: F401
    import playground.kernel.sandbox as sandbox

    report = sandbox.sandbox_support()
    if "--cold" not in argv:
        _warm_imports()
    gc.collect()
    gc.freeze()  # children then do not copy the zygote's pages when they collect
    zygote = Zygote(control, sandboxed)
    codec.send(
        control,
        {
            "op": "ready",
            "sandbox": report.describe(),
            "complete": report.complete,
            "pid": os.getpid(),
            "torch": str(torch.__version__),
        },
    )
    try:
        zygote.serve()
    except (ConnectionError, EOFError, codec.ProtocolError):
        pass
    finally:
        zygote.shutdown()
    return 0
