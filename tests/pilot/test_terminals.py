"""Small terminals, resizing at any moment, settings that apply at once, ASCII mode, hang-ups."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from tutor.quiz.session import QuizSettings
from tutor.ui.app import TutorApp
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.quiz import QuizScreen
from tutor.ui.screens.settings import SettingsScreen
from tutor.ui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_too_small_notice_comes_and_goes_without_losing_the_place(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "n")
        await settle(pilot)
        lesson = app.screen
        assert isinstance(lesson, LessonScreen)
        place = lesson.section.id
        await pilot.resize_terminal(MIN_WIDTH - 1, 24)
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert "at least 60×16" in str(app.screen.query_one("#too-small").render())
        await pilot.resize_terminal(80, MIN_HEIGHT - 1)
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert sum(isinstance(s, TooSmallScreen) for s in app.screen_stack) == 1
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert app.screen is lesson and lesson.section.id == place
        assert not lesson.has_class("-narrow")  # the contents came back beside the text
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert lesson.has_class("-narrow")


async def test_resizing_during_a_quiz_keeps_every_answer(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    app.initial_quiz = QuizSettings(question_ids=("tl-self-supervised", "tl-fewshot-weights"), seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        await pilot.press("1", "enter")
        await settle(pilot)
        for size in ((40, 10), (120, 40), (61, 17), (30, 5), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await settle(pilot)
        assert app.screen is quiz and len(quiz.session.answers) == 1


async def test_settings_screen_applies_theme_and_ascii_and_saves(make_app: Callable[..., TutorApp]) -> None:
    from tutor.settings import load_settings

    app = make_app(lang="en")
    app._resume = False
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_settings()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#field-theme").set_value("tutor-light")  # type: ignore[attr-defined]
        await settle(pilot)
        assert app.theme == "tutor-light"
        screen.query_one("#control-ascii").focus()
        await pilot.press("space")
        await settle(pilot)
        assert app.ascii_only and app.has_class("-ascii")
        control = screen.query_one("#control-key-next")
        control.focus()
        await pilot.press(*"n,j")
        await pilot.press("f5")
        await settle(pilot)
        saved, problems = load_settings(learner="test")  # make_app's learner: saved in their own file
        assert problems == [] and saved.theme == "tutor-light" and saved.ascii is True
        assert saved.keys == {"next": "n,j"}
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await settle(pilot)
        lesson = app.screen
        assert isinstance(lesson, LessonScreen)
        await pilot.press("j")  # the remapped key
        await settle(pilot)
        assert lesson.index == 1


async def test_ascii_mode_switches_the_output_filter_on(make_app: Callable[..., TutorApp]) -> None:
    from tutor.ui.ascii_filter import AsciiFilter

    app = make_app(lang="fr", ascii_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        filters = [f for f in app._filters if isinstance(f, AsciiFilter)]  # noqa: SLF001
        assert len(filters) == 1 and filters[0].enabled and app.has_class("-ascii")
        app.set_ascii(False)
        assert not filters[0].enabled and not app.has_class("-ascii")
