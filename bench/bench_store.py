"""The progress store under load: many processes of one learner, size on disk, start-up reads.

1. P processes (default 50) of the same learner, all against one TUTOR_HOME, each open the store
   and record A answers (default 200) to its own attempt, one transaction per answer, released
   together by a barrier. Counted afterwards: errors, rows lost, wall time, answer latency.
2. The size of that database (10,000 answers with the defaults) once closed.
3. Start-up: opening the store and reading what the home screen needs (last_module,
   sections_read_all, review_counts, open_attempts), then closing it, median of many runs, on an
   empty store and on the loaded one (with 2 open attempts and 300 review cards added). Also the
   same in a fresh interpreter, including the import of tutor.store.sqlite.

Prints a Markdown table. Usage: python bench/bench_store.py [--processes 50] [--answers 200] [--runs 200]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LEARNER = "bench"

HOME_READS = """
import sys, time
start = time.perf_counter()
from pathlib import Path
from tutor.store.sqlite import SQLiteStore
store, _ = SQLiteStore.open(Path(sys.argv[1]))
store.last_module(); store.sections_read_all(); store.review_counts(); store.open_attempts()
store.close()
print(time.perf_counter() - start)
"""


def worker(home: str, index: int, answers: int, barrier: Any, results: Any) -> None:
    """One `tutor` process: open the learner's store, answer `answers` questions, finish."""
    os.environ["TUTOR_HOME"] = home
    import tutor.store.sqlite
    import tutor.store.sqlite_base
    from tutor.store.learners import database_path
    from tutor.store.sqlite import SQLiteStore

    # Count the transactions retried after SQLite's own busy timeout ran out.
    retries = [0]
    original = tutor.store.sqlite_base.backoff

    def counted(attempt: int) -> None:
        retries[0] += 1
        original(attempt)

    tutor.store.sqlite_base.backoff = counted
    tutor.store.sqlite.backoff = counted  # type: ignore[attr-defined]
    errors: list[str] = []
    latencies: list[float] = []
    try:
        store, _ = SQLiteStore.open(database_path(LEARNER))
        barrier.wait()
        attempt = store.start_attempt(
            bank="fine-tuning", module="fine-tuning", kind="quiz", mode="practice", lang="en", seed=index,
            settings={"count": answers}, question_ids=[f"q{i}" for i in range(answers)], time_limit=None,
            pass_mark=70.0,
        )
        for number in range(answers):
            start = time.perf_counter()
            store.record_answer(
                attempt, question_id=f"q{number}", topic=("bert", "gpt", "metrics")[number % 3],
                answer=["a", "c"] if number % 2 else "b", earned=float(number % 2), max_points=1.0,
                credit=float(number % 2), correct=bool(number % 2), hints=number % 3 == 0, seconds=4.2,
            )
            latencies.append(time.perf_counter() - start)
        # The last two attempts stay open: the home screen then has something to offer to resume.
        if index >= 2:
            store.finish_attempt(attempt, 300.0)
        store.close()
    except Exception as error:  # counted, not raised: the benchmark reports errors
        errors.append(f"{type(error).__name__}: {error}")
    results.put((index, errors, latencies, retries[0]))


