"""Home screen: the course's modules with their reading progress, then quiz, simulators, review,
statistics and settings; Enter opens the highlighted entry.

One OptionList holds every entry (each drawn as a few lines of text with a gauge) rather than a
list of widgets per entry: the first screen comes up noticeably faster.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tutor.content.model import Module
from tutor.content.simulators import simulator_title
from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt_percent
from tutor.ui.app_protocol import tutor_app
from tutor.ui.keys import localize_bindings
from tutor.ui.panels import PANELS
from tutor.ui.widgets.alive import when_active, when_alive
from tutor.ui.widgets.controls import SafeOptionList

if TYPE_CHECKING:
    from tutor.ui.app_protocol import TutorAppProtocol

GAUGE = 32


def module_entry(module: Module, lang: str, read: int, resume_title: str | None) -> Text:
    """A module as three lines: number and title, subtitle, gauge of sections read; and a fourth,
    where to resume.

    "Reprendre : <section>" has a line of its own, its words joined by no-break spaces: wrapped
    after the gauge, the section title landed alone on a line and read as a menu entry.
    """
    total = len(module.sections)
    filled = round(GAUGE * read / total) if total else 0
    text = Text.assemble((f"{t('home.module', lang, number=module.number)} · {module.title}", "bold"), "\n")
    if module.subtitle:
        text.append(module.subtitle + "\n", "italic")
    text.append("█" * filled, "bold")
    text.append("░" * (GAUGE - filled))
    # Rounded as the lesson header rounds it (6/7 reads 86 % on both screens).
    text.append(" " + fmt_percent(100 * read / total if total else 0, lang, 0).rjust(5) + "  ")
    text.append(t("home.progress", lang, read=read, total=total))
    if resume_title:
        resume = t("home.resume", lang, section=resume_title)
        text.append("\n" + "→ " + resume.replace(" ", "\u00a0"), "italic")
    return text


class HomeScreen(Screen[None]):
    """Everything the course offers, in one list."""

    BINDINGS = [
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("l", "app.switch_lang", "Language", id="lang"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]
    AUTO_FOCUS = "#modules"

    @property
    def tutor(self) -> TutorAppProtocol:
        """The app, typed."""
        return tutor_app(self)

    def compose(self) -> ComposeResult:
        lang = self.tutor.lang
        yield Static(t("app.title", lang), id="home-title", markup=False)
        yield Static(t("home.heading", lang), id="home-heading", markup=False)
        if not self.tutor.course.modules_in(lang):
            yield Static(t("content.none", lang), id="home-empty", markup=False)
        yield SafeOptionList(*self.entries(), id="modules")
        yield Static(t("home.hint", lang), id="home-hint", markup=False)
        yield Footer()

    def entries(self) -> list[Option]:
        """Modules first (with progress), then quiz, simulators, review, statistics, settings."""
        app, lang = self.tutor, self.tutor.lang
        options = []
        for module in app.course.modules_in(lang):
            read = len(app.store.sections_read(module.id) & {s.id for s in module.sections})
            position = app.store.position(module.id)
            index = module.section_index(position) if position else None
            resume = module.sections[index].title if index is not None else None
            options.append(Option(module_entry(module, lang, read, resume), id=f"module:{module.id}"))
        if app.quizzes.banks:
            options.append(Option(t("home.quiz", lang), id="quiz"))
        for name in PANELS:
            options.append(Option(t("home.simulator", lang, title=simulator_title(name, lang)), id=f"simulator:{name}"))
        if app.quizzes.banks:
            due, total = app.store.review_counts()
            review = t("home.review", lang, count=due) if due else t("home.review_none", lang, total=total)
            options.append(Option(review, id="review"))
        options.append(Option(t("home.stats", lang), id="stats"))
        options.append(Option(t("home.settings", lang), id="settings"))
        return options

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, self.tutor.lang)

    _stale = False

    def on_screen_resume(self) -> None:
        """Coming back: refresh the progress and the review count, keep the highlighted entry."""
        if not self._stale:
            self._stale = True  # the first showing follows compose: the list is fresh
            return
        entries = self.query_one("#modules", OptionList)
        highlighted = entries.highlighted
        entries.set_options(self.entries())
        entries.highlighted = highlighted
        entries.focus()

    @when_active
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) opens the entry."""
        event.stop()
        kind, _, name = (event.option.id or "").partition(":")
        app = self.tutor
        if kind == "module":
            app.open_lesson(name)
        elif kind == "simulator":
            app.open_simulator(name)
        else:
            {"quiz": app.open_quiz_setup, "review": app.start_review, "stats": app.open_stats,
             "settings": app.open_settings}[kind]()
