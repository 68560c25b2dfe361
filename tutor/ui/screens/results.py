"""Results screen: total and pass/fail, scores by topic, then a review of every question.

When the store refused some of the quiz's writes (read-only database, full disk), a warning says the
quiz is not saved yet, until the retries get it in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt_percent
from tutor.quiz.display import answer_text, expected_text, format_clock, format_points
from tutor.quiz.pending import reason_text
from tutor.quiz.session import QuizSession, QuizSettings
from tutor.ui.app_protocol import tutor_app
from tutor.ui.css import css
from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.alive import when_alive
from tutor.ui.widgets.controls import SafeOptionList

if TYPE_CHECKING:
    from tutor.ui.app_protocol import TutorAppProtocol

BAR = 20


class ReviewList(SafeOptionList):
    """The review of every question: as tall as its content, inside the screen's one scroll bar.

    A list that scrolled by itself inside a scrolling screen gave two scroll bars, one inside the
    other. This one never scrolls: moving the highlight scrolls the screen's body to show it.
    """

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Bring the highlighted question into view by scrolling the screen's body."""
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted or not isinstance(self.parent, VerticalScroll):
            return
        self._update_lines()
        try:
            y = self._index_to_line[highlighted]
        except KeyError:
            return
        height = self._heights[highlighted]
        body = self.parent
        region = Region(0, self.virtual_region.y + y, self.size.width, height)
        body.scroll_to_region(region, animate=False, top=top, immediate=True)


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
    def tutor(self) -> TutorAppProtocol:
        """The app, typed."""
        return tutor_app(self)

    def compose(self) -> ComposeResult:
        lang, results = self.tutor.lang, self.results
        ascii_only = self.tutor.ascii_only
        mark = ("[OK]" if ascii_only else "✓") if results.passed else ("[X]" if ascii_only else "✗")
        verdict = t("quiz.passed" if results.passed else "quiz.failed", lang, mark=results.pass_mark)
        with VerticalScroll(id="results-body"):
            yield Label(t("quiz.results", lang), classes="panel-title")
            yield Static(Text.assemble(
                (f"{mark} {verdict}", "bold green" if results.passed else "bold red"), "\n",
                t("quiz.total", lang, earned=format_points(results.earned, lang),
                  max=format_points(results.max_points, lang),
                  percent=round(results.percent)), "\n",
                t("quiz.time", lang, time=format_clock(results.seconds)),
            ), id="results-total")
            if self.tutor.pending:  # never let results look saved when they are not
                yield Static(self._unsaved_text(), id="results-unsaved")
            yield Label(t("quiz.by_topic", lang), classes="panel-heading")
            yield Static(self._topics_table(), id="results-topics")
            yield Label(t("quiz.review", lang), classes="panel-heading")
            yield Static(t("results.read_hint", lang), id="review-hint", markup=False)
            yield ReviewList(*self._review_options(), id="review-list")
        yield Footer()

    def _unsaved_text(self) -> Text:
        pending, lang = self.tutor.pending, self.tutor.lang
        return Text(t("quiz.results_unsaved", lang, reason=reason_text(pending.reason, lang, pending.error)),
                    style="bold red")

    def writes_saved(self) -> None:
        """The app's retries got every waiting write in: the warning goes."""
        for warning in self.query("#results-unsaved"):
            warning.remove()

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, self.tutor.lang)
        review = self.query_one("#review-list", OptionList)
        # The first question is highlighted from the start: `r` always says which section it opens.
        review.highlighted = 0 if review.option_count else None
        review.focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#results-body", VerticalScroll).scroll_home, animate=False)

    def _topics_table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        full, empty = ("#", ".") if self.tutor.ascii_only else ("█", "·")
        lang = self.tutor.lang
        for score in self.results.per_topic:
            filled = round(BAR * score.percent / 100)
            table.add_row(
                self.session.topic_name(score.topic), full * filled + empty * (BAR - filled),
                fmt_percent(score.percent, lang, 0),
                f"{format_points(score.earned, lang)}/{format_points(score.max_points, lang)} pt",
            )
        return table

    def _review_options(self) -> list[Option]:
        lang, ascii_only = self.tutor.lang, self.tutor.ascii_only
        self._review_texts: list[Text] = []
        options = []
        for number, question in enumerate(self.session.questions, start=1):
            record = self.session.answers.get(question.id)
            right = bool(record and record.grade.correct)
            partial = bool(record and record.grade.partial)
            mark = (("[OK]" if ascii_only else "✓") if right else ("[~]" if ascii_only else "≈") if partial
                    else ("[X]" if ascii_only else "✗"))
            word = t("quiz.correct" if right else "quiz.partial" if partial else "quiz.wrong", lang)
            topic = self.session.topic_name(question.topic)
            text = Text.assemble((f"{number}. {mark} {word}", "bold"), f" · {topic}\n")
            text.append(question.prompt + "\n")
            text.append(t("quiz.your_answer", lang,
                          text=answer_text(question, record.answer if record else None, lang,
                                           [o.id for o in self.session.options(question)])) + "\n", "italic")
            if not right:
                text.append(t("quiz.expected", lang, text=expected_text(question, lang)) + "\n", "bold")
            text.append(t("quiz.explanation", lang, text=question.explanation), "dim")
            if number < len(self.session.questions):
                text.append("\n")  # a blank line between questions
            self._review_texts.append(text)
            options.append(Option(self._review_prompt(len(self._review_texts) - 1, False), id=question.id))
        return options

    def _review_prompt(self, index: int, highlighted: bool) -> Table:
        """A reviewed question, with a `▶` in its margin when it is the one `r` would open.

        The marker shows which question is highlighted without relying on colour.
        """
        grid = Table.grid()
        grid.add_column(width=2, no_wrap=True)
        grid.add_column(ratio=1)
        marker = (">" if self.tutor.ascii_only else "▶") if highlighted else " "
        grid.add_row(Text(marker, "bold"), self._review_texts[index])
        return grid

    _marked: int | None = None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Move the `▶` marker to the highlighted question."""
        review = event.option_list
        if review.id != "review-list":
            return
        if self._marked is not None and self._marked < review.option_count:
            review.replace_option_prompt_at_index(self._marked, self._review_prompt(self._marked, False))
        self._marked = event.option_index
        review.replace_option_prompt_at_index(event.option_index, self._review_prompt(event.option_index, True))

    def action_read(self) -> None:
        """Open the lesson section of the highlighted question."""
        review = self.query_one("#review-list", OptionList)
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
