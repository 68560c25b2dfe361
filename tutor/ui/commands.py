"""Command-palette entries (Ctrl+P): jump to any module or section of the course."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

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
