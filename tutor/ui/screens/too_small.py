"""Shown instead of the layout when the terminal is smaller than tutor can use; it goes away by itself."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.core.i18n import t

MIN_WIDTH = 60
MIN_HEIGHT = 16


class TooSmallScreen(ModalScreen[None]):
    """"Enlarge the terminal to at least W×H" (every screen underneath keeps its state)."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Static(t("app.too_small", self.lang, width=MIN_WIDTH, height=MIN_HEIGHT), id="too-small")

    def on_resize(self) -> None:
        if self.app.size.width >= MIN_WIDTH and self.app.size.height >= MIN_HEIGHT:
            self.dismiss()
