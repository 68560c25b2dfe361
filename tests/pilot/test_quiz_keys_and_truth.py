"""Issue 12, the quiz at 80×24: every key the footer shows works, and the screen tells the truth.

A typed answer field takes letters, so the footer names F-keys and Ctrl keys that work whatever
has focus; keys that cannot act now are hidden; a non-number costs nothing; the header counts the
question being answered; a timed exam is a deadline unless the bank says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.widgets import Label, Static
from textual.widgets._footer import FooterKey

from tests.pilot.quiz_keys import answer, current_question, settle
from tutor.quiz.session import QuizSettings
from tutor.ui.app import TutorApp
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.quiz import QuizScreen
from tutor.ui.widgets.answers import ChoiceAnswer, TextAnswer

SIZE = (80, 24)
NUMERIC_WITH_HINT = "st-lora-params"
SHORT_WITH_HINT = "tl-forgetting-term"
NUMERIC_WITHOUT_HINT = "bp-split-validation"
MULTIPLE = "bp-data-prep"


def footer_keys(app: TutorApp) -> dict[str, str]:
    """The footer as the learner reads it: action → key shown."""
    return {key.action: key.key for key in app.screen.query(FooterKey)}


async def test_typed_question_footer_names_keys_that_work_in_the_field(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr", quiz=QuizSettings(question_ids=(NUMERIC_WITH_HINT, SHORT_WITH_HINT), seed=3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and isinstance(screen.answer_widget, TextAnswer)
        assert app.focused is screen.answer_widget
        shown = footer_keys(app)
        assert shown["hint"] == "f4" and shown["skip"] == "f5" and shown["read"] == "f6"
        assert shown["leave"] == "ctrl+b"
        # Letters are typed into the field, F-keys act.
        await pilot.press("s", "r", "h")
        await settle(pilot)
        assert screen.answer_widget.value == "srh"
        await pilot.press("f4")
        await settle(pilot)
        assert screen.session.hints_taken.get(screen.current_id or "") == 1
        first = screen.current_id
        await pilot.press("f5")
        await settle(pilot)
        assert screen.current_id != first and first in screen.order[screen.position:]
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)


async def test_keys_that_cannot_act_are_hidden(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en", quiz=QuizSettings(question_ids=(NUMERIC_WITHOUT_HINT, MULTIPLE), seed=3, mode="exam"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        shown = footer_keys(app)
        assert "read" not in shown  # the lesson stays closed during an exam
        question = current_question(screen)
        assert ("hint" in shown) == bool(question.hints)
        assert "skip" in shown
        await answer(pilot, screen, question)
        await settle(pilot)
        assert "skip" not in footer_keys(app)  # one question left: nothing to skip to


async def test_a_non_number_costs_nothing_and_says_why(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr", quiz=QuizSettings(question_ids=(NUMERIC_WITH_HINT, NUMERIC_WITHOUT_HINT), seed=3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await pilot.press("a", "b", "c", "enter")
        await settle(pilot)
        assert screen.session.answers == {} and not screen.feedback_shown
        messages = [n.message for n in app._notifications]
        assert any("abc\u00a0» n'est pas un nombre" in m for m in messages), messages
        await pilot.press("backspace", "backspace", "backspace", *"1.875,5", "enter")
        await settle(pilot)
        assert screen.session.answers == {}
        assert any("ambigu" in n.message for n in app._notifications)
        assert app.store.open_attempts()[0].answers == []


async def test_header_counts_the_question_being_answered(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en", quiz=QuizSettings(question_ids=(MULTIPLE, NUMERIC_WITH_HINT, SHORT_WITH_HINT), seed=3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)

        def header() -> str:
            return str(screen.query_one("#quiz-where", Label).content)

        assert "Question 1/3" in header()
        await answer(pilot, screen, current_question(screen))
        await settle(pilot)
        assert screen.feedback_shown and "Question 1/3" in header()  # still the one just answered
        await pilot.press("enter")
        await settle(pilot)
        assert "Question 2/3" in header()
        await pilot.press("f5")  # skipping: still answering the second question
        await settle(pilot)
        assert "Question 2/3" in header()


async def test_multiple_choice_echo_follows_the_order_shown(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en", quiz=QuizSettings(question_ids=(MULTIPLE,), seed=5))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        widget = screen.answer_widget
        assert isinstance(widget, ChoiceAnswer)
        await pilot.press("3", "1", "enter")  # picked out of order
        await settle(pilot)
        feedback = str(screen.query_one("#feedback", Static).render())
        first, third = widget.choices[0][1], widget.choices[2][1]
        echo = next(line for line in feedback.splitlines() if line.startswith("Your answer"))
        assert echo.index(first) < echo.index(third)


async def test_a_timed_exam_is_a_deadline_and_says_so(make_app: Callable[..., TutorApp]) -> None:
    settings = QuizSettings(question_ids=(MULTIPLE, NUMERIC_WITH_HINT), mode="exam", seed=3, time_limit=600.0)
    app = make_app(lang="fr", quiz=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        rule = str(screen.query_one("#clock-rule", Static).render())
        assert "même si vous quittez tutor" in rule
        assert "ne compte que" not in str(screen.query_one("#quiz-where", Label).content)
        await pilot.press("ctrl+b")
        await settle(pilot)
    attempt = app.store.open_attempts()[0]
    # Reopened 400 s after it started (the app was closed meanwhile): 200 s left, not 600.
    later = make_app(lang="fr", learner="test")
    later.wall_clock = lambda: attempt.started_at + 400.0
    async with later.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert later.resume_attempt(later.store.open_attempts()[0])
        await settle(pilot)
        screen = later.screen
        assert isinstance(screen, QuizScreen)
        left = screen.session.time_left()
        assert left is not None and 199.0 <= left <= 200.0
        assert "03:2" in str(screen.query_one("#quiz-where", Label).content)


async def test_a_deadline_keeps_running_behind_another_screen(make_app: Callable[..., TutorApp]) -> None:
    now = [1000.0]
    app = make_app(lang="en",
                   quiz=QuizSettings(question_ids=(MULTIPLE, NUMERIC_WITH_HINT), mode="exam", seed=3, time_limit=600.0))
    app.clock = lambda: now[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await pilot.press("f1")
        await settle(pilot)
        now[0] += 120.0  # two minutes reading the help
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        screen.tick()
        left = screen.session.time_left()
        assert left is not None and left <= 480.0


async def test_while_open_rule_pauses_and_says_so(make_app: Callable[..., TutorApp]) -> None:
    now = [1000.0]
    app = make_app(lang="en",
                   quiz=QuizSettings(question_ids=(MULTIPLE, NUMERIC_WITH_HINT), mode="exam", seed=3, time_limit=600.0))
    for lang in ("fr", "en"):
        bank = app.quizzes.bank("fine-tuning", lang)
        assert bank is not None
        app.quizzes.banks[("fine-tuning", lang)] = replace(bank, exam_clock="while-open")
    app.clock = lambda: now[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert "only while the exam is open" in str(screen.query_one("#clock-rule", Static).render())
        await pilot.press("f1")
        await settle(pilot)
        now[0] += 120.0
        await pilot.press("escape")
        await settle(pilot)
        screen.tick()
        left = screen.session.time_left()
        assert left is not None and left > 590.0


async def test_markup_typed_in_an_answer_is_shown_as_typed(make_app: Callable[..., TutorApp]) -> None:
    """A notification quotes the learner's text: `[/x]` must neither crash nor vanish."""
    app = make_app(lang="en", quiz=QuizSettings(question_ids=(NUMERIC_WITH_HINT, NUMERIC_WITHOUT_HINT), seed=3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"[/x]", "enter")
        await settle(pilot)
        assert any("[/x]" in n.message for n in app._notifications)
        assert isinstance(app.screen, QuizScreen) and app.screen.session.answers == {}


async def test_a_remapped_letter_never_takes_the_f_key_away(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr", keymap={"hint": "j", "skip": "k"},
                   quiz=QuizSettings(question_ids=(NUMERIC_WITH_HINT, SHORT_WITH_HINT), seed=3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        shown = footer_keys(app)
        assert shown["hint"] == "f4" and shown["skip"] == "f5"
        await pilot.press("f4")
        await settle(pilot)
        assert screen.session.hints_taken.get(screen.current_id or "") == 1
