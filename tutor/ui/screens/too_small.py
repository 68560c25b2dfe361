"""Shown instead of the layout when the terminal is smaller than tutor can use; it goes away by itself."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.i18n.catalogue import t

MIN_WIDTH = 60
MIN_HEIGHT = 16


class TooSmallScreen(ModalScreen[None]):
    """"Enlarge the terminal to at least W×H" (every screen underneath keeps its state).

    The app pushes it and pops it as the terminal shrinks and grows (see `TutorApp._check_size`).
    """

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        # The notice wraps inside its box (styles/global.tcss): it is shown precisely when the
        # terminal is too narrow for one long line.
        yield Static(t("app.too_small", self.lang, width=MIN_WIDTH, height=MIN_HEIGHT), id="too-small",
                     markup=False)
