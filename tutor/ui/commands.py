"""The command palette (Ctrl+P): its entries (any module, section or simulator) and the palette itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets import Input, OptionList

from tutor.core.i18n import t
from tutor.core.simulators import simulator_title
from tutor.ui.panels import PANELS

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


class LessonCommands(Provider):
    """Every simulator, module and section, in the current language."""

    def _entries(self) -> Iterator[tuple[str, str, Callable[[], None]]]:
        app: TutorApp = self.app  # type: ignore[assignment]
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
    """Textual's command palette, closed once: keys queued behind the first Enter do nothing.

    Each Enter is a message: several typed quickly all reach the palette, and after the first one
    closed it, Textual's handler would close "it" again (popping the screen below, or failing on
    the last one) and run the command a second time.
    """

    _dismissed = False

    def dismiss(self, result: None = None) -> AwaitComplete:
        """Close the palette, the first time only (a second Esc or Enter would pop the screen below)."""
        if self._dismissed or not self.is_active:
            return AwaitComplete.nothing()
        self._dismissed = True
        return super().dismiss(result)

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _ignore_after_closing(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        if self._dismissed or not self.is_active:
            event.stop()
            event.prevent_default()  # Textual's own handlers, in the base class, do not run
