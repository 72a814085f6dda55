"""The kernel child's sandbox: every attack runs in a throwaway process tree.

Each case starts ``python -I -c PRELUDE`` in a new session. That process plays the
zygote: it optionally imports torch, opens the descriptors a real kernel child
inherits (a socket pair to its parent, a pty), and forks. The forked child applies
the sandbox to a scratch directory, runs the attack and prints its outcome; the
zygote then prints what it received on the socket pair and the child's exit code.
The test compares that output exactly and checks that nothing outside was touched:
the files of another directory, an exec marker, TCP and Unix listeners, a victim
process, the zygote itself.
"""

from __future__ import annotations

import json
import os
import platform
import select
import socket
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from playground.kernel.sandbox import BLOCKED_HINT, SandboxReport, sandbox_support
from tests.conftest import REPO_ROOT

SUPPORT = sandbox_support()
needs_sandbox = pytest.mark.skipif(
    not SUPPORT.complete,
    reason=f"the sandbox is incomplete on this system: {' '.join(SUPPORT.problems)}",
)

VICTIM_TEXT = "original\n"

PRELUDE = r"""
import ctypes, json, os, socket, sys
CFG = json.loads(sys.argv[1])
sys.path.insert(0, CFG["repo"])
if CFG["torch"]:
    import torch
from pathlib import Path
from playground.kernel import sandbox
import landlock, pyseccomp  # as the zygote does: once, before forking

CHANNEL, zygote_end = socket.socketpair()
PTY_MASTER, PTY_SLAVE = os.openpty()
sys.stdout.flush()
if os.fork():
    CHANNEL.close()
    _, status = os.wait()
    zygote_end.setblocking(False)
    try:
        received = zygote_end.recv(1 << 16)
    except BlockingIOError:
        received = b""
    if received:
        print("CHANNEL", received.decode())
    print("ZYGOTE", os.waitstatus_to_exitcode(status), flush=True)
    sys.exit(0)

zygote_end.close()
SCRATCH = Path(CFG["scratch"])
OUTSIDE = Path(CFG["outside"])
VICTIM = CFG["victim"]
LIBC = ctypes.CDLL(None, use_errno=True)

def c_check(rc):
    if rc == -1:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))
    return rc

def blocked(exc):
    print("BLOCKED", type(exc).__name__, getattr(exc, "errno", None), flush=True)

REPORT = sandbox.apply_sandbox(SCRATCH, max_file_bytes=CFG["max_file_bytes"])
if not REPORT.complete:
    print("INCOMPLETE", REPORT, flush=True)
    os._exit(3)
try:
    exec(compile(CFG["attack"], "<attack>", "exec"))
except Exception as exc:
    blocked(exc)
sys.stdout.flush()
# Falling off the end: a normal exit, which waits for non-daemon threads.
"""

MARKER = "exec-marker"
TOUCH = f"touch {MARKER}"  # the child's cwd is the scratch directory


@dataclass
class Targets:
    """Everything an attack might try to reach, and a snapshot to compare against."""

    scratch: Path
    outside: Path
    victim: subprocess.Popen[bytes]
    tcp: socket.socket
    unix_path: str
    unix: socket.socket
    abstract_name: str
    abstract: socket.socket
    outside_mode: int

    def victim_cpu_limit(self) -> str:
        limits = Path(f"/proc/{self.victim.pid}/limits").read_text().splitlines()
        return next(line for line in limits if line.startswith("Max cpu time"))


@pytest.fixture
def targets(tmp_path):
    scratch = tmp_path / "scratch"
    outside = tmp_path / "outside"
    scratch.mkdir()
    outside.mkdir()
    (outside / "victim.txt").write_text(VICTIM_TEXT)
    victim = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
    tcp = socket.create_server(("127.0.0.1", 0))
    short_dir = tempfile.mkdtemp(prefix="gp-sbx-", dir="/tmp")  # AF_UNIX paths are short
    unix_path = os.path.join(short_dir, "listener.sock")
    unix = socket.socket(socket.AF_UNIX)
    unix.bind(unix_path)
    unix.listen()
    abstract_name = f"\0gp-sandbox-test-{uuid.uuid4().hex}"
    abstract = socket.socket(socket.AF_UNIX)
    abstract.bind(abstract_name)
    abstract.listen()
    for listener in (tcp, unix, abstract):
        listener.setblocking(False)
    yield Targets(
        scratch=scratch,
        outside=outside,
        victim=victim,
        tcp=tcp,
        unix_path=unix_path,
        unix=unix,
        abstract_name=abstract_name,
        abstract=abstract,
        outside_mode=(outside / "victim.txt").stat().st_mode,
    )
    for listener in (tcp, unix, abstract):
        listener.close()
    os.unlink(unix_path)
    os.rmdir(short_dir)
    victim.kill()
    victim.wait()


