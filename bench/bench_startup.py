"""Start-up time and peak memory of `tutor` against a minimal Textual Markdown app, in one run.

Each program is started in a pseudo-terminal of 80×24 (as a learner's terminal would be); the
clock stops when a text of its first screen appears on the terminal. The program is then left
running for a moment (so memory includes the settled screen) and stopped; its peak resident
memory comes from the kernel's accounting of the child (ru_maxrss). The CPU time the program used
until its first screen (all its threads, from /proc/PID/task/*/schedstat) is read at the same moment:
on a busy machine it moves much less than the clock. Runs alternate between the programs so that
machine noise hits them alike; medians are reported.

    python bench/bench_startup.py [--runs 15] [--answers 10000] [--tutor PATH] [--compare LABEL=PATH ...]

Five programs are compared: the minimal app, `tutor` with an empty store, `tutor` with a
store holding --answers answers (in finished attempts, with review cards), which is what a
learner has after weeks of use, and two cold starts where the content cache does not exist yet:
`tutor` with an empty store whose cache directory is deleted before each run (the content is read,
checked and cached again), and `tutor` in a brand-new TUTOR_HOME each run (a learner's very first
start: no cache, no store, no settings). `--compare` adds another build of `tutor` (for before/after
figures measured in the same runs), started with an empty store, warm and with no cache yet.
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
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def populate(home: str, answers: int) -> None:
    """Give the learner `bench` a store with `answers` answers in finished attempts, and review cards."""
    import random
    import sys as _sys

    _sys.path.insert(0, str(HERE.parent))
    os.environ["TUTOR_HOME"] = home
    from tutor.store.learners import database_path
    from tutor.store.sqlite import SQLiteStore

    store, _ = SQLiteStore.open(database_path("bench"))
    rng = random.Random(1)
    per_attempt = 10
    for attempt_number in range(answers // per_attempt):
        ids = [f"q{rng.randrange(70)}-{attempt_number}-{i}" for i in range(per_attempt)]
        attempt = store.start_attempt(bank="fine-tuning", module="fine-tuning", kind="quiz", mode="practice",
                                      lang="fr", seed=attempt_number, settings={}, question_ids=ids,
                                      time_limit=None, pass_mark=70.0)
        for question_id in ids:
            right = rng.random() < 0.7
            store.record_answer(attempt, question_id=question_id, topic="metrics", answer="a",
                                earned=1.0 if right else 0.0, max_points=1.0, credit=1.0 if right else 0.0,
                                correct=right, hints=0, seconds=5.0)
        store.finish_attempt(attempt, 60.0)
    for index in range(300):
        store.schedule_review(f"q{index}", 1)
    store.close()


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by every thread of `pid` (nanosecond counters of the scheduler; 0 if unknown)."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat", encoding="ascii") as stream:
                total += int(stream.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    return total / 1e9


def measure(argv: list[str], marker: bytes, env: dict[str, str], settle: float = 0.5) -> tuple[float, float, float]:
    """(seconds to first screen, peak RSS in MiB, CPU seconds to first screen) of one run of `argv`."""
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    seen = b""
    elapsed = cpu = float("nan")
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
            cpu = cpu_seconds(pid)  # less sensitive than the clock to other work on the machine
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
    return elapsed, usage.ru_maxrss / 1024, cpu


def main() -> int:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--answers", type=int, default=10_000, help="answers in the loaded store")
    parser.add_argument("--tutor", default=shutil.which("tutor"), help="the tutor executable to measure")
    parser.add_argument("--compare", action="append", default=[], metavar="LABEL=PATH",
                        help="another tutor executable to measure in the same runs")
    args = parser.parse_args()

    tutor = args.tutor
    if tutor is None:
        print("bench_startup: `tutor` is not on PATH (pip install . first, or --tutor PATH)", file=sys.stderr)
        return 2
    homes: list[str] = []
    empty_home = tempfile.mkdtemp(prefix="tutor-bench-empty-")
    loaded_home = tempfile.mkdtemp(prefix="tutor-bench-loaded-")
    populate(loaded_home, args.answers)
    env = {**os.environ, "TERM": "xterm-256color", "TUTOR_LANG": "fr", "COLORTERM": "truecolor",
           "TUTOR_LEARNER": "bench"}
    env.pop("TEXTUAL", None)
    loaded_label = f"tutor ({args.answers:,} answers)"
    no_cache_home = tempfile.mkdtemp(prefix="tutor-bench-nocache-")
    fresh_root = tempfile.mkdtemp(prefix="tutor-bench-fresh-")
    fresh_home = os.path.join(fresh_root, "home")

    def dropper(home: str) -> Callable[[], None]:
        return lambda: shutil.rmtree(os.path.join(home, "cache"), ignore_errors=True)

    def new_home() -> None:
        shutil.rmtree(fresh_home, ignore_errors=True)

    minimal = [sys.executable, str(HERE / "minimal_app.py")]
    # name: (argv, marker, env, what to do before each run)
    programs: dict[str, tuple[list[str], bytes, dict[str, str], Callable[[], None] | None]] = {
        "minimal Textual app (one Markdown page)": (minimal, b"Baseline page", env, None),
        "tutor (empty store)": ([tutor], b"Modules du cours", {**env, "TUTOR_HOME": empty_home}, None),
        loaded_label: ([tutor], b"Modules du cours", {**env, "TUTOR_HOME": loaded_home}, None),
        "tutor (no content cache yet)": ([tutor], b"Modules du cours", {**env, "TUTOR_HOME": no_cache_home},
                                         dropper(no_cache_home)),
        "tutor (first start: new TUTOR_HOME)": ([tutor], b"Modules du cours", {**env, "TUTOR_HOME": fresh_home},
                                                new_home),
    }
    for extra in args.compare:
        label, _, path = extra.partition("=")
        warm_home, cold_home = tempfile.mkdtemp(prefix="tutor-bench-"), tempfile.mkdtemp(prefix="tutor-bench-")
        homes += [warm_home, cold_home]
        programs[f"tutor {label} (empty store)"] = ([path], b"Modules du cours", {**env, "TUTOR_HOME": warm_home},
                                                    None)
        programs[f"tutor {label} (no content cache yet)"] = (
            [path], b"Modules du cours", {**env, "TUTOR_HOME": cold_home}, dropper(cold_home))
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in programs}
    for argv, marker, program_env, prepare in programs.values():  # warm the OS file cache once
        if prepare is not None:
            prepare()
        measure(argv, marker, program_env)
    for _ in range(args.runs):
        for name, (argv, marker, program_env, prepare) in programs.items():
            if prepare is not None:
                prepare()
            results[name].append(measure(argv, marker, program_env))

    base = results[next(iter(programs))]
    base_time = statistics.median(t for t, _, _ in base)
    base_mem = statistics.median(m for _, m, _ in base)
    base_cpu = statistics.median(c for _, _, c in base)
    print(f"{args.runs} runs each, 80x24 pty, Python {sys.version.split()[0]}\n")
    print("| program | first screen (median) | min–max | CPU to first screen (median) | peak RSS (median) "
          "| vs minimal | paired |")
    print("|---|---|---|---|---|---|---|")
    for name, samples in results.items():
        times = [t for t, _, _ in samples]
        t_med = statistics.median(times)
        m_med = statistics.median(m for _, m, _ in samples)
        c_med = statistics.median(c for _, _, c in samples)
        # Each round runs every program once, one after the other: the median of the rounds' own
        # ratios cancels the slow drifts of a shared machine better than a ratio of medians.
        paired = statistics.median(t / b for (t, _, _), (b, _, _) in zip(samples, base, strict=True))
        print(f"| {name} | {t_med * 1000:.0f} ms | {min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms "
              f"| {c_med * 1000:.0f} ms | {m_med:.1f} MiB | time ×{t_med / base_time:.2f}, "
              f"CPU ×{c_med / base_cpu:.2f}, memory ×{m_med / base_mem:.2f} | ×{paired:.2f} |")
    empty = statistics.median(t for t, _, _ in results["tutor (empty store)"])
    loaded = statistics.median(t for t, _, _ in results[loaded_label])
    print(f"\nloaded store vs empty store: start-up ×{loaded / empty:.3f}")
    for root in (empty_home, loaded_home, no_cache_home, fresh_root, *homes):
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
