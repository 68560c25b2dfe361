"""What every part of plain mode shares: the console, the store, the content, the language, the clock."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tutor.i18n.catalogue import t
from tutor.plain.console import Console
from tutor.plain.quiz import PlainQuiz, resume_session, start_attempt
from tutor.plain.words import w
from tutor.quiz.pending import AttemptRef, AttemptWriter, PendingWrites
from tutor.quiz.session import QuizSettings, open_exams
from tutor.store.interface import Store
from tutor.store.records import AttemptRow

if TYPE_CHECKING:
    from tutor.content.model import Module
    from tutor.loader import Content


@dataclass
class Context:
    """One plain-mode session."""

    console: Console
    store: Store
    content: Content
    lang: str
    learner: str
    clock: Callable[[], float] = field(default=time.monotonic)
    publish: Callable[[], None] | None = None  # told of each change of an attempt (a class: tutor.classroom)
    # Writes the store refused (read-only database, full disk), retried before each new write.
    pending: PendingWrites = field(init=False)

    def __post_init__(self) -> None:
        self.pending = PendingWrites(self.store, listener=self.publish)

    def write(self, work: Callable[[Store], object], key: Hashable | None = None) -> None:
        """A progress write (position, section read): when the store refuses it, say so once and go on."""
        result = self.pending.write(work, key=key)
        if result.tell:
            self.say(result.message(self.lang))

    def say(self, text: str) -> None:
        """Write a wrapped paragraph."""
        self.console.say(text)

    def ask(self, prompt: str) -> str:
        """Read one line after `prompt` (raises EndOfInput at the end of the input)."""
        return self.console.ask(prompt)

    def current_module(self) -> Module | None:
        """The module the learner was reading last, else the first one."""
        course = self.content.course
        last = self.store.last_module()
        module = course.module(last, self.lang) if last else None
        modules = course.modules_in(self.lang)
        return module or (modules[0] if modules else None)

    def bank_for(self, module_id: str | None) -> str | None:
        """The id of the question bank of `module_id`, else of the first bank, else None."""
        banks = self.content.quizzes.banks_in(self.lang)
        chosen = next((b for b in banks if b.module == module_id), banks[0] if banks else None)
        return chosen.id if chosen else None

    def take_quiz(self, settings: QuizSettings) -> bool:
        """Draw, open and run a quiz; False (after saying so) when no question matches.

        The same exam taken again continues its open attempt, answers and clock included, as in the
        full-screen app (`open_exams`).
        """
        for attempt in open_exams(settings, self.store.open_attempts):
            session = resume_session(self.pending, self.content.quizzes, attempt)
            if session is not None:
                self.say(w("quiz.exam_continues", self.lang))
                writer = AttemptWriter(self.pending, AttemptRef(attempt.id))
                PlainQuiz(self.console, writer, session, self.lang, self.clock, resumed=True).run()
                return True
        started = start_attempt(self.pending, self.content.quizzes, settings, self.lang, self.learner)
        if started is None:
            self.say(t("quiz.no_questions", self.lang))
            return False
        session, writer, opened = started
        if opened.tell:
            self.say(opened.message(self.lang))
        PlainQuiz(self.console, writer, session, self.lang, self.clock).run()
        return True

    def resume(self, attempt: AttemptRow) -> bool:
        """Run an interrupted attempt again from where it stopped."""
        session = resume_session(self.pending, self.content.quizzes, attempt)
        if session is None:
            self.say(w("resume.gone", self.lang))
            return False
        writer = AttemptWriter(self.pending, AttemptRef(attempt.id))
        PlainQuiz(self.console, writer, session, self.lang, self.clock, resumed=True).run()
        return True

    def abandon(self, attempt: AttemptRow) -> None:
        """Close an unfinished attempt for good (its answers stay in the history)."""
        result = AttemptWriter(self.pending, AttemptRef(attempt.id)).finish(attempt.elapsed, state="abandoned")
        if result.tell:
            self.say(result.message(self.lang))

    def review(self) -> bool:
        """The questions due for review as a practice quiz; False when none is due."""
        due = self.store.review_due()
        if not due:
            self.say(w("review_none", self.lang, count=self.store.review_counts()[1]))
            return False
        bank = next(iter(self.content.quizzes.banks_in(self.lang)), None)
        settings = QuizSettings(bank=bank.id if bank else "", question_ids=tuple(due), kind="review")
        return self.take_quiz(settings)