def concurrent_writes(home: Path, processes: int, answers: int) -> dict[str, Any]:
    """Run the writers; return errors, rows found, wall time and latencies."""
    from tutor.store.learners import database_path
    from tutor.store.sqlite import SQLiteStore

    os.environ["TUTOR_HOME"] = str(home)
    SQLiteStore.open(database_path(LEARNER))[0].close()  # like a learner's first run, before the rush
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(processes + 1), context.Queue()
    children = [
        context.Process(target=worker, args=(str(home), i, answers, barrier, results)) for i in range(processes)
    ]
    for child in children:
        child.start()
    barrier.wait()  # every process has imported and opened the store: start the clock
    start = time.perf_counter()
    outcomes = [results.get() for _ in children]
    wall = time.perf_counter() - start
    for child in children:
        child.join()
    store, _ = SQLiteStore.open(database_path(LEARNER))
    rows = store._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    attempts = store._db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    integrity = store._db.execute("PRAGMA integrity_check").fetchone()[0]
    store.close()
    latencies = sorted(x for _, _, lat, _ in outcomes for x in lat)
    return {
        "errors": sum(len(o[1]) for o in outcomes), "messages": [m for o in outcomes for m in o[1]][:3],
        "retries": sum(o[3] for o in outcomes),
        "rows": rows, "expected": processes * answers, "attempts": attempts, "integrity": integrity, "wall": wall,
        "p50": latencies[len(latencies) // 2] if latencies else 0.0,
        "p99": latencies[int(len(latencies) * 0.99)] if latencies else 0.0,
        "max": latencies[-1] if latencies else 0.0,
    }


def add_review_cards(path: Path, count: int) -> None:
    """Review cards for `count` questions, due over the next weeks."""
    from tutor.store.sqlite import SQLiteStore

    store, _ = SQLiteStore.open(path)
    store.review_fuzz = False
    now = datetime.now(UTC)
    for index in range(count):
        store.schedule_review(f"q{index}", 1 + index % 4, now - timedelta(days=index % 30))
    store.close()


def home_reads(path: Path, runs: int) -> float:
    """Median seconds to open the store, read the home screen's data and close it (in-process)."""
    from tutor.store.sqlite import SQLiteStore

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        store, _ = SQLiteStore.open(path)
        store.last_module()
        store.sections_read_all()
        store.review_counts()
        store.open_attempts()
        store.close()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_home_reads(path: Path, runs: int) -> float:
    """Median of the same in a fresh interpreter, import of the store included."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = [
        float(subprocess.run([sys.executable, "-c", HOME_READS, str(path)], env=env, check=True,
                             capture_output=True, text=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times)


def size_of(path: Path) -> int:
    """Bytes of the database and any sidecar files."""
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def main() -> None:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=50)
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--runs", type=int, default=200, help="runs of the in-process start-up median")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-store-") as folder:
        home = Path(folder) / "home"
        total = time.perf_counter()
        load = concurrent_writes(home, options.processes, options.answers)
        from tutor.store.learners import database_path
        from tutor.store.sqlite import SQLiteStore
        from tutor.store.sqlite_base import BUSY_TIMEOUT_SECONDS

        loaded = database_path(LEARNER)
        size = size_of(loaded)
        add_review_cards(loaded, 300)
        empty = Path(folder) / "empty.sqlite3"
        SQLiteStore.open(empty)[0].close()
        warm = {name: home_reads(p, options.runs) for name, p in (("empty", empty), ("loaded", loaded))}
        cold = {name: cold_home_reads(p, 15) for name, p in (("empty", empty), ("loaded", loaded))}
        total = time.perf_counter() - total

    n = load["expected"]
    print(f"| Store benchmark ({options.processes} processes × {options.answers} answers) | Result |")
    print("|---|---|")
    print(f"| Errors | {load['errors']} |")
    print(f"| Answer rows found / written | {load['rows']:,} / {n:,} (lost: {n - load['rows']}) |")
    print(f"| Attempts found | {load['attempts']} |")
    print(f"| Integrity check | {load['integrity']} |")
    print(f"| Transactions retried after the {BUSY_TIMEOUT_SECONDS:.0f} s busy timeout | {load['retries']} |")
    print(f"| Wall time, all processes writing | {load['wall']:.2f} s ({n / load['wall']:,.0f} answers/s) |")
    print(f"| record_answer latency p50 / p99 / max | {load['p50'] * 1e3:.1f} / {load['p99'] * 1e3:.1f} / "
          f"{load['max'] * 1e3:.0f} ms |")
    print(f"| Database size after {n:,} answers | {size / 1024:,.0f} KiB ({size / max(n, 1):.0f} B/answer) |")
    print(f"| Open + home-screen reads, empty store (median of {options.runs}) | {warm['empty'] * 1e3:.2f} ms |")
    print(f"| Same, {n:,} answers + 300 review cards + 2 open attempts | {warm['loaded'] * 1e3:.2f} ms |")
    print(f"| Same in a new interpreter incl. import, empty / loaded (median of 15) | "
          f"{cold['empty'] * 1e3:.1f} / {cold['loaded'] * 1e3:.1f} ms |")
    print(f"\nTotal benchmark time: {total:.0f} s; Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s).")
    if load["messages"]:
        print("First errors: " + "; ".join(load["messages"]), file=sys.stderr)


if __name__ == "__main__":
    main()
