"""The real `tutor` through real pipes: plain mode works, and the full-screen app refuses a non-terminal."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pexpect

from tests.unit.test_plain_support import content, right_input
from tutor.quiz.session import QuizSession, QuizSettings

TIMEOUT = 30


def environment(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "TUTOR_HOME": str(home), "TUTOR_LANG": "en", "TUTOR_LEARNER": "kim", **extra}
    env.pop("TEXTUAL", None)
    return env


def tutor(home: Path, *args: str, stdin: str = "", **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args], input=stdin, capture_output=True,
        env=environment(home, **extra), text=True, encoding="utf-8", timeout=TIMEOUT, check=False,
    )


def database(home: Path) -> Path:
    return home / "data" / "learners" / "kim.sqlite3"


def test_plain_reader_through_a_pipe(tmp_path: Path) -> None:
    result = tutor(tmp_path, "--plain", stdin="r\nn\nq\nq\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = result.stdout
    total = len(content().course.module("fine-tuning", "en").sections)
    assert f"1. Read (r): section 1 of {total}, Transfer learning in NLP" in out
    assert f"Section 1 of {total}: Transfer learning in NLP" in out
    assert f"Section 2 of {total}: Types of fine-tuning" in out
    assert out.rstrip().endswith("Goodbye. Your progress is saved.")
    assert "\x1b" not in out
    with sqlite3.connect(database(tmp_path)) as db:
        read = {row[0] for row in db.execute("SELECT section FROM sections_read")}
    assert read == {"transfer-learning", "strategies"}


def test_plain_quiz_through_a_pipe(tmp_path: Path) -> None:
    settings = QuizSettings(bank="fine-tuning", count=3, seed=3)  # what `tutor quiz --seed 3 --count 3` asks
    session = QuizSession.build(content().quizzes, settings, "en")
    typed = "".join(right_input(q, session) + "\n" for q in session.questions)
    result = tutor(tmp_path, "quiz", "--plain", "--seed", "3", "--count", "3", stdin=typed)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Practice quiz: 3 questions." in out
    assert all(f"Question {n}/3 — " in out for n in (1, 2, 3))
    assert out.count("[OK] Correct.") == 3 and "[OK] PASSED" in out and "(100%)" in out
    with sqlite3.connect(database(tmp_path)) as db:
        rows = db.execute("SELECT state, kind FROM attempts").fetchall()
        answers = db.execute("SELECT COUNT(*), SUM(correct) FROM answers").fetchone()
    assert rows == [("finished", "quiz")] and answers == (3, 3)


def test_end_of_input_at_once_exits_0(tmp_path: Path) -> None:
    for args in (("--plain",), ("quiz", "--plain", "--count", "2"), ("review", "--plain")):
        result = tutor(tmp_path, *args, stdin="")
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert "Nothing to review yet" in tutor(tmp_path, "review", "--plain").stdout


def test_the_full_screen_app_through_a_pipe_gives_the_plain_mode_advice(tmp_path: Path) -> None:
    result = tutor(tmp_path, stdin="q\n")
    assert result.returncode == 2
    assert "tutor --plain" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_the_full_screen_app_on_a_dumb_terminal_gives_the_plain_mode_advice(tmp_path: Path) -> None:
    child = pexpect.spawn(sys.executable, ["-m", "tutor"], env=environment(tmp_path, TERM="dumb"),
                          dimensions=(24, 80), timeout=TIMEOUT, encoding="utf-8")
    child.expect("tutor --plain")
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 2


def test_plain_mode_works_on_a_dumb_terminal(tmp_path: Path) -> None:
    child = pexpect.spawn(sys.executable, ["-m", "tutor", "--plain"], env=environment(tmp_path, TERM="dumb"),
                          dimensions=(24, 80), timeout=TIMEOUT, encoding="utf-8")
    child.expect("Your choice \\(1 to 5\\):")
    child.sendline("2")
    child.expect("Section number")
    child.sendline("4")
    total = len(content().course.module("fine-tuning", "en").sections)
    child.expect(f"Section 4 of {total}: Fine-tuning BERT")
    child.expect("Choice:")
    child.sendeof()  # Ctrl+D
    child.expect("Goodbye")
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 0
    assert "\x1b[" not in (child.before or "")


def test_a_closed_output_pipe_is_not_an_error(tmp_path: Path) -> None:
    result = subprocess.run(
        f"printf 'r\\nn\\nn\\nn\\nq\\nq\\n' | {sys.executable} -m tutor --plain | head -n 3",
        shell=True, capture_output=True, env=environment(tmp_path), text=True,
        timeout=TIMEOUT, check=False,
    )
    assert len(result.stdout.splitlines()) == 3
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_sigterm_mid_quiz_keeps_the_attempt_open_and_exits_0(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "tutor", "quiz", "--plain", "--exam", "--count", "3", "--seed", "5"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment(tmp_path), text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    session = QuizSession.build(content().quizzes, QuizSettings(count=3, seed=5, mode="exam"), "en", "kim")
    process.stdin.write(right_input(session.questions[0], session) + "\n")
    process.stdin.flush()
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and "Question 2/3" not in (process.stdout.readline() or "Question 2/3"):
        pass
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    with sqlite3.connect(database(tmp_path)) as db:
        assert db.execute("SELECT state FROM attempts").fetchall() == [("open",)]
        assert db.execute("SELECT COUNT(*) FROM answers").fetchone() == (1,)