def run_in_sandbox(
    targets: Targets, attack: str, *, torch: bool = False, max_file_bytes: int = 64 << 20
) -> list[str]:
    """Run *attack* in a freshly forked, sandboxed child; return the output lines."""
    cfg = {
        "repo": str(REPO_ROOT),
        "torch": torch,
        "scratch": str(targets.scratch),
        "outside": str(targets.outside),
        "victim": targets.victim.pid,
        "tcp_port": targets.tcp.getsockname()[1],
        "unix_path": targets.unix_path,
        "abstract_name": targets.abstract_name,
        "max_file_bytes": max_file_bytes,
        "attack": attack,
    }
    proc = subprocess.run(
        [sys.executable, "-I", "-c", PRELUDE, json.dumps(cfg)],
        cwd=targets.scratch,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,  # kill(0, ...) could only reach this little tree
    )
    assert proc.returncode == 0, f"zygote died ({proc.returncode}): {proc.stdout}{proc.stderr}"
    return proc.stdout.splitlines()


def assert_untouched(targets: Targets, cpu_limit: str) -> None:
    """Nothing outside the scratch directory changed and nobody was reached."""
    assert sorted(p.name for p in targets.outside.iterdir()) == ["victim.txt"]
    victim_file = targets.outside / "victim.txt"
    assert victim_file.read_text() == VICTIM_TEXT
    assert victim_file.stat().st_mode == targets.outside_mode
    assert not (targets.scratch / MARKER).exists(), "another program ran"
    for listener in (targets.tcp, targets.unix, targets.abstract):
        readable, _, _ = select.select([listener], [], [], 0)
        assert not readable, f"{listener} got a connection"
    assert targets.victim.poll() is None, "the victim process was killed"
    assert targets.victim_cpu_limit() == cpu_limit


EPERM = "BLOCKED PermissionError 1"  # seccomp
EACCES = "BLOCKED PermissionError 13"  # Landlock
EXDEV = "BLOCKED OSError 18"  # Landlock: a link or rename would widen access
ENOSYS = "BLOCKED OSError 38"

