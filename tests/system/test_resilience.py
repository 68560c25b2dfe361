"""The real `tutor` in a pseudo-terminal: killed or hung up mid-quiz, it resumes with every answer kept."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from pathlib import Path

import pexpect
import pytest

from tests.system.test_quiz_pty import keys_for
from tests.unit.test_plain_support import content
from tutor.quiz.model import Question
from tutor.quiz.session import QuizSession, QuizSettings

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


def exam_questions() -> tuple[QuizSession, list[Question]]:
    """The questions `tutor quiz --exam --count 4 --seed 7` asks, built in-process the same way."""
    session = QuizSession.build(content().quizzes, QuizSettings(count=4, seed=7, mode="exam"), "en")
    return session, list(session.questions)


def answer(child: pexpect.spawn, number: int) -> None:
    """Answer question `number` (1-based) of the exam with the keys a learner would press, then Enter."""
    session, questions = exam_questions()
    child.expect(f"Question {number}/4")
    for key in keys_for(questions[number - 1], session, right=True):
        child.send(key)
    child.send("\r")


def answer_two_questions(child: pexpect.spawn) -> None:
    answer(child, 1)
    answer(child, 2)
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
    answer(again, 3)
    answer(again, 4)
    again.expect("Results")
    again.send("q")
    again.sendcontrol("q")
    again.expect(pexpect.EOF)
    rows = answers_in_store(tmp_path)
    assert len(rows) == 4 and {state for _, state in rows} == {"finished"}
    assert len({question for question, _ in rows}) == 4
