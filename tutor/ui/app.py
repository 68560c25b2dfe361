"""The Textual application: holds the course, the store and the language, and routes between screens.

Screens render what the core computes; the app only decides which screen is shown.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from tutor.core.content import Course, Module
from tutor.core.i18n import t
from tutor.core.store import Store
from tutor.quiz.model import QuizLibrary
from tutor.ui.commands import LessonCommands
from tutor.ui.keys import localize_bindings

STYLES = Path(__file__).parent / "styles"


class TutorApp(App[int]):
    """The `tutor` full-screen app."""

    CSS_PATH = [STYLES / f"{name}.tcss" for name in ("global", "home", "lesson", "help", "panels")]
    COMMANDS = App.COMMANDS | {LessonCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", "Help", show=False, id="help"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit"),
    ]

    def __init__(
        self,
        course: Course,
        store: Store,
        lang: str = "fr",
        quizzes: QuizLibrary | None = None,
        notice: str | None = None,
        resume: bool = True,
    ) -> None:
        super().__init__()
        self.course = course
        self.quizzes = quizzes or QuizLibrary()
        self.store = store
        self.lang = lang
        self._notice = notice
        self._resume = resume
        self.title = t("app.title", lang)
        localize_bindings(self, lang)

    def on_mount(self) -> None:
        """Show the home screen, then reopen the lesson where the learner stopped."""
        from tutor.ui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if self._notice:
            self.notify(self._notice, severity="warning", timeout=15)
        last = self.store.last_module() if self._resume else None
        if last is not None and self.course.module(last, self.lang) is not None:
            self.open_lesson(last)

    def module(self, module_id: str) -> Module | None:
        """The module in the current language (or the one it exists in)."""
        return self.course.module(module_id, self.lang)

    def open_lesson(self, module_id: str, section_id: str | None = None) -> None:
        """Open a module at `section_id`, else where the learner stopped, else at its start."""
        from tutor.ui.screens.lesson import LessonScreen

        module = self.module(module_id)
        if module is None:
            return
        target = section_id or self.store.position(module_id)
        index = module.section_index(target) if target else None
        if isinstance(self.screen, LessonScreen) and self.screen.module.id == module_id:
            self.screen.show_section(index or 0)
            return
        while isinstance(self.screen, LessonScreen):
            self.pop_screen()
        self.push_screen(LessonScreen(module, index or 0))

    def open_simulator(self, name: str) -> None:
        """Open a simulator panel on its own screen."""
        from tutor.ui.screens.simulator import SimulatorScreen

        self.push_screen(SimulatorScreen(name))

    def action_help(self) -> None:
        """Show the keys of the current screen."""
        from tutor.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_switch_lang(self) -> None:
        """Switch the course and the interface between French and English, keeping the place."""
        from tutor.ui.screens.home import HomeScreen
        from tutor.ui.screens.lesson import LessonScreen

        place = None
        if isinstance(self.screen, LessonScreen):
            place = (self.screen.module.id, self.screen.section.id)
        self.lang = "en" if self.lang == "fr" else "fr"
        self.title = t("app.title", self.lang)
        localize_bindings(self, self.lang)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(HomeScreen())
        if place is not None:
            self.open_lesson(*place)
