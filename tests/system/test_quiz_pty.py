"""The installed `tutor` in a real pseudo-terminal: whole quizzes to their results, and the crash net.

The test knows each question before it appears by building the same session in-process (same
settings, seed, learner and language), then presses the keys a learner would. It waits for what
the screen shows or the store holds, never for a time. Seeds change every day (reproducible with
`TUTOR_PTY_SEED=N`); a failure names the seed.
"""

from __future__ import annotations

import datetime
import os
import random
import re
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.system.terminal import Terminal, tutor_env
from tests.unit.test_plain_support import content
from tutor.quiz.grading import format_number
from tutor.quiz.model import Question
from tutor.quiz.session import QuizSession, QuizSettings

TUTOR = Path(sys.executable).with_name("tutor")  # the console script of the installed package
DAY_SEED = int(os.environ.get("TUTOR_PTY_SEED", datetime.date.today().toordinal()))
SEEDS = random.Random(DAY_SEED).sample(range(1, 2**31), 3)
UP, DOWN = "\x1b[A", "\x1b[B"
LETTERS = "abcdefg"


def start(home: Path, lang: str, *args: str, shell: str | None = None) -> Terminal:
    """The installed `tutor ARGS` (or a shell command line) for learner kim at 80×24."""
    if shell is not None:
        return Terminal("/bin/sh", ["-c", shell], tutor_env(home, lang))
    return Terminal(str(TUTOR), list(args), tutor_env(home, lang))


def keys_for(question: Question, session: QuizSession, *, right: bool) -> list[str]:
    """The keys that answer `question` (right or wrong) as `session` shows it, before Enter."""
    kind = question.type
    if kind in ("single", "multiple"):
        options = session.options(question)
        wanted = [i for i, o in enumerate(options) if o.correct == right]
        return [str(i + 1) for i in (wanted if kind == "multiple" or right else wanted[:1])]
    if kind == "truefalse":
        return ["1" if bool(question.answer) == right else "2"]
    if kind == "numeric":
        value = float(question.answer) if right else float(question.answer) * 7 + 1000
        return list(format_number(value, question).replace("\u202f", ""))
    if kind == "short":
        return list(question.answers[0] if right else "zzz")
    if kind == "ordering":
        if not right:
            return []  # the order first shown is never the right one
        order, cursor, keys = [item.id for item in session.items(question)], 0, []
        for position, item in enumerate(question.items):
            current = order.index(item.id)
            keys += [UP] * (cursor - current) if cursor > current else [DOWN] * (current - cursor)
            keys += [" "] + [UP] * (current - position) + [" "]
            order.insert(position, order.pop(current))
            cursor = position
        return keys
    rights = [right_id for right_id, _ in session.right_choices(question)]
    return [LETTERS[(rights.index(pair.id) + (0 if right else 1)) % len(rights)] for pair in question.pairs]


def stored(home: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(home / "data" / "learners" / "kim.sqlite3") as db:
        return db.execute("SELECT a.question_id, t.state, a.correct FROM answers a "
                          "JOIN attempts t ON t.id = a.attempt_id ORDER BY a.rowid").fetchall()


def prompt_start(question: Question) -> str:
    """The start of the prompt: enough to tell two questions apart."""
    return re.sub(r"\s+", " ", question.prompt.strip())[:60].rsplit(" ", 1)[0]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda seed: f"seed{seed}")
@pytest.mark.parametrize(("mode", "lang"), [("practice", "fr"), ("exam", "en")])
def test_a_whole_quiz_in_a_real_terminal(tmp_path: Path, mode: str, lang: str, seed: int) -> None:
    count = 12
    settings = QuizSettings(count=count, seed=seed, mode=mode)
    session = QuizSession.build(content().quizzes, settings, lang, "kim")
    args = ["quiz", "--count", str(count), "--seed", str(seed)] + (["--exam"] if mode == "exam" else [])
    terminal = start(tmp_path, lang, *args)
    expected_right = 0
    for number, question in enumerate(session.questions):
        terminal.wait_for(prompt_start(question))
        right = number % 3 != 1  # two right, one wrong, …
        expected_right += right
        terminal.send(*keys_for(question, session, right=right), "\r")
        terminal.wait(lambda n=number: len(stored(tmp_path)) == n + 1, f"answer {number + 1} in the store")
        if mode == "practice":
            verdicts = ("✓ Correct",) if right else ("✗", "≈")
            terminal.wait(lambda v=verdicts: any(mark in terminal.flat() for mark in v), f"the verdict {verdicts}")
            terminal.send("\r")
    terminal.wait_for("Résultats" if lang == "fr" else "Results")
    rows = stored(tmp_path)
    assert [question for question, _, _ in rows] == [q.id for q in session.questions], f"seed {seed}"
    assert {state for _, state, _ in rows} == {"finished"}
    assert sum(correct for _, _, correct in rows) == expected_right, f"seed {seed}"
    terminal.send("\x11")  # Ctrl+Q
    status, output = terminal.finish()
    assert status == 0 and "Traceback" not in output


CRASHING = (
    "import sys; from tutor.ui.screens import home; "
    "home.HomeScreen.on_option_list_option_selected = lambda self, event: 1 / 0; "
    "from tutor.cli import main; sys.exit(main(sys.argv[1:]))"
)


@pytest.mark.parametrize("stderr", ["terminal", "file"])
def test_a_crash_ends_in_two_lines_and_a_log(tmp_path: Path, stderr: str) -> None:
    """An exception in a screen: the terminal is restored, two lines say what to do, exit 1."""
    command = f"{sys.executable} -c '{CRASHING}'" + (f" 2>{tmp_path / 'err.txt'}" if stderr == "file" else "")
    terminal = start(tmp_path, "fr", shell=command)
    terminal.wait_for("Modules du cours")  # drawn on the terminal even when stderr goes to a file
    terminal.send("\r")
    status, output = terminal.finish()
    assert status == 1
    assert "erreur inattendue" in terminal.flat()
    assert "Traceback" not in output and "ZeroDivisionError" not in output
    logs = list((tmp_path / "data" / "crashes").glob("crash-*.log"))
    assert len(logs) == 1 and "ZeroDivisionError" in logs[0].read_text(encoding="utf-8")
    assert "relancez tutor pour reprendre" in re.sub(r"\s+", " ", output)
