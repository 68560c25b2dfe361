"""A quiz line by line: one question, its numbered choices, a typed answer, recorded at once.

The same core as the full-screen app grades (`QuizSession`) and records (`AttemptWriter`): an
attempt is opened with the same fields, each answer is written the moment it is given, hints are
written when taken, and review cards are scheduled after each answer. A write the store refuses
(read-only database, full disk) is said in one line and kept for later (`tutor.quiz.pending`).
Leaving (q, end of input, Ctrl+C) keeps the attempt open with its clock, so it can be resumed. A
time limit is checked each time a line is read: plain mode cannot interrupt typing, so an answer
that arrives too late does not count.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from tutor.i18n.catalogue import t
from tutor.plain.answers import Invalid, answer_lines, instruction, parse_answer
from tutor.plain.console import Console, paragraphs
from tutor.plain.render import prose
from tutor.plain.results import clock as format_clock
from tutor.plain.results import feedback_lines, points, results_lines
from tutor.plain.words import w
from tutor.quiz.model import Question, QuizLibrary
from tutor.quiz.pending import AttemptRef, AttemptWriter, PendingWrites, WriteResult, reason_text
from tutor.quiz.session import QuizSession, QuizSettings, session_from_attempt
from tutor.store.records import AttemptRow

HELP_WORDS = frozenset({"?", "help", "aide"})
HINT_WORDS = frozenset({"h", "hint", "indice"})
SKIP_WORDS = frozenset({"s", "skip", "passer"})
REPEAT_WORDS = frozenset({"r", "repeat", "répéter", "repeter"})
QUIT_WORDS = frozenset({"q", "quit", "leave", "quitter"})


def start_attempt(pending: PendingWrites, library: QuizLibrary, settings: QuizSettings, lang: str,
                  learner: str) -> tuple[QuizSession, AttemptWriter, WriteResult] | None:
    """Draw a quiz and open its attempt, as the app does (None when no question matches).

    The attempt is opened through `pending`: when the store refuses it, the quiz still runs and the
    result says so.
    """
    try:
        session = QuizSession.build(library, settings, lang, learner)
    except ValueError:
        return None
    writer, opened = AttemptWriter.open(pending, library, session)
    return session, writer, opened


def resume_session(pending: PendingWrites, library: QuizLibrary, attempt: AttemptRow,
                   now: Callable[[], float] | None = None) -> QuizSession | None:
    """Rebuild an interrupted attempt (None, and the attempt abandoned, when it cannot be).

    `now` is the wall clock: a timed exam under the deadline rule counts the time it was closed.
    """
    try:
        return session_from_attempt(library, attempt, (now or time.time)())
    except (ValueError, TypeError):
        AttemptWriter(pending, AttemptRef(attempt.id)).finish(attempt.elapsed, state="abandoned")
        return None


class PlainQuiz:
    """Asks the questions of one attempt until they are all answered, the time is up, or the learner leaves."""

    def __init__(self, console: Console, writer: AttemptWriter, session: QuizSession, lang: str,
                 clock: Callable[[], float] = time.monotonic, resumed: bool = False) -> None:
        self.console = console
        self.writer = writer
        self.session = session
        self.lang = lang
        self.clock = clock
        self.resumed = resumed
        self.order = [q.id for q in session.questions if q.id not in session.answers]
        self.position = 0
        self._mark = clock()

    # -- the clock: it runs while the quiz is open ----------------------------------------------

    def _account(self) -> None:
        now = self.clock()
        self.session.elapsed += max(0.0, now - self._mark)
        self._mark = now

    def _time_up(self) -> bool:
        left = self.session.time_left()
        return left is not None and left <= 0

    def save_clock(self) -> None:
        """Write the clock now (the quiz is being left)."""
        self._account()
        self._tell(self.writer.clock(self.session.elapsed))

    def _tell(self, result: WriteResult) -> bool:
        """Say in one line that a write was kept for later (once for the clock and such); True when saved."""
        if result.tell:
            self.console.say(result.message(self.lang))
        return result.saved

    # -- running -----------------------------------------------------------------------------------

    def run(self) -> bool:
        """Ask every question; True when the quiz was handed in, False when left open for later."""
        self._mark = self.clock()
        try:
            self._intro()
            while self.position < len(self.order):
                if self._time_up():
                    self.console.say(t("quiz.time_up", self.lang))
                    break
                outcome = self._ask(self.session.question(self.order[self.position]))
                if outcome == "leave":
                    self.save_clock()
                    self.console.say(w("quiz.left_open", self.lang))
                    return False
                if outcome == "late":
                    self.console.say(t("quiz.time_up", self.lang))
                    break
        except BaseException:  # end of input, Ctrl+C, hang-up: keep the attempt open with its clock
            with contextlib.suppress(Exception):
                self.save_clock()
            raise
        self._finish()
        return True

    def _intro(self) -> None:
        settings, count, lang = self.session.settings, len(self.session.questions), self.lang
        if settings.kind == "review":
            key = "quiz.intro_review"
        elif settings.kind == "section-check":
            key = "quiz.intro_check"
        else:
            key = "quiz.intro_exam" if settings.mode == "exam" else "quiz.intro_practice"
        self.console.blank()
        self.console.say(w(key, lang, count=count))
        left = self.session.time_left()
        if self.resumed and left is not None:
            self.console.say(w("quiz.intro_resumed_timed", lang, count=len(self.session.answers), total=count,
                               time=format_clock(left, round_up=True)))
        elif self.resumed:
            self.console.say(w("quiz.intro_resumed", lang, count=len(self.session.answers), total=count))
        if settings.time_limit is not None:
            self.console.say(w("quiz.limit", lang, time=format_clock(settings.time_limit)))

    def _show(self, question: Question) -> None:
        lang, session = self.lang, self.session
        index = min(len(session.answers) + 1, len(session.questions))
        lines = ["", w("quiz.header", lang, index=index, total=len(session.questions),
                       topic=session.topic_name(question.topic),
                       difficulty=t(f"difficulty.{question.difficulty}", lang),
                       points=w("quiz.points_word", lang, count=points(question.points)))]
        left = session.time_left()
        if left is not None:
            lines.append(w("quiz.left", lang, time=format_clock(left, round_up=True)))
        lines += paragraphs(prose(question.prompt, lang), width=self.console.width)
        taken = session.hints_taken.get(question.id, 0)
        for number, hint in enumerate(question.hints[:taken], start=1):
            lines += paragraphs(t("quiz.hint", lang, number=number, cost=points(hint.cost), text=hint.text),
                                width=self.console.width)
        lines += answer_lines(question, session, lang, self.console.width)
        lines += paragraphs(instruction(question, lang), width=self.console.width)
        if taken < len(question.hints):
            lines.append(w("quiz.hint_available", lang, count=points(question.hints[taken].cost)))
        self.console.lines(lines)

    def _ask(self, question: Question) -> str:
        """Read lines until the question is answered ("answered"), skipped, left, or too late."""
        lang, console = self.lang, self.console
        self._show(question)
        shown_at = self.clock()
        while True:
            text = console.ask(w("quiz.prompt", lang))
            self._account()
            word = text.casefold()
            if self._time_up():
                if word not in HELP_WORDS | HINT_WORDS | SKIP_WORDS | REPEAT_WORDS | QUIT_WORDS:
                    console.say(w("quiz.too_late", lang))
                return "late"
            if word in HELP_WORDS:
                console.say(instruction(question, lang))
                console.say(w("quiz.help", lang))
                if self.session.settings.time_limit is not None:
                    console.say(w("quiz.limit", lang, time=format_clock(self.session.settings.time_limit)))
            elif word in HINT_WORDS:
                self._hint(question)
            elif word in REPEAT_WORDS:
                self._show(question)
            elif word in QUIT_WORDS:
                return "leave"
            elif word in SKIP_WORDS:
                if len(self.order) - self.position < 2:
                    console.say(w("quiz.last_left", lang))
                    continue
                self.order.append(self.order.pop(self.position))
                console.say(w("quiz.skipped", lang))
                return "skipped"
            else:
                try:
                    answer = parse_answer(question, self.session, text, lang)
                except Invalid as why:
                    console.say(str(why))
                    continue
                record = self.session.submit(question.id, answer, self.clock() - shown_at)
                saved = self._tell(self.writer.answer(self.session, record))
                self.position += 1
                if self.session.settings.mode == "exam":
                    if saved:  # otherwise the line above said it is not
                        console.say(w("quiz.recorded", lang))
                else:
                    console.lines(feedback_lines(question, record, lang, console.width))
                return "answered"

    def _hint(self, question: Question) -> None:
        hint = self.session.take_hint(question.id)
        if hint is None:
            self.console.say(w("quiz.no_more_hint", self.lang))
            return
        taken = self.session.hints_taken[question.id]
        self._tell(self.writer.hints(question.id, taken))  # paid for now, even if the quiz is left
        self.console.lines(paragraphs(t("quiz.hint", self.lang, number=taken, cost=points(hint.cost), text=hint.text),
                                      width=self.console.width))

    def _finish(self) -> None:
        self._account()
        finished = self.writer.finish(self.session.elapsed)
        self._tell(finished)
        self.console.blank()
        self.console.lines(results_lines(self.session, self.lang, self.console.width))
        if not self.writer.saved:  # the results are not in the store yet: never let them look saved
            self.console.blank()
            self.console.say(t("quiz.results_unsaved", self.lang,
                               reason=reason_text(self.writer.pending.reason, self.lang, self.writer.pending.error)))