ATTACKS = [
    # -- files outside the scratch directory (Landlock) -------------------------------
    pytest.param("open(OUTSIDE / 'new.txt', 'w')", EACCES, id="open-w-new"),
    pytest.param("open(OUTSIDE / 'victim.txt', 'a').write('x')", EACCES, id="open-append"),
    pytest.param("(OUTSIDE / 'new.txt').write_text('x')", EACCES, id="pathlib-write_text"),
    pytest.param(
        "os.open(OUTSIDE / 'new.txt', os.O_CREAT | os.O_WRONLY, 0o600)", EACCES, id="os-open"
    ),
    pytest.param("os.makedirs(OUTSIDE / 'a' / 'b')", EACCES, id="makedirs"),
    pytest.param("os.symlink('/etc/passwd', OUTSIDE / 'link')", EACCES, id="symlink-outside"),
    pytest.param(
        "os.symlink(OUTSIDE / 'victim.txt', SCRATCH / 'link')\n"
        "open(SCRATCH / 'link', 'w').write('x')",
        EACCES,
        id="write-through-symlink",
    ),
    pytest.param(
        "os.link(OUTSIDE / 'victim.txt', SCRATCH / 'hard')\nopen(SCRATCH / 'hard', 'w').write('x')",
        EXDEV,
        id="hardlink-into-scratch",
    ),
    pytest.param("os.rename(OUTSIDE / 'victim.txt', OUTSIDE / 'x')", EACCES, id="rename"),
    pytest.param(
        "os.rename(OUTSIDE / 'victim.txt', SCRATCH / 'stolen')", EACCES, id="rename-into-scratch"
    ),
    pytest.param("os.unlink(OUTSIDE / 'victim.txt')", EACCES, id="unlink"),
    pytest.param("os.truncate(OUTSIDE / 'victim.txt', 0)", EACCES, id="truncate"),
    pytest.param("os.chmod(OUTSIDE / 'victim.txt', 0o777)", EPERM, id="chmod"),
    pytest.param(
        "fd = os.open(OUTSIDE / 'victim.txt', os.O_RDONLY)\nos.fchmod(fd, 0)", EPERM, id="fchmod"
    ),
    pytest.param("os.setxattr(OUTSIDE / 'victim.txt', 'user.x', b'1')", EPERM, id="setxattr"),
    pytest.param(
        "fd = os.open(f'/proc/self/fd/{os.open(OUTSIDE / \"victim.txt\", os.O_RDONLY)}',"
        " os.O_WRONLY)",
        EACCES,
        id="reopen-via-proc",
    ),
    pytest.param("import tempfile\ntempfile.mkstemp(dir='/tmp')", EACCES, id="tempfile-in-tmp"),
    pytest.param(
        "import sqlite3\nsqlite3.connect(OUTSIDE / 'db.sqlite').execute('create table t(x)')",
        "BLOCKED OperationalError None",
        id="sqlite3",
    ),
    # -- other programs and processes (seccomp) ---------------------------------------
    pytest.param(f"print('RC', os.system({TOUCH!r}))", "RC 32512", id="os-system"),
    pytest.param(
        f"import subprocess\nsubprocess.run({TOUCH!r}, shell=True)", EPERM, id="subprocess-run"
    ),
    pytest.param(
        "pid = os.fork()\nif pid == 0:\n    open(" + repr(MARKER) + ", 'w'); os._exit(0)",
        EPERM,
        id="os-fork",
    ),
    pytest.param(f"os.execv('/bin/sh', ['sh', '-c', {TOUCH!r}])", EPERM, id="os-execv"),
    pytest.param(
        f"os.posix_spawn('/bin/sh', ['sh', '-c', {TOUCH!r}], os.environ)",
        EPERM,
        id="posix_spawn",
    ),
    pytest.param(f"print('RC', LIBC.system({TOUCH.encode()!r}))", "RC 32512", id="ctypes-system"),
    pytest.param(
        "import multiprocessing\n"
        "def touch():\n"
        f"    open({MARKER!r}, 'w')\n"
        "multiprocessing.Process(target=touch).start()",
        EPERM,
        id="multiprocessing-fork",
    ),
    pytest.param(
        "import multiprocessing\n"
        "multiprocessing.get_context('spawn').Process(target=print).start()",
        EPERM,
        id="multiprocessing-spawn",
    ),
    pytest.param("c_check(LIBC.syscall(435, None, 0))", ENOSYS, id="raw-clone3"),
    pytest.param("c_check(LIBC.unshare(0x10000000))", EPERM, id="unshare-newuser"),
    pytest.param(
        "c_check(LIBC.syscall(425, 8, ctypes.create_string_buffer(120)))",
        EPERM,
        id="io_uring_setup",
    ),
    # -- network and local sockets (seccomp) ------------------------------------------
    pytest.param(
        "socket.create_connection(('127.0.0.1', CFG['tcp_port']), timeout=5)",
        EPERM,
        id="tcp-connect",
    ),
    pytest.param(
        "s = socket.socket(socket.AF_UNIX)\ns.connect(CFG['unix_path'])", EPERM, id="unix-connect"
    ),
    pytest.param(
        "s = socket.socket(socket.AF_UNIX)\ns.connect(CFG['abstract_name'])",
        EPERM,
        id="abstract-unix-connect",
    ),
    pytest.param("socket.socketpair()", EPERM, id="socketpair"),
    pytest.param(
        "socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('127.0.0.1', 9))",
        EPERM,
        id="udp-socket",
    ),
    pytest.param(  # a duplicate of an inherited socket may not connect anywhere either
        "socket.fromfd(CHANNEL.fileno(), socket.AF_UNIX, socket.SOCK_STREAM)"
        ".connect(CFG['unix_path'])",
        EPERM,
        id="dup-inherited-socket-connect",
    ),
    # -- other processes: signals, limits, tracing, terminals (seccomp) ---------------
    pytest.param("os.kill(VICTIM, signal.SIGKILL)", EPERM, id="kill-victim"),
    pytest.param("os.kill(os.getppid(), signal.SIGKILL)", EPERM, id="kill-zygote"),
    pytest.param("os.kill(0, signal.SIGKILL)", EPERM, id="kill-process-group"),
    pytest.param("c_check(LIBC.tgkill(VICTIM, VICTIM, 9))", EPERM, id="tgkill"),
    pytest.param("os.pidfd_open(VICTIM)", EPERM, id="pidfd_open"),
    pytest.param(
        "signal.pidfd_send_signal(os.open(f'/proc/{VICTIM}', os.O_DIRECTORY), signal.SIGKILL)",
        EPERM,
        id="pidfd_send_signal-via-proc",
    ),
    pytest.param(
        "import resource\nresource.prlimit(VICTIM, resource.RLIMIT_CPU, (1, 1))",
        EPERM,
        id="prlimit-victim",
    ),
    pytest.param("c_check(LIBC.ptrace(16, VICTIM, None, None))", EPERM, id="ptrace-attach"),
    pytest.param(
        "import fcntl, termios\nfcntl.ioctl(PTY_SLAVE, termios.TIOCSTI, b'x')",
        EPERM,
        id="tiocsti",
    ),
    pytest.param(
        "import fcntl\nfcntl.fcntl(CHANNEL.fileno(), fcntl.F_SETOWN, VICTIM)",
        EPERM,
        id="f_setown",
    ),
    # -- threads and limits -----------------------------------------------------------
    pytest.param(
        "import threading, time\n"
        "def late():\n"
        "    time.sleep(0.3)\n"
        "    try:\n"
        "        (OUTSIDE / 'late.txt').write_text('x')\n"
        "    except Exception as exc:\n"
        "        blocked(exc)\n"
        "threading.Thread(target=late).start()",
        EACCES,
        id="thread-writes-after-main",
    ),
]


