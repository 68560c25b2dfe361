"""A simulator on its own screen (from the home screen or the command palette)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer

from tutor.ui.app_protocol import tutor_app
from tutor.ui.css import css
from tutor.ui.keys import localize_bindings
from tutor.ui.panels import make_panel
from tutor.ui.widgets.alive import when_alive


class SimulatorScreen(Screen[None]):
    """One simulator panel, full screen."""

    CSS_PATH = css("panels", "metrics")

    AUTO_FOCUS = "#task-sentence, Input, Select"
    BINDINGS = [
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("q,ctrl+b", "back", "Back", id="back"),
        # A function key: the panels' inputs hold the focus and take printable keys, and the panels
        # already use Ctrl+R (compute, train), Ctrl+O, F5, F6 and F7. Not in the footer, which the
        # panels' keys fill at 80 columns: the help screen (?) lists it.
        Binding("f8", "lesson", "Lesson", id="lesson", show=False),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.simulator = name

    def compose(self) -> ComposeResult:
        lang = tutor_app(self).lang
        with VerticalScroll(id="simulator-body"):
            panel = make_panel(self.simulator, lang, getattr(self.app, "ascii_only", False))
            if panel is not None:
                yield panel
        yield Footer()

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, tutor_app(self).lang)

    def action_back(self) -> None:
        """Back to where the simulator was opened from."""
        self.dismiss()

    def _lesson(self) -> tuple[str, str] | None:
        """(module id, section id) of the section that teaches this simulator, if any."""
        app = tutor_app(self)
        found = app.course.where_taught(self.simulator, app.lang)
        return (found[0].id, found[1].id) if found else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The lesson key only shows when a section embeds this simulator."""
        if action == "lesson":
            return self._lesson() is not None
        return True

    def action_lesson(self) -> None:
        """Open the lesson section that embeds this simulator, in place of this screen."""
        target = self._lesson()
        if target is None:
            return
        self.dismiss()
        tutor_app(self).open_lesson(*target)
