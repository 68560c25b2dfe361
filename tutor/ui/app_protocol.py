"""What screens, panels and the command palette use of the running app, as a typed protocol.

`TutorApp` (tutor.ui.app) implements it; screens reach the app through `self.app`, typed with this
protocol (their `tutor` property), and never import `tutor.ui.app`: the app imports its screens to
show them, so a screen importing the app back would close a circle. The app's own navigation
(`open_lesson`, `start_quiz`, …) is how a screen asks for another screen it does not import.

Besides tutor's own attributes, it lists the few Textual `App` methods screens call through it.
Its imports are for annotations only: no tutor module is imported at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from tutor.content.model import Course, Module
    from tutor.quiz.model import QuizLibrary
    from tutor.quiz.pending import AttemptRef, AttemptWriter, PendingWrites, WriteResult
    from tutor.quiz.session import QuizSettings
    from tutor.settings import Settings
    from tutor.sim.config import FineTuneConfig
    from tutor.store.interface import Store
    from tutor.store.records import AttemptRow

__all__ = ["TutorAppProtocol", "tutor_app"]


class TutorAppProtocol(Protocol):
    """The running `tutor` app, as screens see it."""

    lang: str
    ascii_only: bool
    course: Course
    quizzes: QuizLibrary
    store: Store
    pending: PendingWrites
    settings: Settings
    theme: str

    @property
    def available_themes(self) -> Mapping[str, Any]:
        """Every theme the app knows (Textual's and tutor's), by name."""
        ...

    # -- progress ------------------------------------------------------------------------------

    def write(self, work: Callable[[Store], object], key: Hashable | None = None) -> WriteResult:
        """A progress write; when the store refuses it, the learner is told once and it is retried."""
        ...

    def writer(self, attempt: AttemptRef) -> AttemptWriter:
        """The writes of one quiz attempt, through the app's queue of refused writes."""
        ...

    def tell(self, result: WriteResult, quiet: bool = False) -> WriteResult:
        """Tell the learner about a write kept for later."""
        ...

    # -- navigation ----------------------------------------------------------------------------

    def module(self, module_id: str) -> Module | None:
        """The module in the current language (or the one it exists in)."""
        ...

    def open_lesson(self, module_id: str, section_id: str | None = None) -> None:
        """Open a module at `section_id`, else where the learner stopped."""
        ...

    def start_quiz(self, settings: QuizSettings, replace_screen: bool = False) -> bool:
        """Draw a quiz and show its first question (False: nothing to ask)."""
        ...

    def resume_attempt(self, attempt: AttemptRow, replace_screen: bool = False) -> bool:
        """Reopen an interrupted quiz (False: it cannot be rebuilt, and is abandoned)."""
        ...

    def open_quiz_setup(self) -> None:
        """Choose topics, count, difficulty and mode."""
        ...

    def start_review(self) -> bool:
        """A practice quiz of the questions due for review."""
        ...

    def open_stats(self) -> None:
        """The progress screen."""
        ...

    def open_settings(self) -> None:
        """The settings screen."""
        ...

    def open_simulator(self, name: str) -> None:
        """A simulator panel on its own screen."""
        ...

    def open_export(self, config: FineTuneConfig, lang: str) -> None:
        """A configurator's configuration as a Python script and as YAML."""
        ...

    def set_ascii(self, ascii_only: bool) -> None:
        """Switch ASCII mode on or off."""
        ...

    def action_help(self) -> None:
        """Show the keys of the current screen."""
        ...

    def action_switch_lang(self) -> None:
        """Switch between French and English, keeping the place."""
        ...

    # -- Textual's App, as screens use it --------------------------------------------------------

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """A notification, shown as written."""
        ...

    def push_screen(self, screen: Any, callback: Any = None) -> Any:
        """Show `screen` above the current one."""
        ...

    def set_keymap(self, keymap: Mapping[str, str]) -> None:
        """Remap keys by binding id."""
        ...


def tutor_app(node: MessagePump) -> TutorAppProtocol:
    """The app running `node`, as the protocol: screens and panels run only inside `TutorApp`, which implements it."""
    return cast("TutorAppProtocol", node.app)
