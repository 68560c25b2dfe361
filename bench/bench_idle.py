"""Many `tutor` sessions idle on a lesson at once: CPU and memory per session and in total.

A lab host runs one `tutor` per learner, mostly idle while they read. This starts N sessions
(default 30), each in its own pseudo-terminal of 80×24 with TERM=xterm-256color, all under one
TUTOR_HOME with a learner name each (lab01, lab02, ...), as on a shared lab account. It waits until
every session shows the home screen, sends Enter (opens the module at its first section), waits
until every session shows the lesson, lets them settle, then leaves them idle for the measuring
window (default 30 s) while draining their output, as a terminal would.

Per session, from /proc: CPU time over the window as a percentage of one core (the run time in
nanoseconds of every thread, /proc/PID/task/*/schedstat; the main thread, which runs the asyncio loop
with Textual's timers, apart from the others), and how often threads woke up; resident memory at the
end (VmRSS), peak (VmHWM) and proportional share (Pss: shared pages of the interpreter and libraries
divided among the sessions); bytes written to the terminal during the window (a session that
repaints while nothing changes writes here).

    python bench/bench_idle.py [--sessions 30] [--idle 30] [--settle 3] [--lang fr] [--home DIR]

Targets: an idle session uses under 0.5 % of a core and under 60 MiB.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
HOME_MARKER = {"fr": re.compile(rb"Modules du cours"), "en": re.compile(rb"Course modules")}
# The lesson screen's title bar: "<module> · 1/7 (non lue)", drawn in one run of text (the home
# screen shows "0/7 sections lues").
LESSON_MARKER = re.compile(rb"\b1/\d+\b")
TARGET_CPU_PERCENT = 0.5
TARGET_RSS_MIB = 60.0


@dataclass
class Session:
    """One `tutor` in its pseudo-terminal."""

    learner: str
    pid: int
    fd: int
    seen: bytearray = field(default_factory=bytearray)
    output_bytes: int = 0
    alive: bool = True
    trace: list[tuple[float, bytes]] | None = None

    def drain(self) -> None:
        """Read what is waiting on the terminal (the session would block on a full one otherwise)."""
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            self.alive = False
            return
        if not chunk:
            self.alive = False
            return
        self.output_bytes += len(chunk)
        if self.trace is not None:
            self.trace.append((time.monotonic(), chunk))
        self.seen += chunk
        del self.seen[:-65536]  # keep the tail only


def spawn(argv: list[str], env: dict[str, str], learner: str) -> Session:
    """Start `argv` in a new 80×24 pseudo-terminal."""
    pid, fd = pty.fork()
    if pid == 0:  # child: size the terminal before the app asks for it
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.execvpe(argv[0], [*argv, "--learner", learner], env)
        finally:
            os._exit(127)
    return Session(learner, pid, fd)


def pump(sessions: list[Session], seconds: float) -> None:
    """Drain every session's terminal for `seconds`."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        live = {s.fd: s for s in sessions if s.alive}
        if not live:
            return
        ready, _, _ = select.select(list(live), [], [], min(left, 0.5))
        for fd in ready:
            live[fd].drain()


def wait_for(sessions: list[Session], marker: re.Pattern[bytes], timeout: float, what: str) -> float:
    """Drain until every session has shown `marker`; return the seconds it took."""
    start = time.monotonic()
    for session in sessions:
        session.seen.clear()
    while True:
        waiting = [s for s in sessions if not marker.search(s.seen)]
        if not waiting:
            return time.monotonic() - start
        dead = [s for s in waiting if not s.alive]
        if dead or time.monotonic() - start > timeout:
            culprit = (dead or waiting)[0]
            tail = bytes(culprit.seen[-400:]).decode("utf-8", "replace")
            raise RuntimeError(f"{len(waiting)} session(s) never showed {what} ({marker.pattern!r}); "
                               f"{culprit.learner} ended with: {tail!r}")
        pump(waiting, 0.2)


@dataclass(frozen=True)
class CpuSample:
    """CPU time so far of one process: all threads, and its main thread (the asyncio loop)."""

    seconds: float
    main_seconds: float
    wakeups: int  # times a thread of the process was scheduled in (schedstat's third field)
    main_wakeups: int


