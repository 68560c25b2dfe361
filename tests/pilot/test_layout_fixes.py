"""Issue 12, layout: fields that look like fields, a results list that shows what `r` opens, the
resume line on the home screen, the palette and select lists in French, the stats chart with one
attempt, the resume dialog, and export messages that do not cover the code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Label, OptionList, Select, Static

from tests.pilot.waits import settle, until
from tutor.quiz.session import QuizSettings, settings_to_dict
from tutor.ui.app import TutorApp
from tutor.ui.widgets.fields import FieldCell


async def test_focused_and_invalid_fields_are_marked_without_colour(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    app._resume = False
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_simulator("bert-configurator")
        await settle(pilot)
        epochs = app.screen.query_one("#field-epochs", FieldCell)
        other = app.screen.query_one("#field-lr", FieldCell)
        epochs.query_one("#control-epochs").focus()
        await settle(pilot)
        # A bar down the focused field's left side and its label reversed: both read without colour.
        assert epochs.styles.border_left[0] == "thick" and other.styles.border_left[0] in ("blank", "", "none")
        assert "reverse" in str(epochs.query_one(".field-label", Label).styles.text_style)
        assert "reverse" not in str(other.query_one(".field-label", Label).styles.text_style)
        # Inputs have a background of their own.
        control = epochs.query_one("#control-epochs")
        assert control.styles.background != app.screen.styles.background
        # An invalid value: "✗ " before the label and a message under the field, no red bar.
        await pilot.press("ctrl+a", "backspace", *"abc")
        await settle(pilot)
        assert epochs.has_class("-invalid")
        assert str(epochs.query_one(".field-label", Label).render()).startswith("✗ ")
        assert str(epochs.query_one(".field-error", Static).render()).startswith("! ")
        assert control.styles.border_left[0] in ("", "none", "blank")


async def test_long_model_names_are_shown_on_one_line(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    app._resume = False
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_simulator("bert-configurator")
        await settle(pilot)
        model = app.screen.query_one("#control-model", Select)
        model.value = "bert-base-multilingual-cased"
        await settle(pilot)
        shown = model.query_one("SelectCurrent #label", Static)
        assert shown.content_region.height == 1
        assert "bert-base-multilingual-cased" in str(shown.render())
        label = app.screen.query_one("#field-checkpointing .field-label", Label)
        assert label.region.right <= app.screen.query_one("#field-checkpointing").region.right


async def test_home_resume_line_is_whole_and_on_its_own(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    app._resume = False
    module = next(iter(app.course.modules_in("fr")))
    app.store.set_position(module.id, module.sections[3].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        entries = app.screen.query_one("#modules", OptionList)
        lines = str(entries.get_option_at_index(0).prompt).splitlines()
        resume = [line for line in lines if "Reprendre" in line]
        assert len(resume) == 1 and resume[0].startswith("→ Reprendre")
        assert module.sections[3].title.replace(" ", "\u00a0") in resume[0]
        assert not any("sections lues" in line and "Reprendre" in line for line in lines)


async def test_results_one_scroll_bar_and_a_visible_highlight(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    app._resume = False
    bank = app.quizzes.bank("fine-tuning", "fr")
    assert bank is not None
    ids = tuple(q.id for q in bank.questions if q.type in ("single", "truefalse"))[:4]
    app.initial_quiz = QuizSettings(question_ids=ids, seed=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in ids:
            await pilot.press("1", "enter")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
        review = app.screen.query_one("#review-list", OptionList)
        assert not review.show_vertical_scrollbar and review.size.height == review.virtual_size.height
        assert review.highlighted == 0
        assert "▶" in _plain(review.get_option_at_index(0).prompt)
        await pilot.press("down", "down", "down")
        await settle(pilot)
        assert review.highlighted == 3
        assert "▶" in _plain(review.get_option_at_index(3).prompt)
        assert "▶" not in _plain(review.get_option_at_index(0).prompt)
        # The highlighted question is scrolled into the screen's view.
        body = app.screen.query_one("#results-body")
        y = review.region.y + review._index_to_line[3] - body.region.y
        assert 0 <= y < body.region.height


def _plain(prompt: object) -> str:
    from io import StringIO

    from rich.console import Console

    console = Console(file=StringIO(), width=80, color_system=None)
    console.print(prompt)
    return console.file.getvalue()  # type: ignore[attr-defined]


async def test_select_list_key_and_frame(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    app._resume = False
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_simulator("bert-configurator")
        await settle(pilot)
        select = app.screen.query_one("#control-strategy", Select)
        select.focus()
        select.action_show_overlay()
        await settle(pilot)
        descriptions = {binding.description for _, binding, _, _ in app.screen.active_bindings.values()}
        assert "Dismiss menu" not in descriptions and "Fermer" in descriptions
        overlay = select.query_one("SelectOverlay")
        assert overlay.styles.border_top[0] == "round"  # framed, even in a compact Select
        await pilot.press("escape")
        await settle(pilot)
        assert not select.expanded


async def test_palette_in_french(make_app: Callable[..., TutorApp], isolated_home: Path) -> None:
    from textual.command import CommandInput, CommandList

    app = make_app(lang="fr")
    app._resume = False
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        palette = app.screen
        assert palette.query_one(CommandInput).placeholder == "Rechercher une commande…"
        await pilot.press(*"capture")
        commands = palette.query_one(CommandList)
        await until(pilot, lambda: commands.option_count > 0)
        shown = _plain(commands.get_option_at_index(0).prompt)
        assert "Capture d'écran" in shown
        await pilot.press("ctrl+a", "backspace", *"zzzzqqq")
        await until(pilot, lambda: commands.option_count == 1 and commands.get_option_at_index(0).id == "--no-matches")
        assert "Aucune commande trouvée" in _plain(commands.get_option_at_index(0).prompt)
        await pilot.press("escape")
        await settle(pilot)

        from tutor.ui.commands import save_screenshot, tutor_system_commands

        titles = [command.title for command in tutor_system_commands(app, app.screen)]
        assert titles == ["Aide", "Thème", "Capture d'écran", "Quitter"]
        save_screenshot(app)
        saved = list((isolated_home).rglob("tutor-*.svg"))
        assert len(saved) == 1 and saved[0].read_text(encoding="utf-8").startswith("<svg")


async def test_stats_chart_with_one_attempt(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    app._resume = False
    bank = app.quizzes.bank("fine-tuning", "fr")
    assert bank is not None
    question = bank.questions[0]
    attempt = app.store.start_attempt(bank=bank.id, module=bank.module, kind="quiz", mode="practice", lang="fr",
                                      seed=1, settings=settings_to_dict(QuizSettings(question_ids=(question.id,))),
                                      question_ids=[question.id], time_limit=None, pass_mark=70.0)
    app.store.record_answer(attempt, question_id=question.id, topic=question.topic, answer="a", earned=0.0,
                            max_points=question.points, credit=0.0, correct=False, hints=0, seconds=5.0)
    app.store.finish_attempt(attempt, 60.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_stats()
        await settle(pilot)
        chart = _plain(app.screen.query_one("#stats-plot").render())
        assert "●" in chart  # the attempt is a visible point
        assert "0.50" not in chart and "1.50" not in chart  # whole attempts only on the x axis
        assert "50" in chart  # the y axis names its middle


async def test_resume_dialog_has_no_blank_lines_without_a_clock(make_app: Callable[..., TutorApp]) -> None:
    from tutor.ui.screens.resume import ResumeScreen

    app = make_app(lang="fr")
    bank = app.quizzes.bank("fine-tuning", "fr")
    assert bank is not None
    ids = [q.id for q in bank.questions[:3]]
    app.store.start_attempt(bank=bank.id, module=bank.module, kind="quiz", mode="practice", lang="fr", seed=1,
                            settings=settings_to_dict(QuizSettings(question_ids=tuple(ids))), question_ids=ids,
                            time_limit=None, pass_mark=70.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResumeScreen)
        assert not app.screen.query("#resume-note")
        question = app.screen.query_one("#resume-question")
        keys = app.screen.query_one("#resume-keys")
        assert keys.region.y - question.region.bottom == 1  # one blank line between them, not three


async def test_export_messages_do_not_cover_the_code(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    app._resume = False
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_simulator("bert-configurator")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        status = app.screen.query_one("#export-status", Static)
        assert str(status.render()).startswith("✓ Enregistré")
        assert status.region.bottom <= app.screen.query_one("#export-body").region.y  # above the code
        assert not app._notifications  # no toast over the code


async def test_page_keys_while_the_palette_list_is_rebuilt(make_app: Callable[..., TutorApp]) -> None:
    """pty monkey, seed 21: Ctrl+P, a letter, PageUp raised KeyError inside Textual's OptionList
    (options there, but a list with no region to lay them in). The key must do nothing instead."""
    from textual.command import CommandList
    from textual.widgets.option_list import Option

    app = make_app(lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_command_palette()
        await settle(pilot)
        palette = app.screen
        command_list = palette.query_one(CommandList)
        command_list.clear_options()
        command_list.add_option(Option("a"))
        # As while the list has no region to lay its options in: `_update_lines` returns early
        # and the options have no lines (the state the monkey reached by timing).
        command_list._line_cache.clear()  # noqa: SLF001
        command_list._update_lines = lambda: None  # type: ignore[method-assign]
        for action in ("page_up", "page_down", "cursor_down", "cursor_up"):
            palette._action_command_list(action)  # noqa: SLF001 - the path the keys take
        await pilot.press("escape")
        await settle(pilot)


async def test_page_keys_on_an_option_list_without_lines(make_app: Callable[..., TutorApp]) -> None:
    """pty monkey (hook, seed 1): PageDown on a lesson's option list whose options had no lines
    raised KeyError in Textual's OptionList. Every option list of ours ignores the key then."""
    from tutor.ui.screens.lesson import LessonScreen
    from tutor.ui.widgets.controls import PageSafe

    app = make_app(lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home_list = app.screen.query_one(OptionList)
        app.open_lesson("fine-tuning")
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)
        for option_list in (app.screen.query_one("#toc", OptionList), home_list):
            assert isinstance(option_list, PageSafe)
            option_list._line_cache.clear()  # noqa: SLF001 - as while it has no region
            option_list._update_lines = lambda: None  # type: ignore[method-assign]
            option_list.action_page_down()
            option_list.action_page_up()
