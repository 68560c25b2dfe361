"""Paging draws a section's text first: its panels are placeholders until they come into view or the
learner goes into them, and its blocks after the first screenful follow the first paint.

Structural, not timed: the tests look at what is mounted when, never at the clock (the speed
itself is measured by bench/bench_paging.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from textual.widget import Widget

from tests.pilot.waits import settle, until
from tutor.ui.app import TutorApp
from tutor.ui.panels.lab_panel import LabPanel
from tutor.ui.panels.metrics_panel import MetricsPanel
from tutor.ui.screens.lesson import LessonScreen, SectionPage
from tutor.ui.widgets.blocks import SimulatorSlot

SIZE = (80, 24)


async def lesson_at(pilot: object, section: str) -> LessonScreen:
    app = pilot.app  # type: ignore[attr-defined]
    app.open_lesson("fine-tuning", section)
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, LessonScreen) and screen.section.id == section
    return screen


async def test_a_page_turn_mounts_text_and_a_placeholder_not_the_panel(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "qlora")
        await pilot.press("n")  # to the BERT section, whose configurator is far below
        await settle(pilot)
        assert screen.section.id == "bert"
        page = screen.query_one(SectionPage)
        assert len(page.children) == len(screen.section.blocks) + 2  # title, every block, end note
        slot = screen.query_one(SimulatorSlot)
        assert slot.panel is None and not slot.query("Input")  # a two-line placeholder
        assert len(screen.query(SectionPage)) == 1  # the previous page is gone


async def test_the_text_is_mounted_and_laid_out_before_a_panel_mounts(
    make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When a panel starts mounting (its slot came into view), the section's text is all there."""
    seen: list[tuple[bool, int, int]] = []
    load = SimulatorSlot.load

    async def watched(slot: SimulatorSlot) -> Widget | None:
        screen = slot.screen
        assert isinstance(screen, LessonScreen)
        title = screen.query_one("#section-title")
        page = screen.query_one(SectionPage)
        seen.append((title.region.height > 0, len(page.children), len(screen.section.blocks) + 2))
        return await load(slot)

    monkeypatch.setattr(SimulatorSlot, "load", watched)
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "evaluation")
        assert not seen and not screen.query(MetricsPanel)
        await pilot.press("end")  # the slot comes into view: its panel mounts
        await until(pilot, lambda: bool(screen.query(MetricsPanel)))
        assert seen == [(True, len(screen.section.blocks) + 2, len(screen.section.blocks) + 2)]


async def test_the_first_screenful_is_painted_before_the_rest_is_mounted(
    make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At the first paint of a new section its title and first block are mounted, not yet its end."""
    states: list[tuple[bool, bool, bool]] = []
    painted = LessonScreen._painted

    async def watched(screen: LessonScreen) -> None:
        page = screen.query_one(SectionPage)
        states.append((bool(page.query("#section-title")), len(page.children) >= 2,
                       bool(page.query("#section-end"))))
        await painted(screen)

    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "transfer-learning")
        monkeypatch.setattr(LessonScreen, "_painted", watched)
        await pilot.press("n")
        await settle(pilot)
        assert screen.section.id == "strategies"
        assert states and states[0] == (True, True, False)
        assert screen.query_one("#section-end")  # …and the rest followed


async def test_end_pressed_while_a_section_mounts_lands_at_its_end(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "transfer-learning")
        screen.show_section(1)
        await pilot.press("end")  # before the whole page is mounted
        await settle(pilot)
        await settle(pilot)
        content = screen.query_one("#content")
        assert screen.section.id in app.store.sections_read("fine-tuning")
        assert content.scroll_y > 0


@pytest.mark.parametrize(("section", "panel"), [("strategies", LabPanel), ("evaluation", MetricsPanel)])
async def test_a_page_asked_for_at_every_moment_of_a_panel_mount(
    make_app: Callable[..., TutorApp], section: str, panel: type,
) -> None:
    """`e` starts mounting the panel; the next page is asked for 0, 1, 2… turns of the event loop later.

    The panel's mount is never cut short (a half-mounted `Select` raised `NoMatches`): the queue
    finishes it, then renders the page asked for, where no panel is left.
    """
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, section)
        here = screen.index
        for turns in range(0, 40, 3):
            screen.show_section(here)
            await settle(pilot)
            screen.action_enter_panel()
            for _ in range(turns):
                await asyncio.sleep(0)
            screen.show_section(here + 1)
            await settle(pilot)
            assert screen.section.id != section and not screen.query(panel)
            assert str(screen.query_one("#section-title").render()) == screen.section.title
            assert len(screen.query("#section-title")) == 1
