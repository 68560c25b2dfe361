"""The real `tutor` in a pseudo-terminal when its store cannot be written, and signals that end it.

- M15 (6.8): SIGHUP or SIGTERM to the full-screen app whose database is read-only (`chattr +i`, which
  stops root too) used to be swallowed by a failing clock save: the app ran on as an orphan.
- L16 (6.3): `kill -INT` saves the exam clock, like SIGHUP.
- M14 (6.7): a plain-mode exam hung up and started again continues its attempt, answers and clock.
- M10 (3.24): a really full disk (a small tmpfs, when this machine lets us mount one) mid-exam.

Waits are on what the screen shows or the store holds, never on a length of time.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from tests.system.terminal import BOUND, Terminal, tutor_env
from tests.unit.test_plain_support import current_question, right_input
from tutor.store.sqlite import SQLiteStore

TUTOR = Path(sys.executable).with_name("tutor")
EXAM = ("quiz", "--exam", "--count", "4", "--seed", "7", "--time-limit", "10")


def database(home: Path) -> Path:
    return home / "data" / "learners" / "kim.sqlite3"


def make_store(home: Path) -> Path:
    """An empty store for kim, closed (so its WAL is folded back into the file)."""
    path = database(home)
    store, _ = SQLiteStore.open(path)
    store.close()
    return path


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    """`chattr +i` on `path` (root can no longer write it); skips when the filesystem says no."""
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not possible here: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def stored(path: Path, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


def exits(term: Terminal) -> tuple[int | None, str]:
    """Wait (bounded) for the program to end; fail, and kill it, when it runs on (an orphan)."""
    deadline = time.monotonic() + BOUND
    while term.child.isalive() and time.monotonic() < deadline:
        term._read(0.2)  # keep draining its output meanwhile
    if term.child.isalive():
        term.child.kill(signal.SIGKILL)
        raise AssertionError(f"still running {BOUND:.0f} s after the signal; the screen shows:\n{term.text()}")
    assert term.child.signalstatus is None, "ended by the signal itself, not by the app"
    return term.finish()


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["sighup", "sigterm"])
def test_the_app_ends_on_a_signal_even_when_its_store_cannot_be_written(tmp_path: Path, signum: int) -> None:
    """M15 (6.8): an exam resumed on a read-only database, then the signal: the clock cannot be saved."""
    term = Terminal(str(TUTOR), list(EXAM), tutor_env(tmp_path, "en"))
    term.wait_for("Question 1/4")
    term.send("a", "\r")
    term.wait_for("Question 2/4")
    term.child.kill(signal.SIGHUP)
    status, output = exits(term)
    assert status == 0
    path = database(tmp_path)
    with immutable(path):
        again = Terminal(str(TUTOR), list(EXAM), tutor_env(tmp_path, "en"))
        again.wait_for("Question 2/4")  # the same exam: resumed, nothing written yet
        again.child.kill(signum)
        status, output = exits(again)
    assert "Traceback" not in output and "unexpected error" not in output
    assert status == 1  # the clock could not be saved, and the exit status says so
    if signum == signal.SIGTERM:  # the terminal is still there: it says what was lost
        flat = re.sub(r"\s+", " ", output)
        assert ("tutor: 1 other change (clock, reading, reviews) could not be saved (the progress database is "
                "read-only): it is lost.") in flat
    assert stored(path, "SELECT COUNT(*), SUM(state = 'open') FROM attempts") == [(1, 1)]
    assert stored(path, "SELECT COUNT(*) FROM answers") == [(1,)]


def time_left(term: Terminal) -> int | None:
    """The exam's time left on screen, in seconds."""
    found = re.search(r"time left (\d+):(\d\d)", term.flat())
    return int(found[1]) * 60 + int(found[2]) if found else None


def test_sigint_saves_the_exam_clock(tmp_path: Path) -> None:
    term = Terminal(str(TUTOR), list(EXAM), tutor_env(tmp_path, "en"))
    term.wait_for("Question 1/4")
    term.send("a", "\r")
    term.wait_for("Question 2/4")
    path = database(tmp_path)
    answered = float(str(stored(path, "SELECT elapsed FROM attempts")[0][0]))  # saved with the answer
    term.wait(lambda: time_left(term) is not None, "the time left")
    shown = time_left(term)
    assert shown is not None
    # Two seconds less on screen: more than a second of exam time since the answer, and the
    # periodic save (every 5 s) has not run, so only the signal can have saved it.
    term.wait(lambda: (time_left(term) or shown) <= shown - 2, "two seconds to pass on the exam clock")
    term.child.kill(signal.SIGINT)
    status, output = exits(term)
    assert status == 0 and "Traceback" not in output
    (state, elapsed), = stored(path, "SELECT state, elapsed FROM attempts")
    assert state == "open" and float(elapsed) > answered + 1  # type: ignore[arg-type]


