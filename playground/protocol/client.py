"""The window's (and the CLI's) side of the kernel: start the zygote, drive children.

Qt-free and torch-free. :class:`KernelClient` owns the zygote process;
:meth:`KernelClient.new_child` returns a :class:`ChildProcess` ready for one run.
Every wait on a child is a loop of 50 ms ticks, and each tick checks the child's
resident memory, its deadline and the Stop flag, so that whatever C call the script is
in, the caller gets control back: the child is killed, and the reason is one sentence.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from playground.core.phrase import phrase, render
from playground.protocol import codec

#: How often a waiting caller looks at the child (memory, deadline, Stop).
TICK_S = 0.05
#: Default memory limit of a child (resident set size).
DEFAULT_MEMORY_LIMIT = 2 << 30
#: Seconds between Stop's interrupt and its kill.
STOP_GRACE_S = 0.5
#: Seconds past its own time limit before a child is killed from outside.
KILL_GRACE_S = 1.0
#: Longest the zygote may take to import torch and say it is ready.
READY_TIMEOUT_S = 180.0
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_FRAME = re.compile(r'File "(?P<file>[^"]*)", line (?P<line>\d+)')
_SIGNAL_NAMES = {
    int(signal.SIGSEGV): "SIGSEGV",
    int(signal.SIGFPE): "SIGFPE",
    int(signal.SIGABRT): "SIGABRT",
    int(signal.SIGBUS): "SIGBUS",
    int(signal.SIGILL): "SIGILL",
    int(signal.SIGKILL): "SIGKILL",
    int(signal.SIGTERM): "SIGTERM",
    int(signal.SIGSYS): "SIGSYS",
}


#: Key -> the English sentence of a child's or the kernel's end
#: (:func:`playground.core.phrase.render`); the window's translatable copy is
#: :mod:`playground.ui.death_text` (a test keeps them the same).
REASONS: dict[str, str] = {
    "at_line": "{reason} at line {line}",
    "stopped": "stopped (the Stop button)",
    "signal": "the script crashed the process running it ({signal}); "
    "your script and the window are unaffected",
    "signal_number": "signal {number}",
    "exit_status": "the process running the script ended unexpectedly (exit status {code})",
    "malformed": "the kernel sent a malformed message ({error})",
    "memory": "the script used more than {size} and was stopped",
    "time": "the script ran longer than {seconds} s and was stopped",
    "not_started": "the kernel did not start: {error}",
    "unexpected_first": "unexpected first message {op}",
    "slow_start": "the kernel took too long to start",
    "no_answer": "the kernel did not answer: {error}",
    "no_child": "the kernel did not hand over a child",
    "bad_child": "the kernel sent a malformed child message",
    "nothing_running": "nothing is running: click Run (Ctrl+R) first",
}


def reason_text(key: str, params: dict[str, Any]) -> str:
    """The English sentence of *key* with *params* (:data:`REASONS`)."""
    return render(key, params, REASONS.__getitem__)


class KernelError(Exception):
    """The kernel could not be started or answered with something it should not.

    ``key`` and ``params``: the message's entry in :data:`REASONS` (``""``: none)."""

    def __init__(self, message: str, key: str = "", params: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.params = params or {}

    @classmethod
    def of(cls, key: str, **params: Any) -> KernelError:
        """The error worded by :data:`REASONS` ``[key]``."""
        return cls(reason_text(key, params), key, params)


class ChildDied(Exception):
    """The child ended while a request was running; ``reason`` is one sentence.

    ``key`` and ``params``: the sentence's entry in :data:`REASONS` (``""``: none), for
    the window to word it in its language."""

    def __init__(
        self,
        reason: str,
        line: int | None = None,
        kind: str = "crashed",
        key: str = "",
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        #: ``"crashed"``, ``"memory"``, ``"time"``, ``"stopped"`` or ``"kernel"``.
        self.kind = kind
        self.key = key
        self.params = params or {}

    @classmethod
    def of(cls, key: str, where: int | None, kind: str, **params: Any) -> ChildDied:
        """The end worded by :data:`REASONS` ``[key]``, on script line *where*."""
        return cls(reason_text(key, params), where, kind, key, params)

    @classmethod
    def at(cls, key: str, where: int | None, kind: str, **params: Any) -> ChildDied:
        """Like :meth:`of`, with `` at line N`` after the sentence when *where* is known."""
        if where is None:
            return cls.of(key, where, kind, **params)
        return cls.of("at_line", where, kind, reason=phrase(key, **params), line=where)


def kernel_command() -> list[str]:
    """How to start the zygote with this same installation (checkout or bundle)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--kernel"]
    return [sys.executable, "-I", "-B", "-m", "playground", "--kernel"]


def format_bytes(size: int) -> str:
    """``2.0 GiB``."""
    return f"{size / (1 << 30):.1f} GiB" if size >= 1 << 30 else f"{size / (1 << 20):.0f} MiB"


@dataclass
class Limits:
    """What a child may use before it is stopped from outside."""

    memory_bytes: int = DEFAULT_MEMORY_LIMIT
    #: Seconds a request may run (the child stops itself at this; killed 1 s later).
    seconds: float = 30.0


@dataclass
class ChildProcess:
    """One forked child: its socket, its crash-report file and its watchdog."""

    client: KernelClient
    pid: int
    sock: socket.socket
    crash_fd: int
    scratch: str
    filename: str = "script.py"
    limits: Limits = field(default_factory=Limits)
    #: Set from any thread to stop what the child is doing.
    stop: threading.Event = field(default_factory=threading.Event)
    alive: bool = True
    peak_rss: int = 0
    _frames: codec.FrameBuffer = field(default_factory=codec.FrameBuffer)
    _pending: list[dict[str, Any]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def rss(self) -> int:
        """The child's resident memory in bytes (0 once it is gone)."""
        try:
            with open(f"/proc/{self.pid}/statm", "rb") as fh:
                return int(fh.read().split()[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            return 0

    def send(self, message: dict[str, Any]) -> None:
        """One message to the child."""
        try:
            codec.send(self.sock, message)
        except OSError as exc:
            raise self._died() from exc

    def _signal(self, signum: int) -> None:
        try:
            os.kill(self.pid, signum)
        except (ProcessLookupError, PermissionError):
            pass

    def crash_line(self) -> int | None:
        """The script line the child was on when it crashed or was dumped (faulthandler)."""
        try:
            text = os.pread(self.crash_fd, 1 << 16, 0).decode("utf-8", "replace")
        except OSError:
            return None
        # Each dump lists the most recent call first; the newest dump is the last one.
        dumps = [d for d in re.split(r"(?=Current thread|Thread 0x|Fatal Python)", text) if d]
        for dump in reversed(dumps):
            for match in _FRAME.finditer(dump):
                if match.group("file") == self.filename:
                    return int(match.group("line"))
        return None

    def _kill(self, kind: str, key: str, **params: Any) -> ChildDied:
        """Dump the child's stack (for the line), kill it, and say why (:data:`REASONS`)."""
        self._signal(signal.SIGUSR1)
        time.sleep(0.03)
        self._signal(signal.SIGKILL)
        self.alive = False
        self.client.reap(self.pid)
        return ChildDied.at(key, self.crash_line(), kind, **params)

    def _died(self) -> ChildDied:
        """The child is gone on its own: how it ended, in one sentence."""
        self.alive = False
        code, sig = self.client.reap(self.pid)
        line = self.crash_line()
        if self.stop.is_set():
            return ChildDied.at("stopped", line, "stopped")
        if sig:
            name = _SIGNAL_NAMES.get(sig) or phrase("signal_number", number=sig)
            return ChildDied.of("signal", line, "crashed", signal=name)
        return ChildDied.of("exit_status", line, "crashed", code=code)

    def receive(
        self,
        *,
        seconds: float | None = None,
        on_tick: Callable[[], None] | None = None,
    ) -> dict[str, Any]:
        """The next message from the child, watching memory, time and Stop meanwhile."""
        if self._pending:
            return self._pending.pop(0)
        limit = self.limits.seconds if seconds is None else seconds
        deadline = time.monotonic() + limit + KILL_GRACE_S
        stop_at: float | None = None
        self.sock.settimeout(TICK_S)
        while True:
            try:
                data = self.sock.recv(1 << 20)
            except TimeoutError:
                data = None
            except OSError:
                raise self._died() from None
            if data == b"":
                raise self._died()
            if data:
                try:
                    messages = self._frames.feed(data)
                except codec.ProtocolError as exc:
                    raise self._kill("crashed", "malformed", error=str(exc)[:2000]) from None
                if messages:
                    self._pending.extend(messages[1:])
                    return messages[0]
                continue
            rss = self.rss()
            self.peak_rss = max(self.peak_rss, rss)
            if rss > self.limits.memory_bytes:
                raise self._kill("memory", "memory", size=format_bytes(self.limits.memory_bytes))
            now = time.monotonic()
            if now > deadline:
                raise self._kill("time", "time", seconds=f"{limit:g}")
            if self.stop.is_set():
                if stop_at is None:
                    stop_at = now + STOP_GRACE_S
                    self._signal(signal.SIGINT)
                elif now > stop_at:
                    raise self._kill("stopped", "stopped")
            if on_tick is not None:
                on_tick()

    def close(self) -> None:
        """Drop the child: close its socket and kill it."""
        if self.alive:
            self._signal(signal.SIGKILL)
            self.alive = False
            threading.Thread(target=self.client.reap, args=(self.pid,), daemon=True).start()
        self.sock.close()
        try:
            os.close(self.crash_fd)
        except OSError:
            pass


class KernelClient:
    """Starts the zygote and hands out children (thread-safe)."""

    def __init__(
        self, *, sandbox: bool = True, command: list[str] | None = None, warm: bool = True
    ) -> None:
        self.sandbox = sandbox
        #: Whether the zygote pre-imports what tutorials reach lazily (optimizers pull in
        #: ``torch._dynamo``, ~2 s): worth it for a window's many runs, not for one command.
        self.warm = warm
        self._command = command or kernel_command()
        self._process: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self.info: dict[str, Any] = {}
        self.restarts = 0
        self._start_error: KernelError | None = None

    # ---------------------------------------------------------------- life cycle
    def start(self) -> None:
        """Start the zygote (returns at once; :meth:`wait_ready` waits for torch)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        args = [*self._command, str(theirs.fileno())]
        if not self.sandbox:
            args.append("--no-sandbox")
        if not self.warm:
            args.append("--cold")
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)  # the kernel's sys.path is the installation's only
        self._process = subprocess.Popen(
            args,
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            close_fds=True,
            env=env,
        )
        theirs.close()
        self._control = ours
        self._ready.clear()
        threading.Thread(target=self._await_ready, daemon=True).start()

    def _await_ready(self) -> None:
        control = self._control
        try:
            assert control is not None
            control.settimeout(READY_TIMEOUT_S)
            message = codec.receive(control)
            control.settimeout(None)
            if message.get("op") != "ready":
                raise KernelError.of("unexpected_first", op=repr(message.get("op"))[:200])
            self.info = message
        except (OSError, EOFError, codec.ProtocolError, KernelError) as exc:
            error = f"{type(exc).__name__}: {exc}"[:2000]
            self._start_error = KernelError.of("not_started", error=error)
        self._ready.set()

    def wait_ready(self, timeout: float = READY_TIMEOUT_S) -> dict[str, Any]:
        """Block until the zygote has imported torch; its ``ready`` message."""
        if self._process is None:
            self.start()
        if not self._ready.wait(timeout):
            raise KernelError.of("slow_start")
        if self._start_error:
            failed = self._start_error
            raise KernelError(str(failed), failed.key, failed.params)
        return self.info

    def alive(self) -> bool:
        """Whether the zygote process is running."""
        return self._process is not None and self._process.poll() is None

    def restart(self) -> None:
        """Start a new zygote after the old one died."""
        self.close()
        self.restarts += 1
        self._start_error = None
        self.start()

    def close(self) -> None:
        """Stop the zygote (its children die with it)."""
        control, self._control = self._control, None
        if control is not None:
            try:
                control.close()
            except OSError:
                pass
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(2)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(2)

    # ---------------------------------------------------------------- children
    def new_child(
        self, *, filename: str = "script.py", limits: Limits | None = None
    ) -> ChildProcess:
        """A fresh child, waiting for its ``run`` message."""
        self.wait_ready()
        if not self.alive():
            self.restart()
            self.wait_ready()
        with self._lock:
            control = self._control
            assert control is not None
            try:
                codec.send(control, {"op": "fork"})
                data, fds, _flags, _addr = socket.recv_fds(control, 1 << 16, 2)
            except OSError as exc:
                raise KernelError.of("no_answer", error=str(exc)[:2000]) from exc
            if len(fds) != 2:
                for fd in fds:
                    os.close(fd)
                raise KernelError.of("no_child")
            message = codec.FrameBuffer().feed(data)
            if len(message) != 1 or message[0].get("op") != "child":
                raise KernelError.of("bad_child")
        sock = socket.socket(fileno=fds[0])
        return ChildProcess(
            client=self,
            pid=int(message[0]["pid"]),
            sock=sock,
            crash_fd=fds[1],
            scratch=str(message[0]["scratch"]),
            filename=filename,
            limits=limits or Limits(),
        )

    def reap(self, pid: int) -> tuple[int, int]:
        """(exit code, signal) of a child that ended (the zygote kills it if it has not)."""
        with self._lock:
            control = self._control
            if control is None:
                return 0, 0
            try:
                codec.send(control, {"op": "reap", "pid": pid})
                control.settimeout(15)
                message = codec.receive(control)
                control.settimeout(None)
            except (OSError, EOFError, codec.ProtocolError):
                return 0, 0
        return int(message.get("code", 0)), int(message.get("signal", 0))


_shared: KernelClient | None = None
_shared_lock = threading.Lock()


def shared_client(*, warm: bool = True) -> KernelClient:
    """The process's one kernel (started on first use, stopped at exit): every window
    and command of a process shares the zygote, each with children of its own.
    ``warm=False`` (one-shot commands) skips the zygote's pre-imports; the first call
    decides."""
    global _shared
    with _shared_lock:
        if _shared is None:
            import atexit

            _shared = KernelClient(warm=warm)
            _shared.start()
            atexit.register(_shared.close)
        elif not _shared.alive() and _shared._process is not None:
            _shared.restart()
        return _shared
