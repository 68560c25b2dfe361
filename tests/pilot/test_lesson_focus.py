"""Keys and focus in a lesson at 80×24: Tab stays in the text and the contents, a simulator panel is
entered with `e` and left with Esc, the footer shows only the keys that act, in French too."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Footer, Input, Select

from tests.pilot.waits import settle, until
from tutor.ui.app import TutorApp
from tutor.ui.panels.configurator import ConfiguratorPanel
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.lesson import LessonScreen, _in_view
from tutor.ui.widgets.blocks import SimulatorSlot

SIZE = (80, 24)


async def lesson_at(pilot: object, section: str) -> LessonScreen:
    """The fine-tuning lesson opened at `section`, rendered."""
    app = pilot.app  # type: ignore[attr-defined]
    app.open_lesson("fine-tuning", section)
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, LessonScreen) and screen.section.id == section
    return screen


def footer_line(app: TutorApp) -> str:
    """The bottom line of the screen as the terminal receives it."""
    strips = app.screen._compositor.render_strips()  # noqa: SLF001 - the text as drawn
    return strips[-1].text.replace("\u202f", " ").replace("\u00a0", " ")


def active_keys(screen: LessonScreen) -> set[str]:
    """The keys that act on the screen now (after `check_action`)."""
    return {key for key, active in screen.active_bindings.items() if active.enabled}


async def enter_panel(pilot: object, screen: LessonScreen) -> None:
    await pilot.press("e")  # type: ignore[attr-defined]
    await until(pilot, lambda: screen.panel_with_focus() is not None)  # type: ignore[arg-type]
    await settle(pilot)  # type: ignore[arg-type]


async def test_tab_goes_between_the_text_and_the_contents_only(make_app: Callable[..., TutorApp]) -> None:
    """Wide: the contents are beside the text. Tab never lands in the section's simulator panel."""
    app = make_app(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await lesson_at(pilot, "bert")
        await pilot.press("end")  # the panel is in view, so it is mounted: Tab must still skip it
        await until(pilot, lambda: bool(screen.query(ConfiguratorPanel)))
        await settle(pilot)
        seen = []
        for _ in range(6):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(app.focused.id if app.focused else None)
            assert screen.panel_with_focus() is None
        assert seen == ["toc", "content"] * 3
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "toc"


async def test_tab_on_a_narrow_terminal_keeps_the_text(make_app: Callable[..., TutorApp]) -> None:
    """80 columns: the contents are folded away; Tab then `n` turns the page, nothing is typed."""
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "bert")
        await pilot.press("tab", "tab", "tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "content"
        await pilot.press("n")
        await settle(pilot)
        assert screen.section.id == "modern-encoders"  # the section after BERT
        assert not [field for field in screen.query(Input) if field.value == "n"]


async def test_entering_and_leaving_a_panel(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "bert")
        assert "e" in active_keys(screen) and "e Panneau" in footer_line(app)
        assert screen.panel_with_focus() is None
        await enter_panel(pilot, screen)
        slot = screen.panel_with_focus()
        assert slot is not None and slot.panel is not None
        field = app.focused
        assert isinstance(field, Input) and field.id == "task-sentence"  # its first field
        content = screen.query_one("#content")
        assert _in_view(content, field)  # type: ignore[arg-type]  # scrolled to, not below the fold
        assert slot.has_class("-inside") and "Dans le panneau" in str(slot.panel.border_title)
        # Inside: the section's letter keys are neither shown nor active; F2/F3 and Esc are.
        keys = active_keys(screen)
        assert {"f3", "f2", "escape"} <= keys
        assert not keys & {"n", "p", "q", "c", "t", "g", "G", "l", "question_mark", "space", "b"}
        footer = footer_line(app)
        assert "Suivante" in footer and "Sortir" in footer
        assert "Vérifier" not in footer and "Retour" not in footer and "Panneau" not in footer
        # `n` is typed into the field in view; the page does not turn.
        await pilot.press("n")
        await settle(pilot)
        assert screen.section.id == "bert" and field.value == "n"
        # Esc: back to the text, the footer of the text again.
        await pilot.press("escape")
        await settle(pilot)
        assert screen.panel_with_focus() is None and app.focused is content
        assert not slot.has_class("-inside") and not slot.panel.border_title
        assert "n Suivante" in footer_line(app) and "q Retour" in footer_line(app)
        # Ctrl+B inside a panel leaves the panel (one level up), not the lesson.
        await enter_panel(pilot, screen)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert app.screen is screen and screen.panel_with_focus() is None
        # F3 from inside a panel turns the page, and the focus is back on the text.
        await enter_panel(pilot, screen)
        await pilot.press("f3")
        await settle(pilot)
        assert screen.section.id == "modern-encoders" and screen.panel_with_focus() is None
        assert app.focused is content


async def test_letters_do_nothing_on_a_panel_select(make_app: Callable[..., TutorApp]) -> None:
    """A Select does not take letters: `n`, `p`, `q` reach the screen, which ignores them inside a panel."""
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "strategies")
        await enter_panel(pilot, screen)
        assert isinstance(app.focused, Select)  # the lab's scenario
        await pilot.press("n", "p", "q", "backspace")
        await settle(pilot)
        assert app.screen is screen and screen.section.id == "strategies"
        assert screen.panel_with_focus() is not None


