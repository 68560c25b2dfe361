"""Snapshots of the metrics calculator at 80×24 (update with `pytest --snapshot-update`)."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from tests.helpers import home_position
from tutor.ui.app import TutorApp


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_calculator(pilot: Pilot[int]) -> None:
    downs = home_position(pilot.app, "simulator:metrics-calculator")
    await pilot.press(*["down"] * downs, "enter")
    await settle(pilot)


def test_classification_report(snap_compare: Callable[..., bool], make_app: Callable[..., TutorApp]) -> None:
    """The headline, the per-class table with its averages, and the confusion grid."""

    async def scroll_to_report(pilot: Pilot[int]) -> None:
        await open_calculator(pilot)
        pilot.app.screen.query_one("#report-headline").scroll_visible(top=True, animate=False)
        await settle(pilot)

    assert snap_compare(make_app(lang="fr"), terminal_size=(80, 24), run_before=scroll_to_report)


def test_invalid_input_keeps_the_last_report(snap_compare: Callable[..., bool],
                                             make_app: Callable[..., TutorApp]) -> None:
    """A label too many in the predictions: the message, the marked area, the last valid report."""

    async def break_pred(pilot: Pilot[int]) -> None:
        await open_calculator(pilot)
        pilot.app.screen.query_one("#in-classification-pred").focus()
        await pilot.press(*["down"] * 30, *"neutral", "ctrl+r")
        await settle(pilot)
        pilot.app.screen.query_one("#metrics-error").scroll_visible(animate=False)
        await settle(pilot)

    assert snap_compare(make_app(lang="en"), terminal_size=(80, 24), run_before=break_pred)