@needs_sandbox
@pytest.mark.parametrize(("attack", "expected"), ATTACKS)
def test_attack_is_blocked(targets, attack, expected):
    cpu_limit = targets.victim_cpu_limit()
    lines = run_in_sandbox(targets, "import signal\n" + attack)
    assert lines == [expected, "ZYGOTE 0"]
    assert_untouched(targets, cpu_limit)


@needs_sandbox
@pytest.mark.skipif(platform.machine() != "x86_64", reason="x32 system calls are x86_64-only")
def test_x32_system_call_is_refused(targets):
    """A socket() through the x32 ABI (a different syscall number) is not a way around."""
    lines = run_in_sandbox(targets, "c_check(LIBC.syscall(0x40000000 | 41, 2, 1, 0))")
    assert lines == [ENOSYS, "ZYGOTE 0"]


@needs_sandbox
def test_torch_save_outside_is_blocked(targets):
    """torch.save opens the file in C++, so the denial arrives as torch's RuntimeError."""
    attack = (
        "import torch\n"
        "try:\n"
        "    torch.save(torch.ones(2), OUTSIDE / 't.pt')\n"
        "except RuntimeError as exc:\n"
        "    print('BLOCKED RuntimeError', 'Permission denied' in str(exc))"
    )
    assert run_in_sandbox(targets, attack, torch=True) == ["BLOCKED RuntimeError True", "ZYGOTE 0"]
    assert_untouched(targets, targets.victim_cpu_limit())


@needs_sandbox
def test_oversized_file_fails_with_efbig(targets):
    attack = "open(SCRATCH / 'big', 'wb').write(b'x' * (3 << 20))"
    lines = run_in_sandbox(targets, attack, max_file_bytes=1 << 20)
    assert lines == ["BLOCKED OSError 27", "ZYGOTE 0"]  # EFBIG, not death by SIGXFSZ
    assert (targets.scratch / "big").stat().st_size == 1 << 20


@needs_sandbox
def test_file_size_limit_cannot_be_raised(targets):
    attack = (
        "import resource\nresource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)"
    )
    assert run_in_sandbox(targets, attack) == ["BLOCKED ValueError None", "ZYGOTE 0"]


# -- what must keep working ---------------------------------------------------------------


@needs_sandbox
def test_report_inside_child(targets):
    lines = run_in_sandbox(targets, "print(REPORT.describe(), REPORT.problems)")
    assert lines == [f"sandbox: seccomp + Landlock ABI {SUPPORT.landlock_abi} ()", "ZYGOTE 0"]


