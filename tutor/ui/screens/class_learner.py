"""One learner of the class in detail: mastery per topic, attempts (newest first), the questions they missed most.

Drawn from the same `ClassView` as the dashboard and redrawn with it: a learner who answers while
the instructor looks sees it here too. A learner whose file went away (or turned bad) is said so.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from tutor.classroom.model import ClassView, learner_details
from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt
from tutor.ui.css import css
from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.alive import when_alive
from tutor.ui.widgets.class_cells import mode_label, share_cell, short, topic_label

if TYPE_CHECKING:
    from tutor.ui.class_protocol import ClassAppProtocol


class ClassLearnerScreen(Screen[None]):
    """The details of learner `login`."""

    CSS_PATH = css("class")
    BINDINGS = [
        Binding("escape,q,ctrl+b", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, login: str) -> None:
        super().__init__()
        self.login = login

    @property
    def dashboard(self) -> ClassAppProtocol:
        """The app, typed."""
        return self.app  # type: ignore[return-value]  # these screens run only inside ClassApp

    def compose(self) -> ComposeResult:
        lang = self.dashboard.lang
        with VerticalScroll(id="learner-body"):
            yield Static("", id="learner-head", markup=False)
            yield Label(t("class.learner.topics", lang), classes="panel-heading")
            yield Static("", id="learner-topics")
            yield Label(t("class.learner.attempts", lang), classes="panel-heading")
            yield Static("", id="learner-attempts")
            yield Label(t("class.learner.missed", lang), classes="panel-heading")
            yield Static("", id="learner-missed")
        yield Footer()

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, self.dashboard.lang)
        self.show_view(self.dashboard.view)
        self.query_one("#learner-body").focus()

    def tick(self, now: float) -> None:
        """Nothing here counts down."""

    def show_view(self, view: ClassView) -> None:
        """Draw the learner from `view`."""
        lang = self.dashboard.lang
        record = view.learner(self.login)
        head = self.query_one("#learner-head", Static)
        parts = [self.query_one(f"#learner-{part}", Static) for part in ("topics", "attempts", "missed")]
        if record is None:
            head.update(Text(t("class.learner.gone", lang, login=self.login)))
            for part in parts:
                part.update("")
            return
        details = learner_details(record)
        head.update(Text(t("class.learner.head", lang, name=record.name, login=record.login, language=record.lang,
                           time=_when(record.updated, self.dashboard.clock())), style="bold"))
        topics = Table.grid(padding=(0, 2))
        for topic, score in details.topics:
            topics.add_row(Text(short(topic_label(topic, lang), 34)), share_cell(self.app, score.mastery, lang),
                           Text(t("class.learner.points", lang, earned=round(score.earned, 2),
                                  max_points=round(score.max_points, 2), count=score.answers)))
        parts[0].update(topics if details.topics else Text(t("class.learner.none", lang)))
        attempts = Table.grid(padding=(0, 2))
        for attempt in details.attempts[:12]:
            started = _when(attempt.started, self.dashboard.clock(), seconds=False)
            attempts.add_row(Text(started), Text(mode_label(attempt.mode, lang)), Text(short(attempt.bank, 16)),
                             Text(t(f"class.state.{attempt.state}", lang)),
                             Text(t("class.reached", lang, reached=attempt.answered, total=attempt.total),
                                  justify="right"),
                             share_cell(self.app, attempt.share, lang))
        parts[1].update(attempts if details.attempts else Text(t("class.learner.none", lang)))
        missed = Table.grid(padding=(0, 2))
        for question_id, topic, answers, credit in details.missed:
            missed.add_row(share_cell(self.app, credit, lang), Text(short(question_id, 30)),
                           Text(short(topic_label(topic, lang), 24)), Text(fmt(answers, lang), justify="right"))
        parts[2].update(missed if details.missed else Text(t("class.learner.none", lang)))


def _when(stamp: float, now: float, seconds: bool = True) -> str:
    """`14:05:09` today (a lab is one day), `2026-01-31 14:05` another day (no seconds: `12-31 14:05` in lists)."""
    moment, today = time.localtime(stamp), time.localtime(now)
    if moment[:3] == today[:3]:
        return time.strftime("%H:%M:%S" if seconds else "%H:%M", moment)
    return time.strftime("%Y-%m-%d %H:%M" if seconds else "%m-%d %H:%M", moment)
