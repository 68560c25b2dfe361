"""The instructor's dashboard (`tutor class DIR`): a small Textual app of its own, live as learners publish.

It holds the class directory's reader and the current `ClassView` (tutor.classroom.model); its
screens draw that view (`show_view`) and redraw the clocks (`tick`). The directory is watched in a
worker through inotify (tutor.classroom.watch): only the files that changed are read again, and a
view is built once per burst of changes, however many learners published in it. Between changes
nothing runs but a one-second timer while a timed exam is open (its time left counts down on
screen from the last publication: no file is read for it).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.timer import Timer

from tutor.classroom.database import DatabaseReader
from tutor.classroom.directory import ClassSetupError, Notice, check_instructor_side
from tutor.classroom.model import build_view
from tutor.classroom.reading import ClassReader, uid_of_login
from tutor.i18n.catalogue import t
from tutor.store.interface import StoreError
from tutor.ui import nobreak
from tutor.ui.ascii_filter import AsciiFilter
from tutor.ui.class_protocol import ClassScreenProtocol
from tutor.ui.css import css
from tutor.ui.keys import key_display, localize_bindings
from tutor.ui.textual_private import add_output_filter
from tutor.ui.themes import OWN_THEMES, pick_theme
from tutor.ui.widgets.alive import alive

__all__ = ["ClassApp"]

TICK = 1.0  # seconds between redraws of the exams' clocks (only while a timed attempt runs)


class ClassApp(App[int]):
    """`tutor class DIR`: the mastery grid, the running exams, the questions by difficulty, each learner."""

    CSS_PATH = css("global", "class")
    ENABLE_COMMAND_PALETTE = False  # four tabs and a list of learners: the footer shows every key there is
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit"),
    ]

    def __init__(self, directory: Path | str, lang: str = "fr", *, theme: str | None = None, ascii_only: bool = False,
                 clock: Callable[[], float] = time.time,
                 uid_of: Callable[[str], int | None] = uid_of_login, watch: bool = True) -> None:
        super().__init__()
        nobreak.install()  # French no-break spaces must not break lines on screen
        for own in OWN_THEMES:
            self.register_theme(own)
        self._ascii_filter = AsciiFilter(enabled=ascii_only)
        add_output_filter(self, self._ascii_filter)
        self.theme = pick_theme(theme, self.console.color_system, set(self.available_themes))
        self.set_class(ascii_only, "-ascii")
        self.ascii_only = ascii_only
        # A directory (one host), or a class database's URL (several hosts: tutor.classroom.database).
        self.directory = directory
        self.database = directory if isinstance(directory, str) else None
        self.lang = lang
        self.clock = clock  # seconds since the epoch; tests give a fixed one
        self.reader: ClassReader | DatabaseReader = (
            DatabaseReader(self.database, lang) if self.database else ClassReader(Path(directory), uid_of))
        self.setup: list[Notice] = []
        self.watching = watch
        self.watch_problem: str | None = None  # why live updates stopped, if they did
        self.watch_ready = False  # inotify watches the directory (tests wait for it before writing)
        self.view = build_view([], clock(), directory=str(directory))
        self.views = 0  # views built (the benchmark counts them)
        self._ticker: Timer | None = None
        self.crash_log: Path | str | None = None
        self.title = t("class.title", lang, path=self.shown)
        localize_bindings(self, lang)

    @property
    def shown(self) -> str:
        """The class as the instructor named it (a database's password hidden)."""
        if self.database is None:
            return str(self.directory)
        from tutor.classroom.database import shown_url

        return shown_url(self.database)

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected exception: the traceback goes to a crash log, not the screen (as in the tutor app)."""
        super()._handle_exception(error)
        self._exit_renderables.clear()
        if self.crash_log is None:
            from tutor.crash import write_crash_log

            self.crash_log = write_crash_log(error)

    def get_key_display(self, binding: Binding) -> str:
        """Keys in the instructor's language (`Entrée`, `Échap`)."""
        return key_display(binding, self.lang)

    def on_mount(self) -> None:
        """Read the class, show the dashboard, then follow the directory's changes."""
        from tutor.ui.screens.class_dashboard import ClassDashboard

        self.rescan()
        self.push_screen(ClassDashboard())
        self._ticker = self.set_interval(TICK, self._tick, pause=True)
        self._clock_needed()
        if self.watching:
            self.watch_directory()

    # -- the data ---------------------------------------------------------------------------------

    def rescan(self) -> None:
        """Check the directory's set-up and read every file that changed (the `r` key, and at start)."""
        if self.database:
            self.setup = []  # the server checks who may read what (row-level security)
            self.refresh_view(())
            return
        try:
            self.setup = check_instructor_side(Path(self.directory))
        except ClassSetupError as gone:  # removed or made unreadable while the dashboard is open
            self.setup = [gone.notice]
        self.refresh_view(())

    def refresh_view(self, changed: set[str] | tuple[str, ...]) -> None:
        """Read the files that changed and, when anything did, draw the new view on every live screen."""
        try:
            updated = self.reader.refresh(changed)
        except OSError as error:
            self.watch_problem = t("class.setup.not_listable", self.lang, path=self.shown,
                                   reason=error.strerror or str(error))
            updated = True
        except StoreError as error:  # the class database went away: say so, keep the last view
            self.watch_problem = error.text(self.lang)
            updated = True
        if not updated and self.views:
            return
        self.view = build_view(self.reader.learners, self.clock(), directory=self.shown,
                               problems=self.reader.problems, setup=self.setup)
        self.views += 1
        self._draw()

    def _draw(self) -> None:
        for screen in list(self.screen_stack):
            if isinstance(screen, ClassScreenProtocol) and alive(screen):
                screen.show_view(self.view)
        self._clock_needed()

    def _clock_needed(self) -> None:
        """Run the one-second timer only while a timed attempt is open."""
        if self._ticker is None:
            return
        if any(r.time_limit is not None for r in self.view.running):
            self._ticker.resume()
        else:
            self._ticker.pause()

    def _tick(self) -> None:
        now = self.clock()
        for screen in list(self.screen_stack):
            if isinstance(screen, ClassScreenProtocol) and alive(screen):
                screen.tick(now)

    @work(exclusive=True, group="class-watch", exit_on_error=False)
    async def watch_directory(self) -> None:
        """Follow the directory through inotify; each burst of changes re-reads only the files named."""
        from tutor.classroom.database import database_changes
        from tutor.classroom.watch import directory_changes

        changes = (database_changes(self.database, self._watching, lang=self.lang) if self.database
                   else directory_changes(Path(self.directory), self._watching))
        try:
            async for names in changes:
                self.refresh_view(names)
        except Exception as error:  # noqa: BLE001 - the watch stops (directory removed, inotify limit): say so
            self.watch_problem = t("class.watch_stopped", self.lang, reason=str(error) or type(error).__name__)
            self._draw()

    def _watching(self) -> None:
        """inotify watches the directory now: read what changed since the first scan, then follow it."""
        self.watch_ready = True
        self.refresh_view(())

    # -- navigation --------------------------------------------------------------------------------

    def open_learner(self, login: str) -> None:
        """One learner's details: topics, attempts, the questions they missed most."""
        from tutor.ui.screens.class_learner import ClassLearnerScreen

        if self.view.learner(login) is not None:
            self.push_screen(ClassLearnerScreen(login))
