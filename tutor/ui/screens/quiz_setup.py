"""Quiz setup: topics, number of questions, difficulty, mode, time limit and seed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from tutor.errors import shown_value
from tutor.i18n.catalogue import t
from tutor.quiz.model import DIFFICULTIES, MAX_COUNT, MAX_SEED, MAX_TIME_LIMIT_MINUTES
from tutor.quiz.session import MODES, QuizSettings
from tutor.quiz.topics import offered_topics, topic_name
from tutor.ui.app_protocol import tutor_app
from tutor.ui.css import css
from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.alive import when_active, when_alive
from tutor.ui.widgets.fields import FieldCell, FieldSpec
from tutor.ui.widgets.toggle import Toggle

if TYPE_CHECKING:
    from tutor.ui.app_protocol import TutorAppProtocol


def _positive_int(text: object, maximum: int) -> int | None:
    """A whole number from 1 to `maximum` typed in a field, else None: nan, inf, 1e309, a seed beyond
    SQLite's 64 bits and a number too long for int() (over 4,300 digits: ValueError) included."""
    cleaned = str(text).strip()
    if len(cleaned) > 50:  # far beyond any maximum, and int() would raise on 4,300 digits
        return None
    try:
        value = int(cleaned)
    except ValueError:
        return None
    return value if 0 < value <= maximum else None


def _too_large(text: object) -> bool:
    """Whether `text` is a whole number above 0 (refused by `_positive_int`: so above the maximum)."""
    digits = str(text).strip().removeprefix("+")
    return digits.isdecimal() and bool(digits.lstrip("0"))


class QuizSetupScreen(Screen[None]):
    """Choose what to be quizzed on."""

    CSS_PATH = css("quiz")

    BINDINGS = [
        Binding("f5,ctrl+s", "start", "Start", id="start"),
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("q,ctrl+b", "back", "Back", id="back"),
    ]
    AUTO_FOCUS = "Toggle"

    def __init__(self, bank: str = "fine-tuning") -> None:
        super().__init__()
        self.bank = bank

    @property
    def tutor(self) -> TutorAppProtocol:
        """The app, typed."""
        return tutor_app(self)

    @property
    def topics(self) -> list[str]:
        """The topics this bank's quiz may be limited to (see tutor.quiz.topics.offered_topics)."""
        return offered_topics(self.tutor.quizzes.bank(self.bank, self.tutor.lang))

    def compose(self) -> ComposeResult:
        lang = self.tutor.lang
        with VerticalScroll(id="setup-body"):
            yield Label(t("quiz.setup", lang), classes="panel-title")
            yield Label(t("quiz.topics", lang), classes="panel-heading")
            with Grid(id="setup-topics"):
                for topic in self.topics:
                    yield Toggle(topic_name(topic, lang, self.tutor.quizzes), id=f"topic-{topic}")
            with Grid(classes="fields", id="setup-fields"):
                yield FieldCell(FieldSpec("count", t("quiz.count", lang)), "10")
                difficulties = [(t("quiz.any", lang), "any")] + [(t(f"difficulty.{d}", lang), d) for d in DIFFICULTIES]
                yield FieldCell(FieldSpec("difficulty", t("quiz.difficulty", lang), "choice", difficulties), "any")
                modes = [(t(f"quiz.{m}", lang), m) for m in MODES]
                yield FieldCell(FieldSpec("mode", t("quiz.mode", lang), "choice", modes), "practice")
                yield FieldCell(FieldSpec("time_limit", t("quiz.time_limit", lang)), "")
                yield FieldCell(FieldSpec("seed", t("quiz.seed", lang)), "")
            yield Static(t("quiz.start_hint", lang), id="setup-hint", markup=False)
        yield Footer()

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, self.tutor.lang)
        for cell in self.query(FieldCell):
            cell.show_problem(None)

    def settings(self) -> QuizSettings | None:
        """The settings as entered, or None after showing what is wrong beside each field."""
        lang = self.tutor.lang
        values = {cell.spec.name: cell.value for cell in self.query(FieldCell)}
        problems: dict[str, str] = {}
        limits = {"count": MAX_COUNT, "time_limit": MAX_TIME_LIMIT_MINUTES, "seed": MAX_SEED}
        numbers: dict[str, int | None] = {}
        for name, maximum in limits.items():
            if name != "count" and not str(values[name]).strip():
                numbers[name] = None  # no time limit, a random seed
                continue
            number = _positive_int(values[name], maximum)
            shown = shown_value(str(values[name]).strip())
            if number is None and _too_large(values[name]):
                problems[name] = t("cli.field_at_most", lang, value=shown, maximum=maximum)
            elif number is None:
                problems[name] = t("quiz.bad_number", lang, value=shown)
            numbers[name] = number
        count, limit, seed = numbers["count"], numbers["time_limit"], numbers["seed"]
        for cell in self.query(FieldCell):
            cell.show_problem(problems.get(cell.spec.name))
        if problems:
            return None
        topics = tuple(topic for topic in self.topics if self.query_one(f"#topic-{topic}", Toggle).value)
        difficulty = None if values["difficulty"] == "any" else str(values["difficulty"])
        mode = str(values["mode"])
        return QuizSettings(
            bank=self.bank, topics=topics, count=count or 10, difficulty=difficulty, mode=mode, seed=seed,
            time_limit=limit * 60.0 if limit and mode == "exam" else None,
        )

    def on_field_cell_changed(self, event: FieldCell.Changed) -> None:
        event.stop()

    def action_start(self) -> None:
        """Start the quiz with these settings."""
        settings = self.settings()
        if settings is not None:
            self.tutor.start_quiz(settings, replace_screen=True)

    @when_active
    def on_input_submitted(self, event: object) -> None:
        """Enter in a field starts (on topics Enter and Space tick)."""
        self.action_start()

    def action_back(self) -> None:
        """Back to the home screen."""
        self.dismiss()
