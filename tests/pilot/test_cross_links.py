"""The lessons, the simulators and the lab point at each other (issue 15).

A simulator opened on its own offers F8 « Leçon » to the section that embeds it; a link
written in a lesson leads to its section; the text of cards and steps shows its inline Markdown as
styles, never as asterisks. Waits are on states, never on the clock.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Markdown, Static

from tests.pilot.waits import settle
from tutor.content.lessons import LINK_PATTERN
from tutor.content.model import (
    Block,
    CalloutBlock,
    KeyPointsBlock,
    MarkdownBlock,
    SimulatorBlock,
)
from tutor.content.simulators import SIMULATORS
from tutor.ui.app import TutorApp
from tutor.ui.screens.help import screen_keys
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.simulator import SimulatorScreen

SIZE = (80, 24)


def markdown_of(block: Block) -> str:
    """The Markdown a block shows through a Markdown widget (where links can be followed)."""
    if isinstance(block, (MarkdownBlock, CalloutBlock)):
        return block.text
    if isinstance(block, KeyPointsBlock):
        return "\n".join(block.points)
    return ""


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", sorted(SIMULATORS))
async def test_a_simulator_opens_the_section_that_teaches_it(make_app: Callable[..., TutorApp],
                                                             lang: str, name: str) -> None:
    app = make_app(lang=lang)
    found = app.course.where_taught(name, lang)
    assert found is not None, f"no section embeds {name}"
    module, section = found
    assert any(isinstance(b, SimulatorBlock) and b.simulator == name for b in section.blocks)
    async with app.run_test(size=SIZE) as pilot:
        app.open_simulator(name)
        await settle(pilot)
        assert isinstance(app.screen, SimulatorScreen)
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)
        assert (app.screen.module.id, app.screen.section.id) == (module.id, section.id)
        assert not any(isinstance(screen, SimulatorScreen) for screen in app.screen_stack)


async def test_the_lesson_key_is_offered_only_when_a_section_embeds_the_simulator(
        make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        app.open_simulator("metrics-calculator")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SimulatorScreen)
        assert screen.check_action("lesson", ()) is True
        # Not in the footer (the panel's keys fill it at 80 columns), but the help screen lists it.
        assert ("F8", "Leçon") in [(", ".join(keys) if isinstance(keys, list) else keys, label)
                                   for keys, label in screen_keys(screen)]
        screen.simulator = "not-embedded-anywhere"
        assert screen.check_action("lesson", ()) is False
        await pilot.press("f8")  # nothing to open: the screen stays
        await settle(pilot)
        assert app.screen is screen


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_every_link_of_the_module_leads_to_its_section(make_app: Callable[..., TutorApp], lang: str) -> None:
    """Each `[…](#section)` of a Markdown block, clicked, shows that section (the 2026 ones and back)."""
    app = make_app(lang=lang)
    module = app.course.module("fine-tuning", lang)
    assert module is not None
    links = [(section.id, match.group(1)) for section in module.sections for block in section.blocks
             for match in LINK_PATTERN.finditer(markdown_of(block))]
    targets = {target for _, target in links}
    # The old sections lead to the new ones (issue 15) and the new ones back.
    assert {"choose-approach", "qlora", "forgetting", "modern-encoders", "instruction-tuning"} <= targets
    assert {"strategies", "bert", "preference-tuning", "llm-evaluation"} <= targets
    async with app.run_test(size=SIZE) as pilot:
        for source, target in links:
            app.open_lesson("fine-tuning", source)
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, LessonScreen) and screen.section.id == source
            markdown = screen.query(Markdown).first()
            markdown.post_message(Markdown.LinkClicked(markdown, f"#{target}"))
            await settle(pilot)
            assert isinstance(app.screen, LessonScreen) and app.screen.section.id == target, (source, target)


async def test_cards_show_italics_not_asterisks(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_lesson("fine-tuning", "strategies")
        await settle(pilot)
        card = app.screen.query_one("#card-feature-extraction")
        text = card.query(Static).last().render()
        plain = str(text)
        assert "feature extraction" in plain and "*" not in plain
