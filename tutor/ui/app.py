"""The Textual application: holds the course, the store and the language, and routes between screens.

Screens render what the core computes; the app only decides which screen is shown. Every store
write of the learner's path goes through `TutorApp.write`: a write the store refuses (read-only
database, full disk) is announced once, kept and retried (`tutor.quiz.pending`), and counted at exit.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Callable, Hashable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.timer import Timer

from tutor.content.model import Course, Module
from tutor.i18n.catalogue import t
from tutor.quiz.model import QuizLibrary
from tutor.quiz.pending import PROGRESS, AttemptRef, AttemptWriter, PendingWrites, WriteResult
from tutor.quiz.session import QuizSession, QuizSettings, open_exams, session_from_attempt
from tutor.settings import Settings, settings_path
from tutor.store.interface import Store
from tutor.store.records import AttemptRow
from tutor.ui import nobreak
from tutor.ui.ascii_filter import AsciiFilter
from tutor.ui.commands import LessonCommands, TutorCommandPalette
from tutor.ui.css import css
from tutor.ui.keys import key_display, localize_bindings
from tutor.ui.textual_private import ResizeHookMixin, add_output_filter
from tutor.ui.themes import OWN_THEMES, pick_theme

if TYPE_CHECKING:
    from tutor.sim.config import FineTuneConfig
    from tutor.ui.app_protocol import TutorAppProtocol

RETRY_EVERY = 10.0  # seconds between retries of the writes the store refused
# Signals that end the app after saving the quiz clock: a dropped SSH link, a kill, `kill -INT`.
# (Ctrl+C typed in the app is a key, not a signal: the terminal is in raw mode.)
ENDING_SIGNALS = ("SIGHUP", "SIGTERM", "SIGINT")


class TutorApp(ResizeHookMixin, App[int]):
    """The `tutor` full-screen app."""

    CSS_PATH = css("global", "home", "ascii")  # screens bring their own (see tutor.ui.css)
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
        learner: str = "",
        ascii_only: bool = False,
        quiz: QuizSettings | None = None,
        review: bool = False,
        theme: str | None = None,
        keymap: dict[str, str] | None = None,
        settings: Settings | None = None,
        publish: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        nobreak.install()  # French no-break spaces must not break lines on screen
        for own in OWN_THEMES:
            self.register_theme(own)
        self.settings = settings or Settings(path=settings_path(learner or None))  # the learner's own file
        # Textual's own hook for output filters; switched on and off with ASCII mode.
        self._ascii_filter = AsciiFilter(enabled=ascii_only)
        add_output_filter(self, self._ascii_filter)
        # Chosen before the first frame: changing theme or app classes later restyles everything.
        self.theme = pick_theme(theme, self.console.color_system, set(self.available_themes))
        self.set_class(ascii_only, "-ascii")
        if keymap:
            self.set_keymap(keymap)
        self.course = course
        self.quizzes = quizzes or QuizLibrary()
        self.learner = learner
        self.ascii_only = ascii_only
        self.initial_quiz = quiz  # a quiz to open at start (`tutor quiz …`), else None
        self.initial_review = review  # open the review due at start (`tutor review`)
        self.store = store
        # Writes the store refused, retried in order; `publish` hears of each change of an attempt (a class).
        self.pending = PendingWrites(store, listener=publish)
        self._retry_timer: Timer | None = None
        self._terminal_gone = False  # after SIGHUP: nobody reads what is printed at exit
        self.unsaved_at_exit: list[str] = []  # what was said at exit about progress lost
        self.lang = lang
        self._notice = notice
        self._resume = resume
        self.title = t("app.title", lang)
        localize_bindings(self, lang)
        # Where the traceback of an unexpected exception went (None: no crash). The command line
        # reads it after the app stops and tells the learner in two lines.
        self.crash_log: Path | str | None = None
        self.clock: Callable[[], float] = time.monotonic  # the quiz clock; tests move a fake one
        self.wall_clock: Callable[[], float] = time.time  # a deadline exam's clock across restarts

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected exception: Textual stops the app; the traceback goes to a crash log, not the screen.

        Textual keeps the exception for `run_test`, so tests still fail on it.
        """
        super()._handle_exception(error)
        self._exit_renderables.clear()  # Textual's traceback, printed on exit otherwise
        if self.crash_log is None:
            from tutor.crash import write_crash_log

            self.crash_log = write_crash_log(error)

    def on_mount(self) -> None:
        """Show the home screen, then reopen the lesson where the learner stopped."""
        from tutor.ui.screens.home import HomeScreen

        self._catch_hangups()
        self.call_after_refresh(self._check_size)
        self.push_screen(HomeScreen())
        if self._notice:
            self.notify(self._notice, severity="warning", timeout=15)
        if self.initial_quiz is not None:
            self.start_quiz(self.initial_quiz)
            return
        if self.initial_review:
            self.start_review()
            return
        last = self.store.last_module() if self._resume else None
        if last is not None and self.course.module(last, self.lang) is not None:
            self.open_lesson(last)
        unfinished = self.store.open_attempts() if self._resume else []
        if unfinished:
            from tutor.ui.screens.resume import ResumeScreen

            self.push_screen(ResumeScreen(unfinished[0]))

    def terminal_resized(self) -> None:
        """Below the smallest usable size, a notice covers the layout until the window grows."""
        self._check_size()

    def _check_size(self) -> None:
        from tutor.ui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

        too_small = self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen(self.lang))
        elif showing and not too_small:
            self.pop_screen()

    def _catch_hangups(self) -> None:
        """A dropped SSH link (SIGHUP), a kill (SIGTERM) or `kill -INT` saves the quiz clock and exits."""
        loop = asyncio.get_running_loop()
        for name in ENDING_SIGNALS:
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            try:
                loop.add_signal_handler(signum, self._hang_up, signum)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread (tests)
                return

    def _hang_up(self, signum: int = signal.SIGHUP) -> None:
        """Save what can be saved, then always exit: a failing save must never keep the app running."""
        from tutor.ui.screens.quiz import QuizScreen

        try:
            if signum == signal.SIGHUP:
                self._terminal_gone = True
            for screen in list(self.screen_stack):
                if isinstance(screen, QuizScreen):
                    with suppress(Exception):  # the next screen's clock still deserves its try
                        screen.save_clock(quiet=True)
        finally:
            self.exit(return_code=0)

    # -- writing progress -----------------------------------------------------------------------

    def write(self, work: Callable[[Store], object], key: Hashable | None = None) -> WriteResult:
        """A progress write (position, section read, …): when the store refuses it, say so once and go on."""
        return self.tell(self.pending.write(work, PROGRESS, key))

    def writer(self, attempt: AttemptRef) -> AttemptWriter:
        """The writes of one quiz attempt, through the app's queue of refused writes."""
        return AttemptWriter(self.pending, attempt)

    def tell(self, result: WriteResult, quiet: bool = False) -> WriteResult:
        """Notify the learner of a write kept for later (each answer; the first of other writes)."""
        if not result.saved:
            if result.tell and not quiet:
                self.notify(result.message(self.lang), severity="error", timeout=12)
            if self._retry_timer is None and self.is_running:
                self._retry_timer = self.set_interval(RETRY_EVERY, self.retry_writes)
        return result

    def retry_writes(self) -> None:
        """Retry the refused writes (on a timer while any waits); say so when all went in."""
        if self.pending:
            self.pending.flush()
        if not self.pending:
            if self._retry_timer is not None:
                self._retry_timer.stop()
                self._retry_timer = None
                self.notify(t("quiz.saved_late", self.lang))
                for screen in self.screen_stack:  # e.g. the results stop warning they are not saved
                    saved = getattr(screen, "writes_saved", None)
                    if callable(saved):
                        saved()

    def on_unmount(self) -> None:
        """At exit, one last try for the refused writes; what is still lost is said on the terminal."""
        with suppress(Exception):  # leaving must not fail; what is left is counted below
            self.pending.flush()
        self.unsaved_at_exit = self.pending.exit_lines(self.lang, str(getattr(self.store, "path", "") or ""))
        if self.unsaved_at_exit:
            self._return_code = 1  # progress was lost: a wrapper script can tell
            if not self._terminal_gone:
                self._exit_renderables.append(Text("\n".join(f"tutor: {line}" for line in self.unsaved_at_exit)))

    def _print_error_renderables(self) -> None:
        """Textual prints exit messages here; a terminal gone meanwhile must not turn that into a crash."""
        with suppress(OSError):
            super()._print_error_renderables()

    def resume_attempt(self, attempt: AttemptRow, replace_screen: bool = False) -> bool:
        """Reopen an interrupted quiz with its answers, hints and clock."""
        from tutor.ui.screens.quiz import QuizScreen

        try:
            session = session_from_attempt(self.quizzes, attempt, now=self.wall_clock())
        except (ValueError, TypeError):
            self.tell(self.writer(AttemptRef(attempt.id)).finish(attempt.elapsed, state="abandoned"))
            return False
        screen = QuizScreen(session, AttemptRef(attempt.id), self.clock)
        if replace_screen:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        return True

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

    def start_quiz(self, settings: QuizSettings, replace_screen: bool = False) -> bool:
        """Draw a quiz, open its attempt in the store and show its first question."""
        from tutor.ui.screens.quiz import QuizScreen

        # The same exam taken again (a reconnection) continues where it stopped (the core's rule).
        for attempt in open_exams(settings, self.store.open_attempts):
            if self.resume_attempt(attempt, replace_screen):
                return True
        try:
            session = QuizSession.build(self.quizzes, settings, self.lang, self.learner)
        except ValueError:
            self.notify(t("quiz.no_questions", self.lang), severity="warning")
            return False
        writer, opened = AttemptWriter.open(self.pending, self.quizzes, session)
        self.tell(opened)  # the quiz runs even when the store refuses to open its attempt
        screen = QuizScreen(session, writer.attempt, self.clock)
        if replace_screen:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        return True

    def open_quiz_setup(self) -> None:
        """Choose topics, count, difficulty and mode."""
        from tutor.ui.screens.quiz_setup import QuizSetupScreen

        self.push_screen(QuizSetupScreen())

    def start_review(self) -> bool:
        """A practice quiz of the questions FSRS says are due."""
        due = self.store.review_due()
        if not due:
            self.notify(t("home.review_none", self.lang, total=self.store.review_counts()[1]))
            return False
        bank = next(iter(self.quizzes.banks_in(self.lang)), None)
        settings = QuizSettings(bank=bank.id if bank else "", question_ids=tuple(due), kind="review")
        return self.start_quiz(settings)

    def open_stats(self) -> None:
        """Sections read, quiz history, mastery, most missed questions."""
        from tutor.ui.screens.stats import StatsScreen

        self.push_screen(StatsScreen())

    def set_ascii(self, ascii_only: bool) -> None:
        """Switch ASCII mode on or off (glyph choices follow on the next screens drawn)."""
        self.ascii_only = ascii_only
        self._ascii_filter.enabled = ascii_only
        self.set_class(ascii_only, "-ascii")
        self.refresh(layout=True)

    def open_settings(self) -> None:
        """Language, theme, ASCII mode and keys."""
        from tutor.ui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def open_export(self, config: FineTuneConfig, lang: str) -> None:
        """A configurator's configuration as a Python script and as YAML, to copy or save."""
        from tutor.ui.screens.export import ExportScreen

        self.push_screen(ExportScreen(config, lang))

    def open_simulator(self, name: str) -> None:
        """Open a simulator panel on its own screen."""
        from tutor.ui.screens.simulator import SimulatorScreen

        self.push_screen(SimulatorScreen(name))

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification shows its text as written, never as markup (`markup` is ignored).

        Notifications quote what learners type and files they name; read as markup, `[/x]` in
        an answer would raise MarkupError and `[b]` would vanish. Widgets' `notify` passes
        markup=True by default, hence one place here rather than at each call.
        """
        del markup
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_key_display(self, binding: Binding) -> str:
        """Footer and palette key names in the learner's language (`Entrée`, `Ctrl+B`)."""
        return key_display(binding, getattr(self, "lang", "en"))

    def action_command_palette(self) -> None:
        """Ctrl+P: the command palette (ours closes once, however many Enters are queued)."""
        # App is invariant in its return type, so a TutorApp is no App[object]; any app will do.
        if self.use_command_palette and not TutorCommandPalette.is_open(self):  # type: ignore[arg-type]  # see the comment above
            self.push_screen(TutorCommandPalette(id="--command-palette"))

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


if TYPE_CHECKING:  # mypy checks here that the app is what screens expect of it (tutor.ui.app_protocol)

    def _screens_see(app: TutorApp) -> TutorAppProtocol:
        return app
