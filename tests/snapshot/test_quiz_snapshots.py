"""Snapshots of a question of each type, answered in practice mode, and of the results screen (80×24)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from textual.pilot import Pilot

import tutor.ui.app as app_module
from tutor.quiz.session import QuizSettings
from tutor.ui.app import TutorApp

QUESTIONS = {  # one shipped question per type
    "single": "tl-self-supervised",
    "multiple": "tl-pretraining-facts",
    "truefalse": "tl-fewshot-weights",
    "numeric": "st-lora-params",
    "ordering": "tl-process-order",
    "matching": None,
    "short": None,
}


@pytest.fixture(autouse=True)
def frozen_quiz_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quiz clock reads a fixed time, so durations on screen do not vary between runs."""
    monkeypatch.setattr(app_module, "time", SimpleNamespace(monotonic=lambda: 1000.0, time=lambda: 1_800_000_000.0))


def first_of_type(app: TutorApp, kind: str) -> str:
    bank = app.quizzes.bank("fine-tuning", app.lang)
    assert bank is not None
    return next(q.id for q in bank.questions if q.type == kind)


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("kind", list(QUESTIONS))
def test_question_of_each_type(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp], kind: str) -> None:
    app = make_app(lang="fr")
    app.initial_quiz = QuizSettings(question_ids=(first_of_type(app, kind),), seed=11)

    async def move(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=move)


def test_feedback_after_a_wrong_answer(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    app.initial_quiz = QuizSettings(question_ids=(first_of_type(app, "single"),), seed=11)

    async def answer(pilot: Pilot[int]) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        widget = screen.query_one(".answer")
        wrong = next(i for i, (c, _) in enumerate(widget.choices) if not widget._right(c))  # type: ignore[attr-defined]
        await pilot.press(str(wrong + 1), "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=answer)


def test_results(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    ids = (first_of_type(app, "truefalse"), first_of_type(app, "single"))
    app.initial_quiz = QuizSettings(question_ids=ids, seed=2)

    async def answer(pilot: Pilot[int]) -> None:
        await settle(pilot)
        for key in ("1", "2"):
            await pilot.press(key, "enter")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=answer)
