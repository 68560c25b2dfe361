"""Shared helpers of the plain-mode tests (no tests here): scripted input, a fake clock, right answers."""

from __future__ import annotations

import io
import string
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from tutor.loader import Content, builtin_paths, load_content
from tutor.plain import run_plain
from tutor.quiz.model import Question
from tutor.quiz.session import QuizSession, QuizSettings, settings_from_dict
from tutor.store.sqlite import SQLiteStore

Line = str | Callable[[], str]


@lru_cache(maxsize=1)
def content() -> Content:
    """The shipped lessons and banks (loaded once)."""
    loaded = load_content(builtin_paths())
    assert loaded.problems == []
    return loaded


class FakeClock:
    """A monotonic clock that only moves when told to."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Script(io.TextIOBase):
    """Standard input typed by a test: each line is a string, or a function called when it is read.

    A function sees the state at that moment (the store, the output so far), so a test can answer
    questions it has not seen yet. After the last line, reading gives the end of the input.
    """

    def __init__(self, lines: list[Line], on_read: Callable[[], None] | None = None) -> None:
        self.pending = list(lines)
        self.on_read = on_read
        self.reads = 0

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        self.reads += 1
        if self.on_read is not None:
            self.on_read()
        if not self.pending:
            return ""
        line = self.pending.pop(0)
        text = line() if callable(line) else line
        return text if text.endswith("\n") else text + "\n"

    def isatty(self) -> bool:
        return False

    def readable(self) -> bool:
        return True


def right_input(question: Question, session: QuizSession) -> str:
    """What to type to answer `question` right, as shown in `session`."""
    kind = question.type
    if kind in ("single", "multiple"):
        options = session.options(question)
        return " ".join(str(i) for i, o in enumerate(options, start=1) if o.correct)
    if kind == "truefalse":
        return "1" if question.answer else "2"
    if kind == "ordering":
        shown = [item.id for item in session.items(question)]
        return " ".join(str(shown.index(item.id) + 1) for item in question.items)
    if kind == "matching":
        rights = [rid for rid, _ in session.right_choices(question)]
        return " ".join(string.ascii_lowercase[rights.index(pair.id)] for pair in question.pairs)
    if kind == "numeric":
        return repr(float(question.answer))
    return question.answers[0]


def wrong_input(question: Question, session: QuizSession) -> str:
    """What to type to answer `question` with no credit at all."""
    kind = question.type
    if kind in ("single", "multiple"):
        options = session.options(question)
        return str(next(i for i, o in enumerate(options, start=1) if not o.correct))
    if kind == "truefalse":
        return "2" if question.answer else "1"
    if kind == "ordering":
        shown = [item.id for item in session.items(question)]
        right = [shown.index(item.id) + 1 for item in question.items]
        return " ".join(str(n) for n in right[::-1])
    if kind == "matching":
        count = len(session.right_choices(question))
        rights = [rid for rid, _ in session.right_choices(question)]
        letters = [string.ascii_lowercase[(rights.index(p.id) + 1) % count] for p in question.pairs]
        return " ".join(letters)
    if kind == "numeric":
        return repr(float(question.answer) * 10 + 1000)
    return "certainly not this"


def current_question(store: SQLiteStore) -> tuple[Question, QuizSession]:
    """The first unanswered question of the open attempt, and that attempt's session (same orders)."""
    attempt = store.open_attempts()[0]
    session = QuizSession.resumed(
        content().quizzes, settings_from_dict(attempt.settings), attempt.seed, attempt.lang, attempt.question_ids,
        [(a.question_id, a.answer, a.hints, a.seconds) for a in attempt.answers], attempt.hints,
        attempt.elapsed, attempt.pass_mark,
    )
    question = next(q for q in session.questions if q.id not in session.answers)
    return question, session


def answer_right(store: SQLiteStore) -> Callable[[], str]:
    """A line that answers the current question right, computed when it is read."""
    return lambda: right_input(*current_question(store))


def answer_wrong(store: SQLiteStore) -> Callable[[], str]:
    """A line that answers the current question wrong, computed when it is read."""
    return lambda: wrong_input(*current_question(store))


def open_store(tmp_path: Path, name: str = "kim") -> SQLiteStore:
    """A fresh store for one test."""
    store, _ = SQLiteStore.open(tmp_path / f"{name}.sqlite3")
    store.review_fuzz = False
    return store


def run(store: SQLiteStore, lines: list[Line], lang: str = "en", clock: Callable[[], float] | None = None,
        on_read: Callable[[], None] | None = None, **options: Any) -> tuple[int, str]:
    """Run plain mode on the shipped content with scripted input; (exit code, output)."""
    out = io.StringIO()
    extra = {"clock": clock} if clock is not None else {}
    code = run_plain(content(), store, lang, "kim", stdin=Script(lines, on_read), stdout=out, **options, **extra)
    return code, out.getvalue()


def settings_with(question_ids: list[str], **values: Any) -> QuizSettings:
    """Quiz settings on an explicit list of questions of the shipped bank."""
    return QuizSettings(bank="fine-tuning", question_ids=tuple(question_ids), **values)


def one_of_each_type(lang: str = "en") -> list[str]:
    """The id of the first written question of each type in the shipped bank."""
    bank = content().quizzes.bank("fine-tuning", lang)
    assert bank is not None
    seen: dict[str, str] = {}
    for question in bank.questions:
        seen.setdefault(question.type, question.id)
    return list(seen.values())
