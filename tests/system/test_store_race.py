"""Twelve processes open the same damaged database at once, twenty times over (review probe 3.29, M12).

Every round the damaged original must be kept byte for byte under a name of its own, no opener may
fail, and every opener must end up in the one new database the winner started (each writes a row
there, and all twelve rows are found in it).
"""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
from pathlib import Path
from typing import Any

from tutor.store.sqlite import SQLiteStore

OPENERS = 12
ROUNDS = 20
PAGE = 4096


def damaged_copy(good: bytes, seed: int) -> bytes:
    """`good` with random bytes over pages 5–7 (even seeds) or over the header (odd ones)."""
    rnd = random.Random(seed)
    data = bytearray(good)
    if seed % 2 == 0:
        data[4 * PAGE:7 * PAGE] = rnd.randbytes(3 * PAGE)  # found by quick_check
    else:
        data[:100] = rnd.randbytes(100)  # "file is not a database" at the first statement
    return bytes(data)


def healthy_database(path: Path) -> bytes:
    store, _ = SQLiteStore.open(path, "en")
    attempt = store.start_attempt(bank="b", module="m", kind="quiz", mode="practice", lang="en", seed=1,
                                  settings={}, question_ids=[f"q{i}" for i in range(300)], time_limit=None,
                                  pass_mark=70.0)
    for index in range(300):
        store.record_answer(attempt, question_id=f"q{index}", topic="t", answer="x" * 40, earned=1.0,
                            max_points=1.0, credit=1.0, correct=True, hints=0, seconds=1.0)
    store.close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file, no WAL left
    connection.close()
    return path.read_bytes()


def opener(paths: list[str], worker: int, barrier: Any, results: Any) -> None:
    """One process: for each round, wait for the others, open the damaged store, write a row."""
    for number, path in enumerate(paths):
        try:
            barrier.wait(timeout=120)
            store, notice = SQLiteStore.open(Path(path), "en")
            store.mark_read("race", f"worker-{worker}")
            store.close()
            results.put((number, worker, "", notice.message if notice else ""))
        except Exception as error:  # noqa: BLE001 - reported to the test rather than lost in the child
            results.put((number, worker, f"{type(error).__name__}: {error}", ""))


def test_simultaneous_openers_keep_the_original_and_share_the_new_database(tmp_path: Path) -> None:
    good = healthy_database(tmp_path / "good.sqlite3")
    assert len(good) > 8 * PAGE
    originals, paths = [], []
    for number in range(ROUNDS):
        folder = tmp_path / f"round-{number}"
        folder.mkdir()
        originals.append(damaged_copy(good, number))
        paths.append(folder / "kim.sqlite3")
        paths[-1].write_bytes(originals[-1])

    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(OPENERS), context.Queue()
    workers = [context.Process(target=opener, args=([str(p) for p in paths], w, barrier, results))
               for w in range(OPENERS)]
    for process in workers:
        process.start()
    outcomes = [results.get(timeout=300) for _ in range(OPENERS * ROUNDS)]
    for process in workers:
        process.join(timeout=60)

    assert [o for o in outcomes if o[2]] == []  # no opener failed
    assert all(process.exitcode == 0 for process in workers)
    for number, path in enumerate(paths):
        kept = sorted(path.parent.glob("kim.sqlite3.corrupt-*"))
        main_files = [p for p in kept if not p.name.endswith(("-wal", "-shm"))]
        assert len(main_files) == 1, (number, kept)  # moved once, by one winner
        assert main_files[0].read_bytes() == originals[number], number  # byte for byte
        notices = [o[3] for o in outcomes if o[0] == number]
        assert sum("it was kept as" in n for n in notices) == 1, notices
        connection = sqlite3.connect(path)
        rows = connection.execute("SELECT section FROM sections_read WHERE module = 'race'").fetchall()
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        connection.close()
        assert sorted(rows) == sorted((f"worker-{w}",) for w in range(OPENERS)), number
