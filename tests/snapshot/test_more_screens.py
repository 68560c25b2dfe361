"""Snapshots of the remaining screens at 80×24, and the home and lesson screens in an ANSI theme and in ASCII mode."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tutor.quiz.session import QuizSettings, settings_to_dict
from tutor.ui.app import TutorApp


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dates on screen in UTC, whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def record_history(app: TutorApp) -> None:
    """Three finished attempts at fixed times, one question missed twice, two sections read."""
    store = app.store
    bank = app.quizzes.bank("fine-tuning", app.lang)
    assert bank is not None
    first, second = bank.questions[0], bank.questions[1]
    for number, (right_first, right_second) in enumerate([(False, True), (False, False), (True, True)]):
        settings = QuizSettings(question_ids=(first.id, second.id))
        attempt = store.start_attempt(bank=bank.id, module=bank.module, kind="quiz", mode="practice", lang=app.lang,
                                      seed=number, settings=settings_to_dict(settings),
                                      question_ids=[first.id, second.id], time_limit=None, pass_mark=70.0)
        for question, right in ((first, right_first), (second, right_second)):
            store.record_answer(attempt, question_id=question.id, topic=question.topic, answer="a",
                                earned=question.points if right else 0.0, max_points=question.points,
                                credit=1.0 if right else 0.0, correct=right, hints=0, seconds=5.0)
        store.finish_attempt(attempt, 60.0)
        store._db.execute("UPDATE attempts SET started_at = ? WHERE id = ?", (1_767_225_600 + 86_400 * number, attempt))
    store.mark_read("fine-tuning", "transfer-learning")
    store.mark_read("fine-tuning", "strategies")


def test_stats(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp], utc: None) -> None:
    app = make_app(lang="fr")
    app._resume = False
    record_history(app)

    async def open_stats(pilot: Pilot[int]) -> None:
        pilot.app.open_stats()  # type: ignore[attr-defined]
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_stats)


def test_stats_lower_half(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp], utc: None) -> None:
    app = make_app(lang="en")
    app._resume = False
    record_history(app)

    async def open_stats(pilot: Pilot[int]) -> None:
        pilot.app.open_stats()  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_stats)


@pytest.mark.parametrize("screen", ["quiz-setup", "settings", "export", "resume", "too-small"])
def test_other_screens(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp], screen: str,
                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))  # the settings screen shows the settings path...
    monkeypatch.chdir(tmp_path)  # ...relative to the current directory
    app = make_app(lang="fr")
    size = (80, 24)
    if screen == "resume":
        bank = app.quizzes.bank("fine-tuning", "fr")
        assert bank is not None
        ids = [q.id for q in bank.questions[:4]]
        attempt = app.store.start_attempt(bank=bank.id, module=bank.module, kind="quiz", mode="exam", lang="fr",
                                          seed=1, settings=settings_to_dict(QuizSettings(question_ids=tuple(ids))),
                                          question_ids=ids, time_limit=600.0, pass_mark=70.0)
        app.store.record_answer(attempt, question_id=ids[0], topic="bert", answer="a", earned=1, max_points=1,
                                credit=1, correct=True, hints=0, seconds=3)
    if screen == "too-small":
        size = (50, 12)

    async def open_screen(pilot: Pilot[int]) -> None:
        await settle(pilot)
        if screen == "quiz-setup":
            pilot.app.open_quiz_setup()  # type: ignore[attr-defined]
        elif screen == "settings":
            pilot.app.open_settings()  # type: ignore[attr-defined]
        elif screen == "export":
            pilot.app.open_simulator("bert-configurator")  # type: ignore[attr-defined]
            await settle(pilot)
            await pilot.press("ctrl+o")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_screen)


@pytest.mark.parametrize("variant", ["ansi", "ascii"])
def test_home_and_lesson_variants(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp],
                                  variant: str) -> None:
    options = {"theme": "ansi-dark"} if variant == "ansi" else {"ascii_only": True}
    app = make_app(lang="fr", **options)

    async def open_lesson(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_lesson)


def test_home_ascii(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    assert snap_compare(make_app(lang="en", ascii_only=True), terminal_size=(80, 24))
