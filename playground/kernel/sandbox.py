"""Confine a forked kernel child just before it runs the user's script (Linux).

:func:`apply_sandbox` is irreversible: it turns the calling process into one that

* can read and execute files everywhere but write only beneath its scratch
  directory (and ``/dev/null``) — Landlock, through the ``landlock`` package;
* cannot create sockets, connect, listen, start programs or processes, signal or
  trace other processes, mount, unshare, load kernel modules, use io_uring, bpf,
  perf, keyrings or userfaultfd, or change file modes, owners or extended
  attributes — a seccomp filter built with libseccomp (through ``pyseccomp``).
  Denied calls fail with ``EPERM`` so Python raises ``PermissionError``; nothing
  is killed. Threads keep working (``clone`` with ``CLONE_THREAD`` is allowed;
  ``clone3`` answers ``ENOSYS`` so glibc falls back to ``clone``);
* dumps no core and writes no file larger than ``max_file_bytes`` (the write
  fails with ``EFBIG``: ``SIGXFSZ`` is ignored).

:func:`sandbox_support` probes the same layers without applying anything, for the
window's status bar. This module imports neither Qt nor torch, and imports
``pyseccomp`` and ``landlock`` only when a function needs them.

The zygote should import ``pyseccomp`` and ``landlock`` before it forks: importing
``pyseccomp`` runs ``ldconfig -p`` to find libseccomp, which is better done once.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["BLOCKED_HINT", "SandboxReport", "apply_sandbox", "sandbox_support"]

BLOCKED_HINT = "(scripts run without write, network or process access)"

_PR_SET_NO_NEW_PRIVS = 38
_CLONE_THREAD = 0x0001_0000
_LOW_32_BITS = 0xFFFF_FFFF
# ioctl requests that act on something other than the calling process: TIOCSTI pushes
# keystrokes into the terminal's input (a shell would run them), TIOCLINUX can do the
# same on a virtual console, FIOSETOWN/SIOCSPGRP make the kernel send SIGIO to any pid.
_DENIED_IOCTLS = (0x5412, 0x541C, 0x8901, 0x8902)
# fcntl F_SETOWN / F_SETOWN_EX: the same SIGIO-to-any-pid trick as FIOSETOWN.
_DENIED_FCNTLS = (8, 15)

# Denied outright with EPERM (names libseccomp does not have on this architecture,
# such as fork on arm64, are skipped by libseccomp itself).
_EPERM_SYSCALLS: tuple[str, ...] = (
    # network and local sockets (already-open descriptors keep working)
    "socket",
    "socketpair",
    "connect",
    "bind",
    "listen",
    "accept",
    "accept4",
    # other programs and processes
    "execve",
    "execveat",
    "fork",
    "vfork",
    # other processes' memory, descriptors and signals
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "process_madvise",
    "kcmp",
    "pidfd_getfd",
    "pidfd_send_signal",  # a /proc/<pid> directory fd works as a pidfd
    # mounts and namespaces
    "mount",
    "umount",
    "umount2",
    "unshare",
    "setns",
    "pivot_root",
    "chroot",
    "open_tree",
    "open_tree_attr",
    "move_mount",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "mount_setattr",
    # kernel facilities a script has no business with
    "keyctl",
    "add_key",
    "request_key",
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "init_module",
    "finit_module",
    "delete_module",
    "kexec_load",
    "kexec_file_load",
    "reboot",
    "swapon",
    "swapoff",
    "personality",
    "iopl",
    "ioperm",
    # metadata writes Landlock does not cover: they would work on any file the user
    # owns, outside the scratch directory too
    "chmod",
    "fchmod",
    "fchmodat",
    "fchmodat2",
    "chown",
    "fchown",
    "lchown",
    "fchownat",
    "setxattr",
    "lsetxattr",
    "fsetxattr",
    "removexattr",
    "lremovexattr",
    "fremovexattr",
    "setxattrat",
    "removexattrat",
    "file_setattr",
)

# Answer ENOSYS: glibc then falls back to clone, which the filter can inspect
# (clone3 passes its flags in memory, out of a seccomp filter's reach).
_ENOSYS_SYSCALLS: tuple[str, ...] = ("clone3",)

# Signals and pid file descriptors: allowed only with our own pid as first argument.
_OWN_PID_SYSCALLS: tuple[str, ...] = (
    "kill",
    "tkill",
    "tgkill",
    "rt_sigqueueinfo",
    "rt_tgsigqueueinfo",
    "pidfd_open",
)

# Syscalls newer than some libseccomp releases (2.5.4 lacks setxattrat, for one).
# From 424 on, the numbers are the same on x86_64, arm64 and riscv64.
_NEW_SYSCALL_NUMBERS: dict[str, int] = {
    "pidfd_send_signal": 424,
    "io_uring_setup": 425,
    "io_uring_enter": 426,
    "io_uring_register": 427,
    "open_tree": 428,
    "move_mount": 429,
    "fsopen": 430,
    "fsconfig": 431,
    "fsmount": 432,
    "fspick": 433,
    "pidfd_open": 434,
    "clone3": 435,
    "pidfd_getfd": 438,
    "process_madvise": 440,
    "mount_setattr": 442,
    "fchmodat2": 452,
    "setxattrat": 463,
    "removexattrat": 466,
    "open_tree_attr": 467,
    "file_setattr": 469,
}


@dataclass(frozen=True)
class SandboxReport:
    """Which sandbox layers are in place (from :func:`apply_sandbox`) or available
    (from :func:`sandbox_support`), and why any is missing."""

    seccomp: bool
    """The seccomp filter was loaded (or, for a probe, can be)."""
    landlock_abi: int
    """The Landlock ABI version enforced (or available); 0 when Landlock is unavailable."""
    problems: tuple[str, ...] = ()
    """One sentence each: why a layer, or part of one, is missing."""

    @property
    def complete(self) -> bool:
        """True when seccomp and Landlock are both in place and nothing is missing."""
        return self.seccomp and self.landlock_abi > 0 and not self.problems

    def describe(self) -> str:
        """One line for a status bar, e.g. ``sandbox: seccomp + Landlock ABI 7``."""
        layers = []
        if self.seccomp:
            layers.append("seccomp")
        if self.landlock_abi > 0:
            layers.append(f"Landlock ABI {self.landlock_abi}")
        if not layers:
            return "sandbox: off"
        line = "sandbox: " + " + ".join(layers)
        return line if self.complete else line + " (incomplete)"


def sandbox_support() -> SandboxReport:
    """Probe what :func:`apply_sandbox` would achieve here, without applying anything.

    Builds (but does not load) the seccomp filter and asks the kernel for its Landlock
    ABI. Safe to call in the window process; imports ``pyseccomp`` and ``landlock``
    lazily.
    """
    if platform.system() != "Linux":
        return SandboxReport(False, 0, _not_linux_problems())
    problems: list[str] = []
    seccomp_ok = False
    if not _kernel_has_seccomp():
        problems.append("seccomp is off: this kernel was built without it.")
    else:
        try:
            _, unknown = _build_filter(os.getpid())
        except (ImportError, RuntimeError, OSError) as exc:
            problems.append(_seccomp_unavailable(exc))
        else:
            seccomp_ok = True
            problems.extend(_unknown_syscalls_problem(unknown))
    abi, landlock_problem = _landlock_abi()
    if landlock_problem:
        problems.append(landlock_problem)
    return SandboxReport(seccomp_ok, abi, tuple(problems))


def apply_sandbox(scratch_dir: Path, *, max_file_bytes: int = 64 << 20) -> SandboxReport:
    """Confine the calling process for good; call it in the forked child, right before
    the user's code runs, from the main thread and before any other thread starts.

    In order: no bytecode writing, no core dumps, a ``max_file_bytes`` cap on written
    files (``EFBIG`` instead of ``SIGXFSZ``), no new privileges, Landlock (write only
    beneath ``scratch_dir``), then the seccomp filter. A layer that cannot be applied is
    skipped and named in the report's ``problems``; this function does not raise for
    that. It raises ``NotADirectoryError`` (before changing anything) when
    ``scratch_dir`` is not a directory and ``ValueError`` for a non-positive
    ``max_file_bytes``.
    """
    scratch = Path(scratch_dir).resolve()
    if not scratch.is_dir():
        raise NotADirectoryError(f"sandbox scratch directory {scratch} is not a directory")
    if max_file_bytes <= 0:
        raise ValueError(f"max_file_bytes must be positive, not {max_file_bytes}")

    sys.dont_write_bytecode = True
    problems: list[str] = []
    problems.extend(_limit_resources(max_file_bytes))
    if platform.system() != "Linux":
        return SandboxReport(False, 0, (*_not_linux_problems(), *problems))

    # Build the filter first: importing pyseccomp may run ldconfig.
    seccomp_filter: Any = None
    if not _kernel_has_seccomp():
        problems.append("seccomp is off: this kernel was built without it.")
    else:
        try:
            seccomp_filter, unknown = _build_filter(os.getpid())
        except (ImportError, RuntimeError, OSError) as exc:
            problems.append(_seccomp_unavailable(exc))
        else:
            problems.extend(_unknown_syscalls_problem(unknown))

    if not _set_no_new_privs():
        problems.append("no_new_privs could not be set, so neither Landlock nor seccomp can be.")
        return SandboxReport(False, 0, tuple(problems))

    abi, landlock_problems = _apply_landlock(scratch)
    problems.extend(landlock_problems)

    seccomp_loaded = False
    if seccomp_filter is not None:
        try:
            seccomp_filter.load()
        except OSError as exc:
            problems.append(f"The seccomp filter did not load: {exc.strerror or exc}.")
        else:
            seccomp_loaded = True
    return SandboxReport(seccomp_loaded, abi, tuple(problems))


# -- resource limits ---------------------------------------------------------------------


def _limit_resources(max_file_bytes: int) -> list[str]:
    """No core dumps; written files capped at ``max_file_bytes`` for good (hard limit
    too), failing with EFBIG rather than dying of SIGXFSZ. Returns problems."""
    try:
        import resource
    except ImportError:  # not a POSIX system
        return ["Resource limits are unavailable on this system."]
    problems = []
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError) as exc:
        problems.append(f"Core dumps could not be disabled: {exc}.")
    try:
        hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
        cap = max_file_bytes if hard == resource.RLIM_INFINITY else min(hard, max_file_bytes)
        resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))
    except (OSError, ValueError) as exc:
        problems.append(f"The file size limit could not be set: {exc}.")
    sigxfsz = getattr(signal, "SIGXFSZ", None)
    if sigxfsz is not None:
        try:
            signal.signal(sigxfsz, signal.SIG_IGN)
        except (OSError, ValueError) as exc:  # ValueError: not the main thread
            problems.append(f"SIGXFSZ could not be ignored, so an oversized write kills: {exc}.")
    return problems


def _set_no_new_privs() -> bool:
    """prctl(PR_SET_NO_NEW_PRIVS, 1): required by unprivileged Landlock and seccomp."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _not_linux_problems() -> tuple[str, ...]:
    system = platform.system() or "an unknown system"
    return (
        f"seccomp is Linux-only and this is {system}.",
        f"Landlock is Linux-only and this is {system}.",
    )


