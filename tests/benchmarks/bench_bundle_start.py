"""Cold start to the first painted window: the PyInstaller bundle against the venv.

A script, not a test (nothing timed is asserted)::

    .venv/bin/python tests/benchmarks/bench_bundle_start.py [--runs 5] [--bundle PATH]

Each start is a new process with ``GRADIENT_PLAYGROUND_STARTUP_PROBE=1``: the app prints a line
at the first paint of its window and quits (:mod:`playground.ui.startup_probe`). The time is
measured from ``Popen`` to that line, so it includes the interpreter or bootloader start.
Starts alternate venv / bundle after one unmeasured warm-up each (the OS file cache is warm for
both). Prints the medians and the ratio bundle / venv (target ≤ 1.2).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROBE_ENV = "GRADIENT_PLAYGROUND_STARTUP_PROBE"
PROBE_LINE = "startup-probe: first paint"
TARGET_RATIO = 1.2


def venv_command() -> list[str]:
    """The installed ``gradient-playground`` of this interpreter's environment."""
    script = Path(sys.executable).parent / "gradient-playground"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "playground"]


def time_start(command: list[str], env: dict[str, str], timeout: float = 60.0) -> float:
    """Seconds from launching *command* to its probe line (the first painted window)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        for line in process.stdout:
            if line.startswith(PROBE_LINE):
                elapsed = time.perf_counter() - started
                process.wait(timeout=timeout)
                return elapsed
        process.wait(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    raise RuntimeError(
        f"{command[0]} exited {process.returncode} without painting:\n{process.stderr.read()}"
    )


def main(argv: list[str] | None = None) -> int:
    """Measure both, print the medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--bundle", type=Path, default=REPO / "dist" / "gradient-playground" / "gradient-playground"
    )
    args = parser.parse_args(argv)
    if not args.bundle.is_file():
        print(f"no bundle at {args.bundle}: run `make dist` first", file=sys.stderr)
        return 2
    commands = {"venv": venv_command(), "bundle": [str(args.bundle)]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        env = dict(os.environ, **{PROBE_ENV: "1", "GRADIENT_PLAYGROUND_CONFIG_DIR": tmp})
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for command in commands.values():
            time_start(command, env)  # warm-up, not measured
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(time_start(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        shown = " ".join(f"{v:.2f}" for v in values)
        print(f"{name:6s} median {medians[name]:.2f} s  ({shown})  {' '.join(commands[name])}")
    ratio = medians["bundle"] / medians["venv"]
    verdict = "within" if ratio <= TARGET_RATIO else "ABOVE"
    print(
        f"ratio bundle/venv = {ratio:.2f} ({verdict} the {TARGET_RATIO}x target), "
        f"platform {env['QT_QPA_PLATFORM']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
