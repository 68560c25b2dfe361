"""Several tutor processes of one learner write at once: no error, no lost write, no damage."""

from __future__ import annotations

import multiprocessing
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tutor.store.sqlite import SQLiteStore

PROCESSES = 6
ANSWERS = 100


def write_answers(path: str, worker: int, answers: int, barrier: Any, results: Any) -> None:
    """One process: open the learner's store (it may not exist yet), answer, read, finish."""
    try:
        barrier.wait()  # every process starts at once, on a database that does not exist yet
        store, _ = SQLiteStore.open(Path(path))
        attempt = store.start_attempt(
            bank="fine-tuning", module="fine-tuning", kind="quiz", mode="practice", lang="en", seed=worker,
            settings={"worker": worker}, question_ids=[f"q{i}" for i in range(answers)], time_limit=None,
            pass_mark=70.0,
        )
        for index in range(answers):
            store.record_answer(
                attempt, question_id=f"q{index}", topic="bert", answer=f"w{worker}", earned=1.0, max_points=1.0,
                credit=1.0, correct=index % 3 != 0, hints=0, seconds=0.1,
            )
            if index % 10 == 0:
                store.update_elapsed(attempt, index)
                store.mark_read("fine-tuning", f"s{worker}-{index}")
                store.open_attempts()  # readers interleave with writers, as the home screen would
        store.finish_attempt(attempt, float(answers))
        store.close()
        results.put((worker, ""))
    except Exception as error:  # reported to the test rather than lost in the child
        results.put((worker, f"{type(error).__name__}: {error}"))


def test_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "learners" / "same.sqlite3"
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    workers = [
        context.Process(target=write_answers, args=(str(path), w, ANSWERS, barrier, results)) for w in range(PROCESSES)
    ]
    for process in workers:
        process.start()
    outcomes = [results.get(timeout=60) for _ in workers]
    for process in workers:
        process.join(timeout=10)
    assert [error for _, error in outcomes if error] == []
    assert all(process.exitcode == 0 for process in workers)

    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    store, notice = SQLiteStore.open(path)
    assert notice is None
    attempts = store.attempts()
    assert len(attempts) == PROCESSES and {a.state for a in attempts} == {"finished"}
    assert sorted(len(a.answers) for a in attempts) == [ANSWERS] * PROCESSES
    assert all({r.answer for r in a.answers} == {f"w{a.seed}"} for a in attempts)
    assert sum(s.attempts for s in store.question_stats()) == PROCESSES * ANSWERS
    assert len(store.sections_read("fine-tuning")) == PROCESSES * (ANSWERS // 10)
    store.close()


def test_two_connections_interleave(tmp_path: Path, open_test_store: Callable[[Path], SQLiteStore]) -> None:
    path = tmp_path / "me.sqlite3"
    one = open_test_store(path)  # two windows of one learner on one host (both backends)
    two = open_test_store(path)
    first = one.start_attempt(bank="b", module="m", kind="quiz", mode="practice", lang="fr", seed=1, settings={},
                              question_ids=["q"], time_limit=None, pass_mark=70.0)
    assert [a.id for a in two.open_attempts()] == [first]  # seen at once by the other window
    two.finish_attempt(first, 5.0, state="abandoned")
    assert one.open_attempts() == [] and one.attempt(first).state == "abandoned"  # type: ignore[union-attr]
