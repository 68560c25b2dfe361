"""The class dashboard under a class answering at once: its CPU, and the delay from an answer to its display.

A lab of N learners (default 60) takes an exam; every `--period` seconds they all answer a question
at the same moment (`--waves` times). Each learner is what a learner's tutor is: their own SQLite
progress store, and a `Publisher` thread (tutor.classroom.publish) that publishes after each
answer, exactly as the quiz's write queue asks it to. The learners run in `--workers` processes;
the dashboard (`ClassApp`, headless at 80×24, watching the directory through inotify) runs in a
process of its own, so its CPU is its own.

Measured, in the dashboard's process (from /proc): CPU time over the waves as a share of one core,
and while idle (nothing published for `--idle` seconds); the views built and the files read. Per
answer: the delay from the moment it was recorded in the learner's store (its `answered_at`) to the
moment the dashboard had drawn a view showing it (median, 95th percentile, worst), and how many
answers were shown at all; per burst of changes, the dashboard's own work (reading the files that
changed, building the view, filling the tables). On the learners' side: how long `Publisher.request()` took (what an
answer waits for), and how long a publication took in the background.

    python bench/bench_class.py [--learners 60] [--waves 20] [--period 3] [--workers 4] [--idle 10]

Targets: every answer shown; median delay under 0.5 s and 95th percentile under 1 s with 60
learners; the dashboard under 10 % of a core while they answer and under 0.5 % idle;
`request()` under 0.1 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
QUESTIONS = 50  # more than any run's waves: every wave answers a new question


def cpu_seconds(pid: int) -> float:
    """utime + stime of every thread of `pid` so far (/proc/PID/stat), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


# -- the dashboard's process ---------------------------------------------------------------------------


def run_dashboard(directory: Path, log: Path) -> None:
    """ClassApp, headless: after each view drawn, log when and the newest answer it shows per learner."""
    from tutor.ui.class_app import ClassApp

    me = os.geteuid()

    class LoggedApp(ClassApp):
        def refresh_view(self, changed: set[str] | tuple[str, ...]) -> None:
            views, began = self.views, time.perf_counter()
            super().refresh_view(changed)
            if self.views == views:
                return
            shown, took = time.time(), time.perf_counter() - began
            newest = {r.login: max((a.at for att in r.attempts for a in att.answers), default=0.0)
                      for r in self.view.learners}
            with log.open("a", encoding="utf-8") as out:
                out.write(json.dumps({"shown": shown, "took": took, "changed": len(changed), "newest": newest,
                                      "reads": self.reader.reads}) + "\n")

    async def main() -> None:
        # Every login is the benchmark's own user: the owner check costs what pwd would, the rest is real.
        app = LoggedApp(directory, "en", theme="tutor-dark", uid_of=lambda login: me)
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)  # no polling of our own
        async with app.run_test(size=(80, 24)) as pilot:
            while not app.watch_ready:
                await pilot.pause(0.05)
            with log.open("a", encoding="utf-8") as out:
                out.write(json.dumps({"ready": time.time()}) + "\n")
            await stop.wait()

    asyncio.run(main())


# -- the learners' processes ---------------------------------------------------------------------------