def plain_exam(home: Path) -> pexpect.spawn:
    env = tutor_env(home, "en")
    return pexpect.spawn(str(TUTOR), ["quiz", "--plain", "--exam", "--count", "3", "--seed", "7", "--time-limit",
                                      "10"], env=env, dimensions=(24, 80), timeout=30, encoding="utf-8",
                         codec_errors="replace")


def test_a_plain_exam_hung_up_and_started_again_continues(tmp_path: Path) -> None:
    """M14 (6.7): the same attempt, its answers and its clock; never a second attempt with full time."""
    child = plain_exam(tmp_path)
    child.expect("Question 1/3")
    child.expect("Answer: ")
    path = database(tmp_path)
    store, _ = SQLiteStore.open(path)
    try:
        child.sendline(right_input(*current_question(store)))
        child.expect("Answer recorded.")
        child.expect("Question 2/3")
        child.expect("Answer: ")
        child.kill(signal.SIGHUP)
        child.expect(pexpect.EOF)
        child.wait()
        assert child.exitstatus == 0 and "Traceback" not in (child.before or "")
        (attempt_id, elapsed), = stored(path, "SELECT id, elapsed FROM attempts WHERE state = 'open'")
        again = plain_exam(tmp_path)
        again.expect("This exam was already started")
        again.expect(r"Exam resumed: 1 of 3 already answered, (\d\d):(\d\d) left\.")
        left = int(again.match[1]) * 60 + int(again.match[2])
        assert left <= 600 - int(float(str(elapsed)))  # the time already used is not given back
        again.expect("Question 2/3")
        again.expect("Answer: ")
        again.sendline(right_input(*current_question(store)))
        again.expect("Answer recorded.")
        again.expect("Answer: ")
        again.sendline("q")
        again.expect(pexpect.EOF)
        again.wait()
        assert again.exitstatus == 0
    finally:
        store.close()
    assert stored(path, "SELECT id, state FROM attempts") == [(attempt_id, "open")]
    assert stored(path, "SELECT COUNT(*) FROM answers") == [(2,)]


@contextlib.contextmanager
def small_tmpfs(where: Path) -> Iterator[Path]:
    """A 16 MiB tmpfs at `where` (skips when mounting is not permitted here)."""
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(where)], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs to fill: {done.stderr.strip() or done.returncode}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path) -> Path:
    """Fill `disk` to the last byte with one file; return it (remove it to free the space)."""
    filler = disk / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 1 << 16, 1 << 12, 1 << 9, 1):
            block = b"\0" * size
            while True:
                try:
                    os.write(descriptor, block)
                except OSError as error:
                    assert error.errno == errno.ENOSPC
                    break
    finally:
        os.close(descriptor)
    return filler


def test_a_full_disk_mid_exam_keeps_the_answer_and_writes_it_when_space_returns(tmp_path: Path) -> None:
    """M10 (3.24): a real full disk; the answer is kept, said so, and written once space is back."""
    with small_tmpfs(tmp_path / "disk") as home:
        child = plain_exam(home)
        child.expect("Question 1/3")
        child.expect("Answer: ")
        path = database(home)
        store, _ = SQLiteStore.open(path)
        try:
            question = current_question(store)
            filler = fill(home)
            child.sendline(right_input(*question))
            child.expect("Your answer could not be saved: the disk is full. It is kept")
            child.expect("Question 2/3")
            child.expect("Answer: ")
            second = current_question(store)  # still the first question for the store
            assert second[0].id == question[0].id
            os.unlink(filler)
            session = second[1]
            following = next(q for q in session.questions if q.id not in session.answers and q.id != question[0].id)
            child.sendline(right_input(following, session))
            child.expect("Answer recorded.")
            child.expect("Answer: ")
            child.sendline("q")
            child.expect(pexpect.EOF)
            child.wait()
            assert child.exitstatus == 0 and "Traceback" not in (child.before or "")
        finally:
            store.close()
        answers = stored(path, "SELECT question_id FROM answers ORDER BY rowid")
        assert [a for (a,) in answers] == [question[0].id, following.id]
