"""Results screen: total and pass/fail, scores by topic, then a review of every question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from tutor.core.i18n import t
from tutor.quiz.display import answer_text, expected_text, format_points
from tutor.quiz.session import QuizSession, QuizSettings
from tutor.ui.keys import localize_bindings
from tutor.ui.screens.quiz import format_clock
from tutor.ui.css import css
from tutor.ui.widgets.alive import when_alive

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp

BAR = 20


class ResultsScreen(Screen[None]):
    """What the learner scored, and why each answer was right or wrong."""

    CSS_PATH = css("quiz")

    BINDINGS = [
        Binding("m", "retry", "Retry missed", id="retry"),
        Binding("r", "read", "Read", id="read"),
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("q,ctrl+b", "back", "Back", id="back"),
    ]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session
        self.results = session.results()

    @property
    def tutor(self) -> TutorApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        lang, results = self.tutor.lang, self.results
        ascii_only = self.tutor.ascii_only
        mark = ("[OK]" if ascii_only else "✓") if results.passed else ("[X]" if ascii_only else "✗")
        verdict = t("quiz.passed" if results.passed else "quiz.failed", lang, mark=f"{results.pass_mark:g}")
        with VerticalScroll(id="results-body"):
            yield Label(t("quiz.results", lang), classes="panel-title")
            yield Static(Text.assemble(
                (f"{mark} {verdict}", "bold green" if results.passed else "bold red"), "\n",
                t("quiz.total", lang, earned=format_points(results.earned), max=format_points(results.max_points),
                  percent=f"{results.percent:.0f}"), "\n",
                t("quiz.time", lang, time=format_clock(results.seconds)),
            ), id="results-total")
            yield Label(t("quiz.by_topic", lang), classes="panel-heading")
            yield Static(self._topics_table(), id="results-topics")
            yield Label(t("quiz.review", lang), classes="panel-heading")
            yield OptionList(*self._review_options(), id="review")
        yield Footer()

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, self.tutor.lang)
        self.query_one("#review", OptionList).focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#results-body", VerticalScroll).scroll_home, animate=False)

    def _topics_table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        full, empty = ("#", ".") if self.tutor.ascii_only else ("█", "·")
        for score in self.results.per_topic:
            filled = round(BAR * score.percent / 100)
            table.add_row(
                t(f"topic.{score.topic}", self.tutor.lang), full * filled + empty * (BAR - filled),
                f"{score.percent:.0f} %", f"{format_points(score.earned)}/{format_points(score.max_points)} pt",
            )
        return table

    def _review_options(self) -> list[Option]:
        lang, ascii_only = self.tutor.lang, self.tutor.ascii_only
        options = []
        for number, question in enumerate(self.session.questions, start=1):
            record = self.session.answers.get(question.id)
            right = bool(record and record.grade.correct)
            partial = bool(record and record.grade.partial)
            mark = ("[OK]" if ascii_only else "✓") if right else ("[~]" if ascii_only else "≈") if partial else ("[X]" if ascii_only else "✗")
            word = t("quiz.correct" if right else "quiz.partial" if partial else "quiz.wrong", lang)
            text = Text.assemble((f"{number}. {mark} {word}", "bold"), f" · {t('topic.' + question.topic, lang)}\n")
            text.append(question.prompt + "\n")
            text.append(t("quiz.your_answer", lang, text=answer_text(question, record.answer if record else None, lang)) + "\n", "italic")
            if not right:
                text.append(t("quiz.expected", lang, text=expected_text(question, lang)) + "\n", "bold")
            text.append(t("quiz.explanation", lang, text=question.explanation), "dim")
            options.append(Option(text, id=question.id))
        return options

    def action_read(self) -> None:
        """Open the lesson section of the highlighted question."""
        review = self.query_one("#review", OptionList)
        if review.highlighted is None:
            return
        question = self.session.question(review.get_option_at_index(review.highlighted).id or "")
        self.tutor.open_lesson(question.module, question.section)

    def action_retry(self) -> None:
        """A new practice quiz of the questions missed here."""
        if not self.results.missed:
            return
        settings = self.session.settings
        retry = QuizSettings(bank=settings.bank, mode="practice", question_ids=self.results.missed, kind="retry")
        self.tutor.start_quiz(retry, replace_screen=True)

    def action_back(self) -> None:
        """Back to where the quiz was started from."""
        self.dismiss()
