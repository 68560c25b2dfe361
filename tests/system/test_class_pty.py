"""A class on one host, end to end: the installed `tutor`, a learner taking an exam in one pseudo-terminal,
the instructor's dashboard in another, following it live.

`tutor class init` sets the directory up; the learner runs `tutor quiz --exam --plain` with
TUTOR_CLASS set; the dashboard (`tutor class DIR`) shows the learner appear, then the question they
reached as they answer. Every wait is for what a screen shows, never for a time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.system.terminal import Terminal, tutor_env
from tests.unit.test_plain_support import content, right_input
from tutor.classroom.directory import current_login
from tutor.quiz.session import QuizSession, QuizSettings

TUTOR = Path(sys.executable).with_name("tutor")  # the console script of the installed package


def test_the_dashboard_follows_a_learner_through_an_exam(tmp_path: Path) -> None:
    directory = tmp_path / "class"
    made = subprocess.run([str(TUTOR), "class", "init", str(directory), "--lang", "en"],
                          env=tutor_env(tmp_path / "instructor", "en"), capture_output=True, text=True, timeout=120,
                          check=False)
    assert made.returncode == 0 and made.stdout.startswith(f"Class directory {directory} ready")
    login = current_login()
    assert login is not None

    dashboard = Terminal(str(TUTOR), ["class", str(directory)], tutor_env(tmp_path / "instructor", "en"))
    dashboard.wait_for("No learner has published yet")

    settings = QuizSettings(bank="fine-tuning", count=3, seed=5, mode="exam", time_limit=20 * 60)
    session = QuizSession.build(content().quizzes, settings, "en", "kim")  # what the learner will be asked
    learner = Terminal(str(TUTOR), ["quiz", "--plain", "--exam", "--time-limit", "20", "--count", "3", "--seed", "5"],
                       tutor_env(tmp_path / "kim", "en", TUTOR_CLASS=str(directory)))
    learner.wait_for("Answer:")
    dashboard.wait_for("Learners: 1 · running: 1")
    dashboard.wait_for(f"kim ({login})")
    dashboard.send("2")  # the running exams
    dashboard.wait_for("kim Exam fine-tuning 1/3")

    for number, question in enumerate(session.questions[:2], start=2):
        learner.send(right_input(question, session) + "\r")
        dashboard.wait_for(f"kim Exam fine-tuning {number}/3")
    learner.send(right_input(session.questions[2], session) + "\r")
    code, _ = learner.finish()
    assert code == 0
    dashboard.wait_for("Learners: 1 · running: 0")
    dashboard.send("1")
    dashboard.wait_for("Class 100")  # three right answers: every topic mastered
    dashboard.send("q")
    code, output = dashboard.finish()
    assert code == 0 and "Traceback" not in output