async def test_tab_inside_a_panel_stays_in_it(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "bert")
        await enter_panel(pilot, screen)
        slot = screen.panel_with_focus()
        assert slot is not None
        fields = [widget for widget in screen.focus_chain if slot in widget.ancestors]
        for _ in range(len(fields) + 2):  # all the way round, and further
            await pilot.press("tab")
            await pilot.pause()
            assert screen.panel_with_focus() is slot
        assert app.focused is fields[2 % len(fields)]


async def test_a_click_on_the_placeholder_enters_the_panel(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "gpt")
        slot = screen.query_one(SimulatorSlot)
        screen.query_one("#content").scroll_to_widget(slot, animate=False)
        await settle(pilot)
        slot.post_message(SimulatorSlot.Wanted(slot))
        await until(pilot, lambda: screen.panel_with_focus() is slot)


async def test_keys_that_would_do_nothing_are_hidden(make_app: Callable[..., TutorApp]) -> None:
    """`p` on the first section, `n` on the last (the next module is not installed), `e` without a panel."""
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "transfer-learning")
        keys = active_keys(screen)
        assert "p" not in keys and "left" not in keys and "f2" not in keys and "n" in keys
        assert "e" not in keys  # the first section has no simulator
        assert "Précédente" not in footer_line(app) and "Panneau" not in footer_line(app)
        await pilot.press("p")
        await settle(pilot)
        assert screen.section.id == "transfer-learning"
        last = screen.module.sections[-1].id
        screen.show_section(len(screen.module.sections) - 1)
        await settle(pilot)
        assert screen.section.id == last
        keys = active_keys(screen)
        assert "n" not in keys and "right" not in keys and "f3" not in keys and "p" in keys
        assert "Suivante" not in footer_line(app) and "p Précédente" in footer_line(app)


async def test_french_footer_fits_80_columns(make_app: Callable[..., TutorApp]) -> None:
    """Every key the French footer offers is drawn whole, `c Vérifier` included, with a panel in the section."""
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "bert")
        footer = footer_line(app)
        for shown in ("n Suivante", "p Précédente", "c Vérifier", "e Panneau", "t Sommaire", "? Aide", "q Retour"):
            assert shown in footer, footer
        assert screen.query_one(Footer).virtual_size.width <= SIZE[0]  # nothing drawn past the edge
        await enter_panel(pilot, screen)
        footer = footer_line(app)
        for shown in ("Suivante", "Précédente", "Sortir"):  # the screen's keys come first, whole
            assert shown in footer, footer


async def test_help_lists_the_panel_keys(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await lesson_at(pilot, "bert")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        descriptions = {description for _, description in app.screen.keys}
        assert {"Panneau", "Sortir", "Aide", "English", "Vérifier"} <= descriptions
