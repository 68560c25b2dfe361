"""Offer to resume a quiz that was interrupted (closed window, dropped SSH link, killed process)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.i18n.catalogue import t
from tutor.quiz.pending import AttemptRef
from tutor.store.records import AttemptRow
from tutor.ui.app_protocol import tutor_app
from tutor.ui.css import css
from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.alive import when_alive

if TYPE_CHECKING:
    from tutor.ui.app_protocol import TutorAppProtocol


class ResumeScreen(ModalScreen[None]):
    """Resume (o / y / Enter) or abandon (n) the unfinished attempt."""

    CSS_PATH = css("quiz")

    BINDINGS = [
        Binding("o,y,enter", "resume", "Resume", id="resume"),
        Binding("n", "abandon", "Abandon", id="abandon"),
    ]

    def __init__(self, attempt: AttemptRow) -> None:
        super().__init__()
        self.attempt = attempt

    @property
    def tutor(self) -> TutorAppProtocol:
        """The app, typed."""
        return tutor_app(self)

    def compose(self) -> ComposeResult:
        lang = self.tutor.lang
        with Vertical(id="resume-box"):
            yield Static(t("quiz.resume", lang, answered=len(self.attempt.answers),
                           total=len(self.attempt.question_ids)), id="resume-question", markup=False)
            if self.attempt.time_limit:  # an empty note would still take its margin: blank lines
                yield Static(t("quiz.resume_clock", lang), id="resume-note", markup=False)
            yield Static(t("quiz.resume_keys", lang), id="resume-keys", markup=False)

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, self.tutor.lang)

    def action_resume(self) -> None:
        """Reopen the quiz where it stopped."""
        self.dismiss()
        if not self.tutor.resume_attempt(self.attempt):
            self.tutor.notify(t("quiz.no_questions", self.tutor.lang), severity="warning")

    def action_abandon(self) -> None:
        """Close the attempt for good (its answers stay in the history)."""
        writer = self.tutor.writer(AttemptRef(self.attempt.id))
        self.tutor.tell(writer.finish(self.attempt.elapsed, state="abandoned"))
        self.dismiss()
