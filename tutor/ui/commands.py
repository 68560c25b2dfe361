"""The command palette (Ctrl+P): its entries (any module, section or simulator), the app-wide
commands (help, theme, screenshot, quit) in the interface language, and the palette itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual import on, work
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.command import (
    CommandInput,
    CommandList,
    CommandPalette,
    DiscoveryHit,
    Hit,
    Hits,
    Provider,
)
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tutor.content.simulators import simulator_title
from tutor.i18n.catalogue import t
from tutor.ui.panels import PANELS

if TYPE_CHECKING:
    from tutor.ui.app_protocol import TutorAppProtocol


def _lang(app: App[Any]) -> str:
    return str(getattr(app, "lang", "en"))


def save_screenshot(app: App[Any]) -> None:
    """Save the current screen as SVG under the learner's data directory and say where.

    Textual's own "Screenshot" saved into the current directory (often not writable on a lab
    account: "Failed to save screenshot"); the data directory is the learner's own.
    """
    from tutor.locations import data_dir, display_path, make_private_dir

    lang = _lang(app)
    try:
        folder = data_dir() / "screenshots"
        make_private_dir(folder)  # parents 0700 too, whatever the umask
        path = folder / f"tutor-{time.strftime('%Y%m%d-%H%M%S')}.svg"
        path.write_text(app.export_screenshot(), encoding="utf-8")
    except OSError as error:
        app.notify(t("palette.screenshot_failed", lang, error=str(error)), severity="error")
        return
    app.notify(t("palette.screenshot_saved", lang, path=display_path(path)), timeout=10)


def search_themes(app: App[Any]) -> None:
    """The theme list, in a palette whose placeholder is in the interface language."""
    app.push_screen(TutorCommandPalette(providers=[ThemeProvider],
                                        placeholder=t("palette.themes_placeholder", _lang(app))))


def tutor_system_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    """The app-wide commands of the palette, in the interface language.

    Textual's own list is English and partly useless here: "Keys" opens an English panel (our
    help, F1, lists the screen's keys in the learner's language) and "Maximize" enlarges a single
    widget, which nothing in tutor needs. Theme, screenshot and quit stay, translated.
    """
    lang = _lang(app)
    help_action = getattr(app, "action_help", None)
    if help_action is not None:
        yield SystemCommand(t("palette.help", lang), t("palette.help_help", lang), help_action)
    yield SystemCommand(t("palette.theme", lang), t("palette.theme_help", lang), partial(search_themes, app))
    # After a moment: the palette must be gone from the screen before it is captured.
    yield SystemCommand(t("palette.screenshot", lang), t("palette.screenshot_help", lang),
                        lambda: app.set_timer(0.1, partial(save_screenshot, app)))
    yield SystemCommand(t("palette.quit", lang), t("palette.quit_help", lang), app.action_quit)


class TutorSystemCommands(Provider):
    """Textual's system-commands provider, with `tutor_system_commands` as its list."""

    async def discover(self) -> Hits:
        """Every app-wide command, before the learner types anything."""
        for title, help_text, callback, discover in tutor_system_commands(self.app, self.screen):
            if discover:
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """App-wide commands whose title matches what the learner typed."""
        matcher = self.matcher(query)
        for title, help_text, callback, _ in tutor_system_commands(self.app, self.screen):
            if (score := matcher.match(title)) > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


class TutorPaletteMixin:
    """For the App class (`class TutorApp(TutorPaletteMixin, App[int])`): Textual's own entry points
    to the system commands and the theme list give the translated versions too."""

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's app-wide commands (see `tutor_system_commands`)."""
        return tutor_system_commands(self, screen)  # type: ignore[arg-type]  # App is invariant: a TutorApp is no App[object]

    def search_themes(self) -> None:
        """The theme list, with a placeholder in the interface language."""
        search_themes(self)  # type: ignore[arg-type]  # App is invariant: a TutorApp is no App[object]


