"""Snapshots of the main screens at 80×24 and 120×40 (update with `pytest --snapshot-update`)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from textual.pilot import Pilot

from tutor.ui.app import TutorApp

SIZES = [(80, 24), (120, 40)]


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_home(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp], size: tuple[int, int]) -> None:
    assert snap_compare(make_app(lang="fr"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_lesson_strategies(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp],
                           size: tuple[int, int]) -> None:
    async def open_strategies(pilot: Pilot[int]) -> None:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(make_app(lang="fr"), terminal_size=size, run_before=open_strategies)


def test_lesson_table_english(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    async def open_comparison(pilot: Pilot[int]) -> None:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)

    assert snap_compare(make_app(lang="en"), terminal_size=(80, 24), run_before=open_comparison)


def test_help(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    async def open_help(pilot: Pilot[int]) -> None:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_app(lang="fr"), terminal_size=(80, 24), run_before=open_help)


def test_bert_configurator(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    async def configure(pilot: Pilot[int]) -> None:
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        await pilot.press(*"détecter les spams dans les e-mails")
        await settle(pilot)

    assert snap_compare(make_app(lang="fr"), terminal_size=(80, 24), run_before=configure)


def test_bert_configurator_estimate(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    async def scroll_to_estimate(pilot: Pilot[int]) -> None:
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        pilot.app.screen.query_one("#estimate").scroll_visible(top=True, animate=False)
        await settle(pilot)

    assert snap_compare(make_app(lang="en"), terminal_size=(80, 24), run_before=scroll_to_estimate)


def test_gpt_playground(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    async def scroll_to_playground(pilot: Pilot[int]) -> None:
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        pilot.app.screen.query_one("#playground").scroll_visible(top=True, animate=False)
        await settle(pilot)

    assert snap_compare(make_app(lang="en"), terminal_size=(80, 24), run_before=scroll_to_playground)


def test_transfer_lab(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp],
                      monkeypatch: pytest.MonkeyPatch) -> None:
    # The summary shows how long training took: a still clock keeps the snapshot the same each run.
    import tutor.lab.train

    monkeypatch.setattr(tutor.lab.train, "time", SimpleNamespace(perf_counter=lambda: 0.0))
    async def train_scenario(pilot: Pilot[int]) -> None:
        from textual.widgets import Select

        pilot.app.open_simulator("transfer-lab")  # type: ignore[attr-defined]
        await settle(pilot)
        pilot.app.screen.query_one("#lab-scenario", Select).value = "overfitting"
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        pilot.app.screen.query_one("#lab-status").scroll_visible(top=True, animate=False)
        await settle(pilot)

    assert snap_compare(make_app(lang="en"), terminal_size=(80, 24), run_before=train_scenario)
