"""A simulator on its own screen (from the home screen or the command palette)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer

from tutor.ui.keys import localize_bindings
from tutor.ui.panels import make_panel
from tutor.ui.css import css
from tutor.ui.widgets.alive import when_alive


class SimulatorScreen(Screen[None]):
    """One simulator panel, full screen."""

    CSS_PATH = css("panels", "metrics")

    AUTO_FOCUS = "#task-sentence, Input, Select"
    BINDINGS = [
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("q,ctrl+b", "back", "Back", id="back"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.simulator = name

    def compose(self) -> ComposeResult:
        lang = self.app.lang  # type: ignore[attr-defined]
        with VerticalScroll(id="simulator-body"):
            panel = make_panel(self.simulator, lang, getattr(self.app, "ascii_only", False))
            if panel is not None:
                yield panel
        yield Footer()

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, self.app.lang)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        """Back to where the simulator was opened from."""
        self.dismiss()