class LessonCommands(Provider):
    """Every simulator, module and section, in the current language."""

    def _entries(self) -> Iterator[tuple[str, str, Callable[[], None]]]:
        app: TutorAppProtocol = self.app  # type: ignore[assignment]  # a provider's app is always TutorApp
        for name in PANELS:
            yield simulator_title(name, app.lang), t("palette.simulator", app.lang), partial(app.open_simulator, name)
        for module in app.course.modules_in(app.lang):
            yield (
                f"{module.number}. {module.title}",
                t("palette.module", app.lang),
                partial(app.open_lesson, module.id),
            )
            for index, section in enumerate(module.sections, start=1):
                yield (
                    f"{module.number}.{index} {section.title}",
                    t("palette.section", app.lang),
                    partial(app.open_lesson, module.id, section.id),
                )

    async def discover(self) -> Hits:
        """All modules and sections, before the learner types anything."""
        for text, help_text, command in self._entries():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        """Modules and sections whose title matches what the learner typed."""
        matcher = self.matcher(query)
        for text, help_text, command in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, help=help_text)


class TutorCommandPalette(CommandPalette):
    """Textual's command palette in the interface language, closed once.

    Its placeholder and "no matches" line are translated, and unless given other providers it
    lists our modules, sections and simulators and our app-wide commands (not Textual's English
    ones).

    It closes once: keys queued behind the first Enter do nothing. Each Enter is a message:
    several typed quickly all reach the palette, and after the first one closed it, Textual's
    handler would close "it" again (popping the screen below, or failing on the last one) and run
    the command a second time.
    """

    _dismissed = False

    def __init__(self, providers: Any = None, *, placeholder: str | None = None, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(providers if providers is not None else [LessonCommands, TutorSystemCommands],
                         placeholder=placeholder or "", name=name, id=id, classes=classes)
        self._own_placeholder = placeholder

    def _action_command_list(self, action: str) -> None:
        """Page up/down and the cursor keys, passed to the list — ignored while it is rebuilt.

        Between a search and the list's next layout, Textual's OptionList has options but not yet
        their lines, and `action_page_up` raises KeyError (found by the pty monkey: Ctrl+P, a
        letter, PageUp). The key then does nothing, as it would on an empty list. Our own option
        lists get the same guard from `tutor.ui.widgets.controls.PageSafe`; this one is Textual's
        CommandList, built inside the palette, hence the guard here.
        """
        try:
            super()._action_command_list(action)
        except (KeyError, IndexError):
            return

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        """Textual's search, skipped when the palette has no list (yet, or any more).

        A letter typed in the same instant as Ctrl+P, or while the palette closes, starts a search
        on a palette whose CommandList is not mounted, and Textual's worker would fail with
        NoMatches (found by the hypothesis monkey: Ctrl+P then "c"). Nothing to show means nothing
        to search.
        """
        if not self._has_list():
            return
        await CommandPalette._gather_commands.__wrapped__(self, search_value)  # type: ignore[attr-defined]  # Textual's @work wrapper keeps the function here

    def _has_list(self) -> bool:
        return self.is_attached and bool(self.query(CommandList))

    def _watch__list_visible(self) -> None:
        """Textual's watcher, skipped once the list is gone: a search that ends while the palette
        closes still sets this flag (found by the hypothesis monkey: Ctrl+P then "c" as it closes)."""
        if self._has_list():
            super()._watch__list_visible()

    async def _watch__show_busy(self) -> None:
        """Textual's watcher, skipped once the list is gone (see `_watch__list_visible`)."""
        if self._has_list():
            await super()._watch__show_busy()

    def on_mount(self) -> None:
        # The language is known once the palette is attached to the app.
        placeholder = self._own_placeholder or t("palette.placeholder", _lang(self.app))
        self.query_one(CommandInput).placeholder = placeholder

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's "No matches found" after half a second, in the interface language.

        Same logic as Textual's (which has its English text inline): a search that found nothing
        says so; an empty search with nothing to discover just hides the list.
        """
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(t("palette.no_matches", _lang(self.app)), style="not bold")),
                    disabled=True, id=self._NO_MATCHES,
                ))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

    def dismiss(self, result: None = None) -> AwaitComplete:
        """Close the palette, the first time only (a second Esc or Enter would pop the screen below)."""
        if self._dismissed or not self.is_active:
            nothing: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]  # unannotated
            return nothing
        self._dismissed = True
        return super().dismiss(result)

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _ignore_after_closing(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        if self._dismissed or not self.is_active:
            event.stop()
            event.prevent_default()  # Textual's own handlers, in the base class, do not run
