"""Start-up time and peak memory of `tutor` against a minimal Textual Markdown app, in one run.

Each program is started in a pseudo-terminal of 80×24 (as a learner's terminal would be); the
clock stops when a text of its first screen appears on the terminal. The program is then left
running for a moment (so memory includes the settled screen) and stopped; its peak resident
memory comes from the kernel's accounting of the child (ru_maxrss). Runs alternate between the
two programs so that machine noise hits both alike; medians are reported.

    python bench/bench_startup.py [--runs 15] [--home DIR] [--label NAME]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(argv: list[str], marker: bytes, env: dict[str, str], settle: float = 0.5) -> tuple[float, float]:
    """(seconds to first screen, peak RSS in MiB) of one run of `argv`."""
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    seen = b""
    elapsed = float("nan")
    deadline = start + 30
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        seen += chunk
        if marker in seen:
            elapsed = time.perf_counter() - start
            break
    end_settle = time.perf_counter() + settle
    while time.perf_counter() < end_settle:  # keep draining so the child never blocks on output
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                break
    os.kill(pid, signal.SIGTERM)
    _, _, usage = os.wait4(pid, 0)
    os.close(fd)
    if elapsed != elapsed:
        raise RuntimeError(f"{argv}: marker {marker!r} never appeared; output: {seen[-500:]!r}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--home", help="TUTOR_HOME to use (default: a new empty one)")
    parser.add_argument("--label", default="tutor (empty store)")
    args = parser.parse_args()

    tutor = shutil.which("tutor")
    if tutor is None:
        print("bench_startup: `tutor` is not on PATH (pip install . first)", file=sys.stderr)
        return 2
    home = args.home or tempfile.mkdtemp(prefix="tutor-bench-")
    env = {**os.environ, "TERM": "xterm-256color", "TUTOR_HOME": home, "TUTOR_LANG": "fr",
           "COLORTERM": "truecolor"}
    env.pop("TEXTUAL", None)
    programs = {
        "minimal Textual app (one Markdown page)": ([sys.executable, str(HERE / "minimal_app.py")], b"Baseline page"),
        args.label: ([tutor], b"Modules du cours"),
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
    for name, (argv, marker) in programs.items():  # warm the OS file cache once
        measure(argv, marker, env)
    for _ in range(args.runs):
        for name, (argv, marker) in programs.items():
            results[name].append(measure(argv, marker, env))

    base_time = statistics.median(t for t, _ in results[next(iter(programs))])
    base_mem = statistics.median(m for _, m in results[next(iter(programs))])
    print(f"{args.runs} runs each, 80x24 pty, Python {sys.version.split()[0]}\n")
    print("| program | first screen (median) | min–max | peak RSS (median) | vs minimal |")
    print("|---|---|---|---|---|")
    for name, samples in results.items():
        times = [t for t, _ in samples]
        mems = [m for _, m in samples]
        t_med, m_med = statistics.median(times), statistics.median(mems)
        print(f"| {name} | {t_med * 1000:.0f} ms | {min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms "
              f"| {m_med:.1f} MiB | time ×{t_med / base_time:.2f}, memory ×{m_med / base_mem:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
