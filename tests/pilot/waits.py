"""Waiting in Pilot tests: for a state of the app, never for a length of time."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot


async def settle(pilot: Pilot[int]) -> None:
    """Let every message, mount and worker the last keys started come to rest."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot: Pilot[int], condition: Callable[[], bool], *, rounds: int = 2000) -> None:
    """Let the app run until `condition` holds.

    Each round hands control to the app once; a worker thread or a timer moves on meanwhile.
    `rounds` bounds a wait that would otherwise hang, it does not pace the test. If the app
    stopped on an exception, that exception is the failure shown.
    """
    for _ in range(rounds):
        crash = pilot.app._exception
        if crash is not None:
            raise crash
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the app never reached the state waited for")
