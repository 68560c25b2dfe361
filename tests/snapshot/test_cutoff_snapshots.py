"""Snapshots of the places where text used to be cut off at 80×24 (issue 12, "Nothing cut off"),
and of the "terminal too small" notice at the small sizes it is shown at.

Update only these with `pytest tests/snapshot/test_cutoff_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from textual.pilot import Pilot

import tutor.ui.app as app_module
from tutor.quiz.session import QuizSettings
from tutor.ui.app import TutorApp


@pytest.fixture(autouse=True)
def frozen_clocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quiz clocks read fixed times, so the exam timer on screen does not vary between runs."""
    monkeypatch.setattr(app_module, "time", SimpleNamespace(monotonic=lambda: 1000.0, time=lambda: 1_767_225_600.0))


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def first_of_type(app: TutorApp, kind: str) -> str:
    bank = app.quizzes.bank("fine-tuning", app.lang)
    assert bank is not None
    return next(q.id for q in bank.questions if q.type == kind)


def test_exam_header_with_its_timer(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    app._resume = False
    app.initial_quiz = QuizSettings(mode="exam", time_limit=600.0, seed=3, question_ids=(first_of_type(app, "single"),))
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_reset_progress_dialog(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    app._resume = False

    async def ask_reset(pilot: Pilot[int]) -> None:
        await settle(pilot)
        pilot.app.open_stats()  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ask_reset)


def test_french_lesson_footer(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    app._resume = False

    async def open_lesson(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_lesson)


def test_select_list_open(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    """The strategy list of the BERT configurator, open: framed over the fields, French footer."""
    app = make_app(lang="fr")
    app._resume = False

    async def open_list(pilot: Pilot[int]) -> None:
        from textual.widgets import Select

        await settle(pilot)
        pilot.app.open_simulator("bert-configurator")  # type: ignore[attr-defined]
        await settle(pilot)
        select = pilot.app.screen.query_one("#control-strategy", Select)
        select.focus()
        await settle(pilot)
        select.action_show_overlay()
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_list)


def test_home_with_a_section_to_resume(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    app._resume = False
    module = next(iter(app.course.modules_in("fr")))
    app.store.set_position(module.id, module.sections[3].id)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


@pytest.mark.parametrize("size", [(40, 12), (50, 14)], ids=["40x12", "50x14"])
def test_too_small_notice(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp],
                          size: tuple[int, int]) -> None:
    app = make_app(lang="fr")
    app._resume = False
    assert snap_compare(app, terminal_size=size, run_before=settle)
