"""Speed of the transfer-learning lab on one core: a default run and every shipped scenario.

Pins the process to one CPU and sets OPENBLAS_NUM_THREADS / OMP_NUM_THREADS / MKL_NUM_THREADS
to 1 before numpy is imported. Measures (median of --repeat runs):
  - opening the lab: importing tutor.lab.train (numpy included) in a fresh interpreter;
  - a default run (LabSettings()), pre-training included: the cache is cleared before each run
    (target: under 2 s);
  - the same run with the pre-trained model already in memory (a second run, a comparison);
  - each scenario (both runs and the claim), cold cache and warm cache.
Prints a Markdown table.

Usage: python bench/bench_lab.py [--repeat N]
"""

from __future__ import annotations

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_DEFAULT_RUN = 2.0


def pin_to_one_core() -> str:
    """Restrict this process (and the interpreters it starts) to one CPU; describe what was done."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here)"


def median_time(action: Callable[[], object], repeat: int, before: Callable[[], object] | None = None) -> float:
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_time(repeat: int) -> float:
    code = "import time; t = time.perf_counter(); import tutor.lab.train; print(time.perf_counter() - t)"
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measure (median), default 5")
    args = parser.parse_args()
    repeat = max(1, args.repeat)
    pinned = pin_to_one_core()

    opening = import_time(repeat)
    from tutor.lab.scenarios import SCENARIOS, run_scenario
    from tutor.lab.settings import LabSettings
    from tutor.lab.train import clear_cache, pretrain, run

    default = LabSettings()
    cold = median_time(lambda: run(default), repeat, clear_cache)
    pretrain(default.seed)
    warm = median_time(lambda: run(default), repeat)
    pre = median_time(lambda: pretrain(0), repeat, clear_cache)

    rows = [
        ("open the lab (import numpy + trainer)", opening, ""),
        ("pre-training alone (4,000 articles, 6 epochs)", pre, ""),
        (f"default run, pre-training included (target < {TARGET_DEFAULT_RUN:g} s)", cold,
         "ok" if cold < TARGET_DEFAULT_RUN else "TOO SLOW"),
        ("default run, pre-trained model cached", warm, ""),
    ]
    claims = []
    for name, scenario in SCENARIOS.items():
        scenario_cold = median_time(lambda s=scenario: run_scenario(s), repeat, clear_cache)
        pretrain(scenario.a.seed)
        scenario_warm = median_time(lambda s=scenario: run_scenario(s), repeat)
        result = run_scenario(scenario)
        claims.append((name, result.claim.holds if result.claim else None, result.claim.en if result.claim else ""))
        runs = "A+B" if scenario.b is not None else "A"
        rows.append((f"scenario {name} ({runs}), cold cache", scenario_cold, ""))
        rows.append((f"scenario {name} ({runs}), cached", scenario_warm, ""))

    print(f"Transfer-learning lab, one core ({pinned}, BLAS threads 1), median of {repeat}; "
          f"Python {sys.version.split()[0]}.")
    print()
    print("| measure | seconds | |")
    print("|---|---:|---|")
    for label, seconds, note in rows:
        print(f"| {label} | {seconds:.3f} | {note} |")
    print()
    print("| scenario | claim holds | measured |")
    print("|---|---|---|")
    for name, holds, text in claims:
        print(f"| {name} | {'yes' if holds else 'NO'} | {text} |")
    return 0 if cold < TARGET_DEFAULT_RUN and all(h for _, h, _ in claims) else 1


if __name__ == "__main__":
    raise SystemExit(main())