@needs_sandbox
def test_scratch_directory_is_writable(targets):
    attack = (
        "os.makedirs(SCRATCH / 'a' / 'b')\n"
        "(SCRATCH / 'a' / 'b' / 'f.txt').write_text('one')\n"
        "os.rename(SCRATCH / 'a' / 'b' / 'f.txt', SCRATCH / 'g.txt')\n"
        "os.symlink('g.txt', SCRATCH / 'link')\n"
        "open(SCRATCH / 'link', 'a').write(' two')\n"
        "os.truncate(SCRATCH / 'g.txt', 7)\n"
        "open(SCRATCH / 'gone', 'w').close()\n"
        "os.unlink(SCRATCH / 'gone')\n"
        "os.rmdir(SCRATCH / 'a' / 'b')\n"
        "open('/dev/null', 'w').write('discarded')\n"
        "print('OK')"
    )
    assert run_in_sandbox(targets, attack) == ["OK", "ZYGOTE 0"]
    assert (targets.scratch / "g.txt").read_text() == "one two"
    assert sorted(p.name for p in targets.scratch.iterdir()) == ["a", "g.txt", "link"]
    assert not list(targets.scratch.rglob("__pycache__"))


@needs_sandbox
def test_reading_outside_works(targets):
    attack = (
        "print(repr((OUTSIDE / 'victim.txt').read_text()))\n"
        "print(len(os.listdir('/usr/lib')) > 0, open('/etc/os-release').read(0) == '')\n"
        "import json as _json, email.mime.text\n"  # imports read the standard library
        "print('imports ok')"
    )
    assert run_in_sandbox(targets, attack) == [
        repr(VICTIM_TEXT),
        "True True",
        "imports ok",
        "ZYGOTE 0",
    ]


@needs_sandbox
def test_existing_descriptors_keep_working(targets):
    """The zygote's socket pair (the kernel's IPC) still sends; stdout still prints."""
    attack = "CHANNEL.sendall(b'hello from the child')\nprint('printed')"
    assert run_in_sandbox(targets, attack) == [
        "printed",
        "CHANNEL hello from the child",
        "ZYGOTE 0",
    ]


@needs_sandbox
def test_threads_work(targets):
    attack = (
        "import threading\n"
        "results = []\n"
        "threads = [threading.Thread(target=results.append, args=(i,)) for i in range(4)]\n"
        "for t in threads: t.start()\n"
        "for t in threads: t.join()\n"
        "from concurrent.futures import ThreadPoolExecutor\n"
        "with ThreadPoolExecutor(3) as pool:\n"
        "    squares = list(pool.map(lambda x: x * x, range(5)))\n"
        "print(sorted(results), squares)"
    )
    assert run_in_sandbox(targets, attack) == ["[0, 1, 2, 3] [0, 1, 4, 9, 16]", "ZYGOTE 0"]


@needs_sandbox
def test_signals_to_itself_work(targets):
    attack = (
        "import signal\n"
        "got = []\n"
        "signal.signal(signal.SIGUSR1, lambda *a: got.append('kill'))\n"
        "os.kill(os.getpid(), signal.SIGUSR1)\n"
        "signal.signal(signal.SIGUSR2, lambda *a: got.append('raise'))\n"
        "signal.raise_signal(signal.SIGUSR2)\n"
        "import resource\n"
        "print(got, resource.getrlimit(resource.RLIMIT_CORE))"
    )
    assert run_in_sandbox(targets, attack) == ["['kill', 'raise'] (0, 0)", "ZYGOTE 0"]


@needs_sandbox
def test_torch_works(targets):
    attack = (
        "print((torch.ones(3) * 2).tolist())\n"
        "torch.set_num_threads(2)\n"
        "a = torch.randn(256, 256)\n"
        "b = a @ a\n"
        "c = torch.randn(4_000_000).mul(2).sum()\n"  # large enough for intra-op threads
        "x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
        "(x * x).sum().backward()\n"
        "torch.save(b, SCRATCH / 'b.pt')\n"
        "same = torch.equal(torch.load(SCRATCH / 'b.pt'), b)\n"
        "threads = len(os.listdir('/proc/self/task'))\n"
        "print(torch.get_num_threads(), tuple(b.shape), x.grad.tolist(), same, threads >= 2)"
    )
    assert run_in_sandbox(targets, attack, torch=True) == [
        "[2.0, 2.0, 2.0]",
        "2 (256, 256) [2.0, 4.0] True True",
        "ZYGOTE 0",
    ]


# -- in-process: no sandbox is applied here ----------------------------------------------


