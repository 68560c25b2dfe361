"""Question screen: one question at a time, graded by the quiz core, recorded the moment it is answered.

Practice mode shows the grade, the right answer and the explanation after each answer and waits
for the learner; exam mode moves on silently, with an optional countdown that hands the exam in
when it reaches zero. A timed exam is a deadline by default (its time runs while the app is closed
or another screen covers it); a bank may say `exam_clock: while-open` to count only open time.

Writes go through the app's queue (`TutorApp.tell`): when the store refuses one (read-only database,
full disk), the learner is told, the quiz goes on and the write is retried later.

Every key the footer shows works whatever has focus: the typed-answer field takes letters, so
skip, read, hint, help and leave have F-keys or Ctrl keys first (the letters stay as shortcuts for
the other question types), and actions that cannot run now are hidden from the footer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label, Static

from tutor.i18n.catalogue import t
from tutor.i18n.numbers import french_prose
from tutor.quiz.display import answer_text, expected_text, format_clock, format_points
from tutor.quiz.grading import numeric_answer, numeric_problem
from tutor.quiz.model import Question
from tutor.quiz.pending import AttemptRef, AttemptWriter
from tutor.quiz.session import AnswerRecord, QuizSession
from tutor.ui.app_protocol import tutor_app
from tutor.ui.css import css
from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.alive import alive, caught_up, when_alive
from tutor.ui.widgets.answers import AnswerWidget, TextAnswer, answer_widget
from tutor.ui.widgets.progress import StillProgressBar

if TYPE_CHECKING:
    from tutor.ui.app_protocol import TutorAppProtocol

SAVE_CLOCK_EVERY = 5.0  # seconds between saves of the exam clock


class QuizScreen(Screen[None]):
    """Taking a quiz."""

    CSS_PATH = css("quiz")

    AUTO_FOCUS = ".answer, .answer-input"
    BINDINGS = [
        # Priority: the app runs the action in its own key loop and waits for it, so keys typed
        # right after Enter reach the next question's widget (and `caught_up` those typed before).
        Binding("enter", "submit", "Submit", id="submit", show=False, priority=True),
        # The footer shows keys a text field cannot swallow; the letters are shortcuts a learner may
        # remap (their own ids), and remapping them never takes the F-key away (tutor.ui.keys.ALWAYS).
        Binding("f4", "hint", "Hint", id="hint_always"),
        Binding("h", "hint", "Hint", id="hint", show=False),
        Binding("f5", "skip", "Skip", id="skip_always"),
        Binding("s", "skip", "Skip", id="skip", show=False),
        Binding("f6", "read", "Read", id="read_always"),
        Binding("r", "read", "Read", id="read", show=False),
        Binding("f1", "app.help", "Help", id="help_always"),
        Binding("question_mark", "app.help", "Help", id="help", show=False),
        Binding("ctrl+b", "leave", "Leave quiz", id="leave_always"),
        Binding("q", "leave", "Leave quiz", id="leave", show=False),
    ]

    def __init__(self, session: QuizSession, attempt: AttemptRef | int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.session = session
        # The attempt's id, or a reference still empty while the store refuses to open it.
        self.attempt = attempt if isinstance(attempt, AttemptRef) else AttemptRef(attempt)
        self.clock = clock  # seconds, monotonic; tests give a clock they move by hand
        self.order = [q.id for q in session.questions if q.id not in session.answers]
        self.position = 0
        self.feedback_shown = False
        self._shown_at = clock()
        self._clock_mark = clock()
        self._saved_clock = session.elapsed
        self._timer: Timer | None = None
        # The answer widget on screen. Held by reference, never looked up by id: the previous
        # question's widget may still be in the DOM while its removal is pending.
        self._answer: AnswerWidget | TextAnswer | None = None

    @property
    def tutor(self) -> TutorAppProtocol:
        """The app, typed."""
        return tutor_app(self)

    @property
    def attempt_id(self) -> int | None:
        """The attempt's id in the store (None while its opening waits to be written)."""
        return self.attempt.id

    @property
    def writer(self) -> AttemptWriter:
        """This attempt's writes, through the app's queue of refused writes."""
        return self.tutor.writer(self.attempt)

    def _points(self, value: float) -> str:
        return format_points(value, self.lang)

    @property
    def lang(self) -> str:
        """The interface language."""
        return self.tutor.lang

    @property
    def current_id(self) -> str | None:
        """The question on screen (None once every question is answered)."""
        return self.order[self.position] if self.position < len(self.order) else None

    def compose(self) -> ComposeResult:
        with Horizontal(id="quiz-top"):
            yield Label("", id="quiz-where")
            yield StillProgressBar(total=len(self.session.questions), show_eta=False, id="quiz-progress")
        with VerticalScroll(id="quiz-body"):
            yield Static("", id="clock-rule", markup=False)
            yield Label("", id="question-meta")
            yield Static("", id="question-prompt", markup=False)
            yield Static("", id="answer-slot")
            yield Static("", id="hints", markup=False)
            yield Static("", id="feedback")
            yield Static("", id="quiz-keys", markup=False)
        yield Footer()

    @when_alive
    async def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        if self.session.settings.time_limit is not None:
            self._timer = self.set_interval(1.0, self.tick)
        await self.show_question()
        if self.session.time_left() == 0:  # a deadline that passed while the app was closed
            self.tick()

    def on_screen_suspend(self) -> None:
        """Another screen covers the quiz (help, lesson): the clock stops."""
        self._account_time()
        if self._timer is not None:
            self._timer.pause()

    def on_screen_resume(self) -> None:
        """Back to the quiz: the clock runs again (a deadline also counts the time spent away)."""
        if not self.is_deadline:
            self._clock_mark = self.clock()
        if self._timer is not None:
            self._timer.resume()

    # -- the clock ------------------------------------------------------------------------------

    @property
    def is_deadline(self) -> bool:
        """A timed exam whose time runs whatever the learner does (the default rule)."""
        return self.session.settings.time_limit is not None and self.session.exam_clock == "deadline"

    def _show_clock_rule(self) -> None:
        """On the exam's first screen, say how its clock runs; afterwards the line is empty."""
        limit = self.session.settings.time_limit
        text = ""
        if limit is not None and not self.session.answers:
            key = "quiz.clock_deadline" if self.is_deadline else "quiz.clock_while_open"
            text = t(key, self.lang, minutes=round(limit / 60, 1))
        rule = self.query_one("#clock-rule", Static)
        rule.update(text)
        rule.display = bool(text)

    def _account_time(self) -> None:
        now = self.clock()
        self.session.elapsed += now - self._clock_mark
        self._clock_mark = now
        if self.session.elapsed - self._saved_clock >= SAVE_CLOCK_EVERY:
            # Refused (full disk), it waits in the queue and the next save replaces it.
            self.tutor.tell(self.writer.clock(self.session.elapsed))
            self._saved_clock = self.session.elapsed

    def save_clock(self, quiet: bool = False) -> None:
        """Save the clock now (the quiz is left or the app is about to stop; `quiet`: no notice)."""
        self._account_time()
        self.tutor.tell(self.writer.clock(self.session.elapsed), quiet=quiet)
        self._saved_clock = self.session.elapsed

    @when_alive
    def tick(self) -> None:
        """Count the time since the last tick, show it, and hand the exam in when none is left."""
        self._account_time()
        self._refresh_top()
        left = self.session.time_left()
        if left is not None and left <= 0:
            self.notify(t("quiz.time_up", self.lang), severity="warning", timeout=8)
            self.finish()

    # -- showing a question ---------------------------------------------------------------------

    def _refresh_top(self) -> None:
        settings, lang = self.session.settings, self.lang
        mode = t("quiz.exam" if settings.mode == "exam" else "quiz.practice", lang)
        if settings.kind == "section-check":
            mode = t("quiz.check", lang)
        elif settings.kind == "review":
            mode = t("quiz.review_mode", lang)
        answered = len(self.session.answers)
        # The question being answered: while its feedback shows, it is already among the answers.
        index = answered if self.feedback_shown else answered + 1
        parts = [mode, t("quiz.position", lang, index=max(1, min(index, len(self.session.questions))),
                         total=len(self.session.questions))]
        if settings.mode == "practice":
            earned = sum(r.grade.earned for r in self.session.answers.values())
            answered_max = sum(r.grade.max_points for r in self.session.answers.values())
            parts.append(t("quiz.score_so_far", lang, earned=self._points(earned), max=self._points(answered_max)))
        left = self.session.time_left()
        if left is not None:
            parts.append(t("quiz.time_left", lang, time=format_clock(left)))
        self.query_one("#quiz-where", Label).update(" · ".join(parts))
        self.query_one("#quiz-progress", StillProgressBar).update(progress=answered)

    async def show_question(self) -> None:
        """Show the current question (or finish when none is left), its answer widget focused."""
        question_id = self.current_id
        if question_id is None:
            self.finish()
            return
        question = self.session.question(question_id)
        lang = self.lang
        self.feedback_shown = False
        self._shown_at = self.clock()
        self._refresh_top()
        self._show_clock_rule()
        self.refresh_bindings()
        self.query_one("#question-meta", Label).update(t(
            "quiz.meta", lang, topic=self.session.topic_name(question.topic),
            difficulty=t(f"difficulty.{question.difficulty}", lang), points=self._points(question.points),
        ))
        self.query_one("#question-prompt", Static).update(french_prose(question.prompt, lang))
        self._show_hints()
        self.query_one("#feedback", Static).update("")
        self.query_one("#quiz-keys", Static).update(self._keys_line(question))
        old, widget = self._answer, answer_widget(question, self.session, lang, self.tutor.ascii_only)
        self._answer = widget
        with self.app.batch_update():
            if old is not None:
                await old.remove()
            await self.query_one("#quiz-body").mount(widget, after=self.query_one("#answer-slot"))
        # Another question may have been asked for meanwhile (the exam clock ran out).
        if alive(self) and widget is self._answer:
            self.set_focus(widget, scroll_visible=False)
            self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)

    def _show_hints(self) -> None:
        question_id = self.current_id
        if question_id is None:
            return
        question = self.session.question(question_id)
        taken = self.session.hints_taken.get(question_id, 0)
        lines = [
            t("quiz.hint", self.lang, number=i + 1, cost=self._points(h.cost), text=h.text)
            for i, h in enumerate(question.hints[:taken])
        ]
        self.query_one("#hints", Static).update("\n".join(lines))

    def _keys_line(self, question: Question) -> str:
        """The keys for answering this question, as the footer names them."""
        parts = [t("quiz.keys_submit", self.lang)]
        if self.check_action("hint", ()):
            parts.append(t("quiz.keys_hint", self.lang))
        if self.check_action("skip", ()):
            parts.append(t("quiz.keys_skip", self.lang))
        return " · ".join(parts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the keys that cannot do anything now (the footer and help then leave them out)."""
        question_id = self.current_id
        if action == "hint":
            if question_id is None or self.feedback_shown:
                return False
            return bool(self.session.question(question_id).hints)
        if action == "skip":
            return question_id is not None and not self.feedback_shown and len(self.order) - self.position >= 2
        if action == "read":
            # In an exam the lesson stays closed until the exam is handed in.
            return question_id is not None and (self.session.settings.mode != "exam" or self.feedback_shown)
        return True

    @property
    def answer_widget(self) -> AnswerWidget | TextAnswer | None:
        """The widget the current question is answered with."""
        return self._answer

    # -- actions --------------------------------------------------------------------------------

    def action_hint(self) -> None:
        """Reveal the next hint of the current question (its cost is recorded at once)."""
        question_id = self.current_id
        if question_id is None or self.feedback_shown:
            return
        hint = self.session.take_hint(question_id)
        if hint is None:
            self.notify(t("quiz.no_hint", self.lang))
            return
        self.tutor.tell(self.writer.hints(question_id, self.session.hints_taken[question_id]))
        self._show_hints()
        self.refresh_bindings()

    async def action_submit(self) -> None:
        """Enter: submit the answer, or go on after the feedback."""
        if self.feedback_shown:
            await self.next_question()
            return
        question_id = self.current_id
        if question_id is None:
            return
        widget = self._answer
        if widget is None:
            return
        await caught_up(widget)  # the keys typed before Enter are in the answer
        answer = widget.current_answer()
        if answer is None:
            self.notify(t("quiz.need_answer", self.lang), severity="warning")
            return
        question = self.session.question(question_id)
        if question.type == "numeric" and isinstance(answer, str):
            problem = numeric_problem(answer, self.lang)
            if problem is not None:  # a typo costs nothing: say what is wrong and wait
                self.notify(problem, severity="warning")
                return
            answer = numeric_answer(answer, self.lang)  # graded as read in the learner's language
        self._account_time()
        seconds = self.clock() - self._shown_at
        record = self.session.submit(question_id, answer, seconds)
        self._save(record)
        if self.session.settings.mode == "exam":
            await self.next_question()
            return
        if isinstance(widget, AnswerWidget):
            widget.show_result(record)
        else:
            widget.disabled = True
        self.feedback_shown = True
        self._show_feedback(record)
        self._show_clock_rule()
        self.refresh_bindings()
        self.focus_feedback()

    def focus_feedback(self) -> None:
        """After feedback, Enter belongs to the screen (next question)."""
        self.query_one("#quiz-body", VerticalScroll).focus()

    def _save(self, record: AnswerRecord) -> None:
        """The answer, the clock and the review card (refused, they are kept and the learner told)."""
        self.tutor.tell(self.writer.answer(self.session, record))
        self._saved_clock = self.session.elapsed

    def _show_feedback(self, record: AnswerRecord) -> None:
        lang, grade = self.lang, record.grade
        question = self.session.question(record.question_id)
        ascii_only = self.tutor.ascii_only
        if grade.correct:
            verdict, style, mark = t("quiz.correct", lang), "bold green", "[OK]" if ascii_only else "✓"
        elif grade.partial:
            verdict, style, mark = t("quiz.partial", lang), "bold yellow", "[~]" if ascii_only else "≈"
        else:
            verdict, style, mark = t("quiz.wrong", lang), "bold red", "[X]" if ascii_only else "✗"
        points = t("quiz.points", lang, earned=self._points(grade.earned), max=self._points(grade.max_points),
                   count=grade.max_points)
        if grade.hint_cost:
            points += t("quiz.hint_cost", lang, cost=self._points(grade.hint_cost))
        text = Text.assemble((f"{mark} {verdict}", style), " · ", points, "\n")
        shown = [option.id for option in self.session.options(question)]
        text.append(t("quiz.your_answer", lang, text=answer_text(question, record.answer, lang, shown)) + "\n")
        if not grade.correct:
            text.append(t("quiz.expected", lang, text=expected_text(question, lang)) + "\n", "bold")
        for line in grade.feedback:
            text.append(f"• {line}\n", "italic")
        text.append(t("quiz.explanation", lang, text=french_prose(question.explanation, lang)))
        self.query_one("#feedback", Static).update(text)
        can_read = self.check_action("read", ())
        self.query_one("#quiz-keys", Static).update(t("quiz.continue" if can_read else "quiz.continue_exam", lang))
        self._refresh_top()

    async def next_question(self) -> None:
        """Go to the next unanswered question."""
        self.position += 1
        await self.show_question()

    async def action_skip(self) -> None:
        """Leave this question for later (it comes back at the end)."""
        if self.feedback_shown or self.current_id is None or len(self.order) - self.position < 2:
            return
        self.order.append(self.order.pop(self.position))
        await self.show_question()

    def action_read(self) -> None:
        """Open the lesson section the question comes from (the clock stops meanwhile)."""
        question_id = self.current_id
        if question_id is None or (self.session.settings.mode == "exam" and not self.feedback_shown):
            return
        question = self.session.question(question_id)
        self.tutor.open_lesson(question.module, question.section)

    def action_leave(self) -> None:
        """Leave the quiz; it stays open in the store and can be resumed later."""
        self.save_clock()
        if self._timer is not None:
            self._timer.stop()
        self.dismiss()

    def finish(self) -> None:
        """Hand the quiz in and show the results."""
        from tutor.ui.screens.results import ResultsScreen

        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._account_time()
        self.tutor.tell(self.writer.finish(self.session.elapsed))
        self.app.switch_screen(ResultsScreen(self.session))
