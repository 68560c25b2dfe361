"""Quiz setup: topics, number of questions, difficulty, mode, time limit and seed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from tutor.core.i18n import t
from tutor.quiz.model import DIFFICULTIES, TOPICS
from tutor.quiz.session import MODES, QuizSettings
from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.fields import FieldCell, FieldSpec
from tutor.ui.widgets.toggle import Toggle
from tutor.ui.css import css
from tutor.ui.widgets.alive import when_active, when_alive

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


def _positive_int(text: object) -> int | None:
    try:
        value = int(str(text).strip())
    except ValueError:
        return None
    return value if value > 0 else None


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
    def tutor(self) -> TutorApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        lang = self.tutor.lang
        with VerticalScroll(id="setup-body"):
            yield Label(t("quiz.setup", lang), classes="panel-title")
            yield Label(t("quiz.topics", lang), classes="panel-heading")
            with Grid(id="setup-topics"):
                for topic in TOPICS:
                    yield Toggle(t(f"topic.{topic}", lang), id=f"topic-{topic}")
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
        count = _positive_int(values["count"])
        if count is None:
            problems["count"] = t("quiz.bad_number", lang, value=values["count"])
        limit = seed = None
        if str(values["time_limit"]).strip():
            limit = _positive_int(values["time_limit"])
            if limit is None:
                problems["time_limit"] = t("quiz.bad_number", lang, value=values["time_limit"])
        if str(values["seed"]).strip():
            seed = _positive_int(values["seed"])
            if seed is None:
                problems["seed"] = t("quiz.bad_number", lang, value=values["seed"])
        for cell in self.query(FieldCell):
            cell.show_problem(problems.get(cell.spec.name))
        if problems:
            return None
        topics = tuple(topic for topic in TOPICS if self.query_one(f"#topic-{topic}", Toggle).value)
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