# -- Landlock ----------------------------------------------------------------------------


def _landlock_abi() -> tuple[int, str | None]:
    """(ABI version, None) or (0, the reason Landlock is unavailable)."""
    try:
        from landlock import landlock_abi_version
    except ImportError:
        return 0, "Landlock is off: the landlock package is not installed."
    try:
        return int(landlock_abi_version()), None
    except OSError as exc:
        if exc.errno == errno.ENOSYS:
            return 0, "Landlock is off: this kernel has no Landlock (it needs Linux 5.13+)."
        if exc.errno == errno.EOPNOTSUPP:
            return 0, "Landlock is off: it is disabled at boot (add landlock to lsm=)."
        return 0, f"Landlock is off: asking for its ABI failed ({exc.strerror or exc})."


def _apply_landlock(scratch: Path) -> tuple[int, list[str]]:
    """Read and execute everywhere, write only beneath ``scratch`` and to /dev/null.

    Restricts exactly the file-system rights this kernel's ABI knows (the ``landlock``
    package derives them from the ABI). Returns (enforced ABI or 0, problems).
    """
    abi, problem = _landlock_abi()
    if problem:
        return 0, [problem]
    from landlock import FSAccess, Ruleset

    problems = []
    other_threads = _thread_count() - 1
    if other_threads > 0:
        problems.append(
            f"{other_threads} thread(s) started before the sandbox stay outside Landlock, "
            "which restricts only the calling thread."
        )
    try:
        handled = FSAccess.all()
        read_only = (FSAccess.READ_FILE | FSAccess.READ_DIR | FSAccess.EXECUTE) & handled
        device_rights = (
            FSAccess.READ_FILE | FSAccess.WRITE_FILE | FSAccess.TRUNCATE | FSAccess.IOCTL_DEV
        ) & FSAccess.all_file()
        ruleset = Ruleset(restrict_rules=handled)
        try:
            ruleset.allow("/", rules=read_only)
            ruleset.allow(str(scratch), rules=handled)
            if os.path.exists("/dev/null"):
                ruleset.allow("/dev/null", rules=device_rights)
            ruleset.apply()
        finally:
            fd = getattr(ruleset, "_fd", None)
            if isinstance(fd, int):
                os.close(fd)
    except OSError as exc:
        return 0, [*problems, f"Landlock did not apply: {exc.strerror or exc}."]
    return abi, problems


