"""Crashes a learner met in real quizzes, each replayed with the keys that caused it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.pilot.quiz_keys import answer, current_question, settle
from tutor.quiz.session import QuizSettings
from tutor.ui.app import TutorApp
from tutor.ui.screens.quiz import QuizScreen
from tutor.ui.screens.results import ResultsScreen
from tutor.ui.widgets.answers import TextAnswer

SIZE = (80, 24)
# A short answer, then two numeric questions: three typed questions in a row.
TYPED_IN_A_ROW = ("tl-forgetting-term", "st-lora-params", "gen:warmup-steps:3")


@pytest.mark.parametrize("mode", ["practice", "exam"])
async def test_a_typed_question_after_a_typed_question(make_app: Callable[..., TutorApp], mode: str) -> None:
    """`DuplicateIds 'answer-input'`: the next typed question was mounted before the last one left."""
    app = make_app(lang="fr", quiz=QuizSettings(question_ids=TYPED_IN_A_ROW, mode=mode, seed=1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        for _ in TYPED_IN_A_ROW:
            assert isinstance(screen.answer_widget, TextAnswer)
            await answer(pilot, screen, current_question(screen))
            if mode == "practice":
                await pilot.press("enter")  # leave the feedback for the next question
                await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.results.correct == len(TYPED_IN_A_ROW)


async def test_skipping_a_typed_question_shows_the_next_typed_one(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en", quiz=QuizSettings(question_ids=TYPED_IN_A_ROW, seed=1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        first = screen.current_id
        await pilot.press("tab", "s")  # leave the answer field, then skip
        await settle(pilot)
        assert screen.current_id != first and isinstance(screen.answer_widget, TextAnswer)
        assert len(screen.query(TextAnswer)) == 1
