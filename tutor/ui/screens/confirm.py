"""A yes/no question before something that cannot be undone (resetting progress)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.i18n.catalogue import t
from tutor.ui.css import css


class ConfirmScreen(ModalScreen[bool]):
    """Dismissed with True for yes (o / y), False for no (n / q / Esc)."""

    CSS_PATH = css("stats")

    BINDINGS = [
        Binding("o,y", "answer(True)", "Yes", show=False),
        Binding("n,q,escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str, lang: str) -> None:
        super().__init__()
        self.question = question
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            # A Static (not a Label, which is as wide as its text): the question wraps inside the box.
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(t("confirm.keys", self.lang), id="confirm-keys", markup=False)

    def action_answer(self, yes: bool) -> None:
        """Answer the question."""
        self.dismiss(yes)
