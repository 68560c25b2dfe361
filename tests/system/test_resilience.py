"""The real `tutor` in a pseudo-terminal: killed or hung up mid-quiz, it resumes with every answer kept."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from pathlib import Path

import pexpect
import pytest

TIMEOUT = 20


def spawn(home: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "TUTOR_HOME": str(home), "TERM": "xterm-256color", "TUTOR_LANG": "en",
           "TUTOR_LEARNER": "kim"}
    env.pop("TEXTUAL", None)
    return pexpect.spawn(sys.executable, ["-m", "tutor", *args], env=env, dimensions=(24, 80),
                         timeout=TIMEOUT, encoding="utf-8", codec_errors="replace")


def answers_in_store(home: Path) -> list[tuple[str, str]]:
    database = home / "data" / "learners" / "kim.sqlite3"
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT a.question_id, t.state FROM answers a JOIN attempts t ON t.id = a.attempt_id ORDER BY a.rowid"
        ).fetchall()


def answer_two_questions(child: pexpect.spawn) -> None:
    # "a" then Enter answers any question type (a choice, a letter typed, a match); ordering takes Enter.
    child.expect("Question 1/4")
    child.send("a")
    child.send("\r")
    child.expect("Question 2/4")
    child.send("a")
    child.send("\r")
    child.expect("Question 3/4")


@pytest.mark.parametrize("how", ["kill-9", "sighup", "sigterm"])
def test_resume_after_the_process_dies(tmp_path: Path, how: str) -> None:
    child = spawn(tmp_path, "quiz", "--exam", "--count", "4", "--seed", "7")
    answer_two_questions(child)
    assert len(answers_in_store(tmp_path)) == 2  # written when answered, before anything else happens
    if how == "kill-9":
        child.kill(signal.SIGKILL)
        child.wait()
    else:
        child.kill(signal.SIGHUP if how == "sighup" else signal.SIGTERM)
        child.expect(pexpect.EOF)
        output = child.before or ""
        child.wait()
        assert child.exitstatus == 0, output[-2000:]
        assert "Traceback" not in output
    again = spawn(tmp_path)
    again.expect("A quiz was left unfinished \\(2/4 answered\\)")
    again.send("y")
    again.expect("Question 3/4")
    again.send("a")
    again.send("\r")
    again.expect("Question 4/4")
    again.send("a")
    again.send("\r")
    again.expect("Results")
    again.send("q")
    again.sendcontrol("q")
    again.expect(pexpect.EOF)
    rows = answers_in_store(tmp_path)
    assert len(rows) == 4 and {state for _, state in rows} == {"finished"}
    assert len({question for question, _ in rows}) == 4