def test_module_imports_nothing_heavy():
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(REPO_ROOT)!r})\n"
        "import playground.kernel.sandbox as s\n"
        "print(sorted(m for m in ('torch', 'pyseccomp', 'landlock', 'PySide6')"
        " if m in sys.modules))\n"
        "print(s.sandbox_support().seccomp in (True, False))\n"
        "print(sorted(m for m in ('torch', 'PySide6') if m in sys.modules))"
    )
    proc = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, timeout=60
    )
    assert proc.stdout.splitlines() == ["[]", "True", "[]"], proc.stderr


def test_bad_arguments_raise_before_anything_is_applied(tmp_path):
    code = (
        "import socket, sys\n"
        f"sys.path.insert(0, {str(REPO_ROOT)!r})\n"
        "from pathlib import Path\n"
        "from playground.kernel.sandbox import apply_sandbox\n"
        "for scratch, cap in ((Path(sys.argv[1]) / 'missing', 1), (Path(sys.argv[1]), 0)):\n"
        "    try:\n"
        "        apply_sandbox(scratch, max_file_bytes=cap)\n"
        "    except (NotADirectoryError, ValueError) as exc:\n"
        "        print(type(exc).__name__)\n"
        "socket.socket().close()\n"
        "print(sys.dont_write_bytecode)"
    )
    proc = subprocess.run(
        [sys.executable, "-I", "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.stdout.splitlines() == ["NotADirectoryError", "ValueError", "False"], proc.stderr


@needs_sandbox
def test_threads_started_before_the_sandbox_are_reported(tmp_path):
    """Landlock (ABI <= 7) confines only the calling thread: an older thread makes the
    report incomplete. seccomp (TSYNC) still covers that thread."""
    code = (
        "import socket, sys, threading\n"
        f"sys.path.insert(0, {str(REPO_ROOT)!r})\n"
        "from pathlib import Path\n"
        "from playground.kernel.sandbox import apply_sandbox\n"
        "go, done = threading.Event(), []\n"
        "def old_thread():\n"
        "    go.wait()\n"
        "    try:\n"
        "        socket.socket()\n"
        "    except PermissionError as exc:\n"
        "        done.append(exc.errno)\n"
        "t = threading.Thread(target=old_thread)\n"
        "t.start()\n"
        "report = apply_sandbox(Path(sys.argv[1]))\n"
        "go.set()\n"
        "t.join()\n"
        "print(report.seccomp, report.complete, report.problems, done)"
    )
    proc = subprocess.run(
        [sys.executable, "-I", "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
    )
    problem = (
        "1 thread(s) started before the sandbox stay outside Landlock, "
        "which restricts only the calling thread."
    )
    assert proc.stdout.splitlines() == [f"True False ({problem!r},) [1]"], proc.stderr


def test_support_report_is_consistent():
    assert SUPPORT.complete == (
        SUPPORT.seccomp and SUPPORT.landlock_abi > 0 and not SUPPORT.problems
    )
    assert SUPPORT.describe().startswith("sandbox: ")
    if platform.system() != "Linux":
        assert not SUPPORT.seccomp and SUPPORT.landlock_abi == 0
        assert all("Linux" in problem for problem in SUPPORT.problems)


def test_linux_with_landlock_is_complete():
    """Where the kernel has Landlock (the development machine: ABI 7), both layers load."""
    if platform.system() != "Linux" or SUPPORT.landlock_abi == 0:
        pytest.skip(f"no Landlock here: {' '.join(SUPPORT.problems)}")
    assert SUPPORT.complete, SUPPORT.problems
    assert SUPPORT.describe() == f"sandbox: seccomp + Landlock ABI {SUPPORT.landlock_abi}"


@pytest.mark.parametrize(
    ("report", "line", "complete"),
    [
        (SandboxReport(True, 7), "sandbox: seccomp + Landlock ABI 7", True),
        (SandboxReport(True, 0, ("Landlock is off.",)), "sandbox: seccomp (incomplete)", False),
        (
            SandboxReport(False, 3, ("seccomp is off.",)),
            "sandbox: Landlock ABI 3 (incomplete)",
            False,
        ),
        (
            SandboxReport(True, 7, ("1 thread(s)...",)),
            "sandbox: seccomp + Landlock ABI 7 (incomplete)",
            False,
        ),
        (SandboxReport(False, 0, ("a.", "b.")), "sandbox: off", False),
    ],
)
def test_report_describe(report, line, complete):
    assert report.describe() == line
    assert report.complete is complete


def test_blocked_hint():
    assert BLOCKED_HINT == "(scripts run without write, network or process access)"
