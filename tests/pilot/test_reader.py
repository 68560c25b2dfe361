"""Driving the lesson reader with keys at 80×24, as a learner would."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList

from tests.helpers import home_position, home_text
from tests.pilot.waits import settle, until
from tutor.ui.app import TutorApp
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen

SIZE = (80, 24)




def section_ids(app: TutorApp) -> list[str]:
    module = app.course.module("fine-tuning", app.lang)
    assert module is not None
    return [s.id for s in module.sections]


async def test_walk_the_module_with_keys(make_app: Callable[..., TutorApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        ids = section_ids(app)
        seen = [screen.section.id]
        for _ in ids[1:]:
            await pilot.press("n")
            await settle(pilot)
            seen.append(screen.section.id)
        assert seen == ids
        await pilot.press("n")  # past the last section: stays (the next module is not installed)
        await settle(pilot)
        assert screen.section.id == ids[-1]
        await pilot.press("p", "left")
        await settle(pilot)
        assert screen.section.id == ids[-3]
        await pilot.press("right")
        await settle(pilot)
        assert screen.section.id == ids[-2]
        assert app.store.position("fine-tuning") == ids[-2]
        # The rendered section shows its title and blocks.
        assert str(screen.query_one("#section-title").render()) == screen.section.title
        assert len(screen.query(".block")) >= len(screen.section.blocks)


async def test_table_of_contents_jump_on_a_narrow_terminal(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.has_class("-narrow")
        toc = screen.query_one("#toc", OptionList)
        assert not toc.display
        await pilot.press("t")
        await pilot.pause()
        assert toc.display and toc.has_focus
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        assert screen.section.id == section_ids(app)[3]
        assert not toc.display


async def test_toc_stays_beside_the_content_when_wide(make_app: Callable[..., TutorApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and not screen.has_class("-narrow")
        assert screen.query_one("#toc").display


async def test_position_is_restored_after_a_restart(make_app: Callable[..., TutorApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n", "n")
        await settle(pilot)
        expected = app.screen.section.id  # type: ignore[attr-defined]
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, LessonScreen)
        assert screen.section.id == expected == section_ids(again)[2]
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(again.screen, HomeScreen)
        assert "Reprendre" in home_text(again)


async def test_scrolling_to_the_end_marks_a_section_read(make_app: Callable[..., TutorApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        first = screen.section.id
        assert first not in app.store.sections_read("fine-tuning")  # longer than one screen
        await pilot.press("end")
        await settle(pilot)
        assert first in app.store.sections_read("fine-tuning")
        await pilot.press("q")
        await settle(pilot)
        total = len(app.course.module("fine-tuning", app.lang).sections)
        assert f"1/{total}" in home_text(app)


async def test_help_lists_the_keys_of_the_screen(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        descriptions = [description for _, description in app.screen.keys]
        assert {"Next", "Previous", "Contents", "Back"} <= set(descriptions)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)


async def test_language_switch_keeps_the_place(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        before = app.screen.section  # type: ignore[attr-defined]
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and app.lang == "en"
        assert screen.module.lang == "en" and screen.section.id == before.id
        assert screen.section.title != before.title


def palette_offers(app: TutorApp, text: str) -> bool:
    """Whether the command palette's first hit is about `text`."""
    from textual.command import CommandList

    hits = app.screen.query(CommandList)
    if not hits or hits.first().option_count == 0:
        return False
    return text in str(hits.first().get_option_at_index(0).prompt)


async def test_command_palette_jumps_to_a_section(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Evaluation")
        await until(pilot, lambda: palette_offers(app, "Evaluation"))  # the search runs in a worker
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        assert screen.section.id == "evaluation"


async def test_internal_links_navigate(make_app: Callable[..., TutorApp]) -> None:
    from tests.conftest import FIXTURES

    app = make_app(content=(FIXTURES / "lessons",))
    async with app.run_test(size=SIZE) as pilot:
        assert home_position(app, "module:demo") == 0  # the demo module (number 1) comes first
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.module.id == "demo"
        markdown = screen.query_one("#block-intro-text")
        from textual.widgets import Markdown

        markdown.post_message(Markdown.LinkClicked(markdown, "#details"))  # type: ignore[arg-type]
        await settle(pilot)
        assert screen.section.id == "details"


def screen_text(app: TutorApp) -> str:
    """The whole screen as the terminal receives it."""
    strips = app.screen._compositor.render_strips()  # noqa: SLF001 - the text as drawn
    return "\n".join(strip.text for strip in strips)


async def test_table_of_contents_marks_read_sections(make_app: Callable[..., TutorApp]) -> None:
    """`[x]` before a read section, `[ ]` before the others: marks are text, not markup."""
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        await pilot.press("end")  # read to the end
        await settle(pilot)
        assert screen.section.id in app.store.sections_read("fine-tuning")
        await pilot.press("t")
        await settle(pilot)
        drawn = screen_text(app)
        assert "[x] 1." in drawn and "[ ] 2." in drawn


async def test_brackets_in_tables_and_callout_titles_are_shown(make_app: Callable[..., TutorApp]) -> None:
    """Lesson text such as `[CLS]` in a table cell or a callout title is drawn as written."""
    from textual.app import App, ComposeResult

    from tutor.content.model import CalloutBlock, TableBlock
    from tutor.ui.widgets.blocks import CalloutView, TableView

    table = TableBlock(id="t", title=None, header=("[b]Token[/b]", "Rôle"),
                       rows=(("[CLS]", "résumé de la phrase"), ("[SEP]", "séparateur")), caption="[x] légende")
    callout = CalloutBlock(id="c", title="[CLS] ou [SEP] ?", style="tip", text="texte")

    class Blocks(App[None]):
        def compose(self) -> ComposeResult:
            yield TableView(table)
            yield CalloutView(callout, "fr")

    app = Blocks()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        drawn = "\n".join(strip.text for strip in app.screen._compositor.render_strips())  # noqa: SLF001
        for text in ("[b]Token[/b]", "[CLS]", "[SEP]", "[x] légende", "[CLS] ou [SEP]"):
            assert text in drawn, text