def _thread_count() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1


# -- seccomp -----------------------------------------------------------------------------


def _kernel_has_seccomp() -> bool:
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            return any(line.startswith("Seccomp:") for line in status)
    except OSError:
        return False


def _seccomp_unavailable(exc: BaseException) -> str:
    if isinstance(exc, ImportError):
        return "seccomp is off: the pyseccomp package is not installed."
    if isinstance(exc, RuntimeError):
        return "seccomp is off: libseccomp was not found."
    return f"seccomp is off: building the filter failed ({exc})."


def _unknown_syscalls_problem(unknown: list[str]) -> list[str]:
    if not unknown:
        return []
    return [f"This libseccomp does not know {', '.join(unknown)}, so they stay allowed."]


def _build_filter(own_pid: int) -> tuple[Any, list[str]]:
    """The seccomp filter (built, not loaded) and the syscall names it had to leave out.

    Default action ALLOW; every rule answers with an errno, never kills. Syscalls of a
    foreign architecture (i386 ``int 0x80``, x32) answer ENOSYS.
    """
    import pyseccomp as seccomp

    native = seccomp.system_arch()
    unified_numbers = native in (seccomp.Arch.X86_64, seccomp.Arch.AARCH64, seccomp.Arch.RISCV64)
    unknown: list[str] = []

    def number(name: str) -> int | None:
        nr = seccomp.resolve_syscall(seccomp.Arch.NATIVE, name)
        if nr == -1:  # __NR_SCMP_ERROR: this libseccomp has never heard of it
            nr = _NEW_SYSCALL_NUMBERS.get(name) if unified_numbers else None
        if nr is None:
            unknown.append(name)
        return nr

    def deny(action: int, name: str, *args: Any) -> None:
        nr = number(name)
        if nr is not None:
            seccomp_filter.add_rule(action, nr, *args)

    eperm = seccomp.ERRNO(errno.EPERM)
    seccomp_filter = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    seccomp_filter.set_attr(seccomp.Attr.ACT_BADARCH, seccomp.ERRNO(errno.ENOSYS))
    try:  # the filter covers threads that already exist, too
        seccomp_filter.set_attr(seccomp.Attr.CTL_TSYNC, 1)
    except OSError:
        pass

    for name in _EPERM_SYSCALLS:
        deny(eperm, name)
    for name in _ENOSYS_SYSCALLS:
        deny(seccomp.ERRNO(errno.ENOSYS), name)
    # clone: threads (CLONE_THREAD set) yes; processes, including fork(),
    # posix_spawn() and vfork() through clone, no. s390 passes the flags second.
    flags_arg = 1 if native in (seccomp.Arch.S390, seccomp.Arch.S390X) else 0
    deny(eperm, "clone", seccomp.Arg(flags_arg, seccomp.MASKED_EQ, _CLONE_THREAD, 0))
    for name in _OWN_PID_SYSCALLS:
        # 64-bit comparison: a pid with junk in the upper half is refused too.
        deny(eperm, name, seccomp.Arg(0, seccomp.NE, own_pid))
    # prlimit64 on another process could set its RLIMIT_CPU and so kill it;
    # setrlimit/getrlimit use pid 0.
    deny(eperm, "prlimit64", seccomp.Arg(0, seccomp.NE, 0))
    # The kernel reads ioctl and fcntl commands as 32-bit: compare only those bits.
    for request in _DENIED_IOCTLS:
        deny(eperm, "ioctl", seccomp.Arg(1, seccomp.MASKED_EQ, _LOW_32_BITS, request))
    for name in ("fcntl", "fcntl64"):
        for command in _DENIED_FCNTLS:
            deny(eperm, name, seccomp.Arg(1, seccomp.MASKED_EQ, _LOW_32_BITS, command))
    return seccomp_filter, unknown