def cpu_sample(pid: int) -> CpuSample:
    """Nanosecond run times from /proc/PID/task/*/schedstat; utime + stime ticks where schedstat is absent."""
    total = main = wakeups = main_wakeups = 0
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/schedstat", encoding="ascii") as handle:
                run_ns, _, slices = (int(x) for x in handle.read().split()[:3])
            total += run_ns
            wakeups += slices
            if int(tid) == pid:
                main, main_wakeups = run_ns, slices
        return CpuSample(total / 1e9, main / 1e9, wakeups, main_wakeups)
    except (OSError, ValueError):
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        seconds = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # fields 14 and 15 of proc(5)
        return CpuSample(seconds, float("nan"), 0, 0)


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM (from status) and Pss (from smaps_rollup), in KiB."""
    values: dict[str, int] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    values["Pss"] = int(line.split()[1])
    except OSError:
        values["Pss"] = values.get("VmRSS", 0)
    return values


def stop(sessions: list[Session]) -> None:
    """SIGTERM every session (the app saves and exits), then reap; SIGKILL whatever lingers."""
    for session in sessions:
        try:
            os.kill(session.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 10
    remaining = {s.pid: s for s in sessions}
    while remaining and time.monotonic() < deadline:
        pump(list(remaining.values()), 0.1)
        for pid in list(remaining):
            if os.waitpid(pid, os.WNOHANG)[0]:
                del remaining[pid]
    for pid in remaining:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    for session in sessions:
        os.close(session.fd)


def mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


def main() -> int:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30, help="sessions at once (30)")
    parser.add_argument("--idle", type=float, default=30.0, help="seconds of the measured idle window (30)")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after the lesson appears (3)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    parser.add_argument("--home", help="TUTOR_HOME shared by the sessions (default: a new empty one)")
    parser.add_argument("--trace", action="store_true",
                        help="print what the first session writes during the idle window, with times")
    parser.add_argument("--command", default=f"{sys.executable} -m tutor",
                        help="how to start tutor (default: this Python, -m tutor)")
    args = parser.parse_args()

    home = Path(args.home) if args.home else Path(tempfile.mkdtemp(prefix="tutor-idle-"))
    env = {**os.environ, "TUTOR_HOME": str(home), "TERM": "xterm-256color", "COLORTERM": "truecolor",
           "LANG": "C.UTF-8"}
    for variable in ("TEXTUAL", "TUTOR_LEARNER", "TUTOR_LANG", "COLUMNS", "LINES"):
        env.pop(variable, None)
    argv = [*args.command.split(), "--lang", args.lang]

    started = time.monotonic()
    sessions = [spawn(argv, env, f"lab{i:02d}") for i in range(1, args.sessions + 1)]
    try:
        to_home = wait_for(sessions, HOME_MARKER[args.lang], 180, "the home screen")
        for session in sessions:
            os.write(session.fd, b"\r")
        to_lesson = wait_for(sessions, LESSON_MARKER, 60, "the lesson")
        pump(sessions, args.settle)

        for session in sessions:
            session.output_bytes = 0
        if args.trace:
            sessions[0].trace = []
        before = {s.pid: cpu_sample(s.pid) for s in sessions}
        window_start = time.monotonic()
        pump(sessions, args.idle)
        window = time.monotonic() - window_start
        for moment, chunk in sessions[0].trace or []:
            print(f"trace {sessions[0].learner} +{moment - window_start:6.2f} s: {chunk!r}", file=sys.stderr)
        after = {s.pid: cpu_sample(s.pid) for s in sessions}
        memory = {s.pid: memory_kib(s.pid) for s in sessions}
        written = [s.output_bytes for s in sessions]  # before stop(): quitting writes too
        if not all(s.alive for s in sessions):
            raise RuntimeError("a session ended during the idle window")
    finally:
        stop(sessions)
        if not args.home:
            shutil.rmtree(home, ignore_errors=True)

    cpu = [100 * (after[s.pid].seconds - before[s.pid].seconds) / window for s in sessions]
    cpu_main = [100 * (after[s.pid].main_seconds - before[s.pid].main_seconds) / window for s in sessions]
    cpu_other = [total - main for total, main in zip(cpu, cpu_main, strict=True)]
    wake_main = [(after[s.pid].main_wakeups - before[s.pid].main_wakeups) / window for s in sessions]
    wake_other = [(after[s.pid].wakeups - before[s.pid].wakeups) / window - main
                  for s, main in zip(sessions, wake_main, strict=True)]
    rss = [memory[s.pid]["VmRSS"] for s in sessions]
    hwm = [memory[s.pid]["VmHWM"] for s in sessions]
    pss = [memory[s.pid]["Pss"] for s in sessions]
    n = len(sessions)

    print(f"{n} sessions ({' '.join(argv)}, 80×24, one TUTOR_HOME, a learner each); all on the home "
          f"screen after {to_home:.1f} s, on the lesson {to_lesson:.1f} s after Enter; idle window "
          f"{window:.1f} s.\n")
    print("| per session | median | max | total (all sessions) |")
    print("|---|---|---|---|")
    print(f"| CPU while idle (% of one core) | {statistics.median(cpu):.3f} % | {max(cpu):.3f} % | "
          f"{sum(cpu):.2f} % |")
    print(f"| … main thread (asyncio loop: timers, repaints) | {statistics.median(cpu_main):.3f} % | "
          f"{max(cpu_main):.3f} % | {sum(cpu_main):.2f} % |")
    print(f"| … other threads (Textual's input thread) | {statistics.median(cpu_other):.3f} % | "
          f"{max(cpu_other):.3f} % | {sum(cpu_other):.2f} % |")
    print(f"| wake-ups per second, main thread / others | {statistics.median(wake_main):.1f} / "
          f"{statistics.median(wake_other):.1f} | {max(wake_main):.1f} / {max(wake_other):.1f} | — |")
    print(f"| resident memory (VmRSS) | {mib(statistics.median(rss))} | {mib(max(rss))} | {mib(sum(rss))} |")
    print(f"| peak resident memory (VmHWM) | {mib(statistics.median(hwm))} | {mib(max(hwm))} | — |")
    print(f"| proportional memory (Pss) | {mib(statistics.median(pss))} | {mib(max(pss))} | {mib(sum(pss))} |")
    print(f"| bytes written to the terminal while idle | {statistics.median(written):.0f} | {max(written)} | "
          f"{sum(written)} |")
    cpu_ok = max(cpu) < TARGET_CPU_PERCENT
    rss_ok = max(hwm) / 1024 < TARGET_RSS_MIB
    print(f"\nTargets: idle CPU < {TARGET_CPU_PERCENT} % of a core per session: "
          f"{'met' if cpu_ok else 'NOT met'} (max {max(cpu):.2f} %); memory < {TARGET_RSS_MIB:.0f} MiB per "
          f"session: {'met' if rss_ok else 'NOT met'} (max peak {mib(max(hwm))}).")
    print(f"Wall time of the whole run: {time.monotonic() - started:.0f} s.")
    return 0 if cpu_ok and rss_ok else 1


if __name__ == "__main__":
    sys.exit(main())