def run_learners(directory: Path, home: Path, logins: list[str], start: float, waves: int, period: float,
                 results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """Learners answering one question per wave, all at `start + k * period`; their timings to `results`."""
    from tutor.classroom.publish import Publisher
    from tutor.store.sqlite import SQLiteStore

    stores, publishers, attempts = [], [], []
    for login in logins:
        path = home / f"{login}.sqlite3"
        store, _ = SQLiteStore.open(path, "en")
        stores.append(store)
        attempts.append(store.start_attempt(
            bank="fine-tuning", module="fine-tuning", kind="quiz", mode="exam", lang="en", seed=1, settings={},
            question_ids=[f"q{n}" for n in range(QUESTIONS)], time_limit=3600.0, pass_mark=70.0))
        publishers.append(Publisher(directory, login, name=login, lang="en",
                                    open_store=lambda path=path: SQLiteStore.open(path, "en", recover=False)[0])
                          .start())
    requests: list[float] = []
    for wave in range(waves):
        time.sleep(max(0.0, start + wave * period - time.time()))
        for store, publisher, attempt in zip(stores, publishers, attempts, strict=True):
            store.record_answer(attempt, question_id=f"q{wave}", topic=("bert", "gpt", "sft")[wave % 3],
                                answer="a", earned=float(wave % 2), max_points=1.0, credit=float(wave % 2),
                                correct=wave % 2 == 1, hints=0, seconds=5.0)
            before = time.perf_counter()
            publisher.request()
            requests.append(time.perf_counter() - before)
    for publisher in publishers:
        publisher.wait_up_to_date(30.0)
    published = sum(p.published for p in publishers)
    for publisher, store in zip(publishers, stores, strict=True):
        publisher.close()
        store.close()
    results.put({"requests": requests, "published": published})


# -- the run ------------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=60)
    parser.add_argument("--waves", type=int, default=20)
    parser.add_argument("--period", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument("--dashboard", nargs=2, metavar=("DIR", "LOG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dashboard:
        run_dashboard(*(Path(p) for p in args.dashboard))
        return 0

    from tutor.classroom.directory import init_class_dir

    base = Path(tempfile.mkdtemp(prefix="tutor-bench-class-"))
    try:
        directory = init_class_dir(base / "class").path
        home = base / "learners"
        home.mkdir()
        log = base / "dashboard.log"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        dashboard = subprocess.Popen([sys.executable, __file__, "--dashboard", str(directory), str(log)], env=env)
        while not log.exists() or "ready" not in log.read_text(encoding="utf-8"):
            if dashboard.poll() is not None:
                raise SystemExit("the dashboard stopped before it was ready")
            time.sleep(0.1)
        time.sleep(2.0)  # the first frames drawn: idle from here
        idle_cpu = cpu_seconds(dashboard.pid)
        idle_from = time.monotonic()
        time.sleep(args.idle)
        idle_share = (cpu_seconds(dashboard.pid) - idle_cpu) / (time.monotonic() - idle_from)

        logins = [f"lab{n:02d}" for n in range(1, args.learners + 1)]
        start = time.time() + 3.0  # the workers open their stores and publish once before the first wave
        results: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
        workers = [multiprocessing.Process(target=run_learners, args=(
            directory, home, logins[index::args.workers], start, args.waves, args.period, results))
            for index in range(args.workers)]
        for worker in workers:
            worker.start()
        time.sleep(max(0.0, start - time.time()))
        busy_cpu, busy_from = cpu_seconds(dashboard.pid), time.monotonic()
        outcomes = [results.get(timeout=args.waves * args.period + 120) for _ in workers]
        for worker in workers:
            worker.join()
        time.sleep(2.0)  # the last wave reaches the screen
        busy_share = (cpu_seconds(dashboard.pid) - busy_cpu) / (time.monotonic() - busy_from)
        dashboard.send_signal(signal.SIGTERM)
        dashboard.wait(timeout=60)

        answers = report_delays(home, log, logins)
        requests = [r for outcome in outcomes for r in outcome["requests"]]
        entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
        views = [e for e in entries if "shown" in e]
        print(f"learners {args.learners}, waves {args.waves} every {args.period:g} s, "
              f"{len(answers)} answers recorded")
        delays = [delay for delay in answers if delay is not None]
        print(f"shown on the dashboard: {len(delays)}/{len(answers)}")
        if delays:
            print(f"answer → display: median {statistics.median(delays) * 1000:.0f} ms, "
                  f"p95 {percentile(delays, 0.95) * 1000:.0f} ms, worst {max(delays) * 1000:.0f} ms")
        print(f"dashboard CPU: {busy_share * 100:.1f} % of a core while answering, "
              f"{idle_share * 100:.2f} % idle ({args.idle:g} s)")
        print(f"views built: {len(views)}, files read: {views[-1]['reads'] if views else 0}, "
              f"publications: {sum(o['published'] for o in outcomes)}")
        bursts = [v for v in views if v["changed"]]
        if bursts:
            print(f"per burst: {statistics.median(v['changed'] for v in bursts):.0f} files changed (median); "
                  f"read + view + draw {statistics.median(v['took'] for v in bursts) * 1000:.1f} ms median, "
                  f"{max(v['took'] for v in bursts) * 1000:.1f} ms worst")
        print(f"Publisher.request(): median {statistics.median(requests) * 1e6:.1f} µs, "
              f"worst {max(requests) * 1e6:.1f} µs")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


def report_delays(home: Path, log: Path, logins: list[str]) -> list[float | None]:
    """Per answer recorded in a learner's store: seconds until a drawn view showed it (None: never shown)."""
    from tutor.store.sqlite import SQLiteStore

    views = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    views = [v for v in views if "shown" in v]
    delays: list[float | None] = []
    for login in logins:
        store, _ = SQLiteStore.open(home / f"{login}.sqlite3", "en", recover=False)
        try:
            answered = [a.answered_at for attempt in store.attempts() for a in attempt.answers]
        finally:
            store.close()
        for at in answered:
            shown = next((v["shown"] for v in views if v["newest"].get(login, 0.0) >= at - 1e-6), None)
            delays.append(None if shown is None else shown - at)
    return delays


if __name__ == "__main__":
    raise SystemExit(main())
