"""The class directory's changes, as they happen: inotify through watchfiles, no polling of the files.

watchfiles' Rust side listens to inotify on the directory (not its sub-directories) and hands back
the names that changed; a burst of publications (a whole class answering at once) arrives as one
set once the directory has been quiet for `STEP_MS`, or after `DEBOUNCE_MS` at the latest. After
`QUIET_MS` without any change an empty set is yielded: the caller then re-checks every file's
inode, size and time (one `lstat` per learner), a safety net for events inotify dropped (a full
event queue).

`ready` is called once inotify watches the directory: a scan made then misses nothing, since any
later change is reported (a scan made before the watch starts could miss a file written between).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import suppress
from pathlib import Path

__all__ = ["DEBOUNCE_MS", "QUIET_MS", "STEP_MS", "directory_changes"]

STEP_MS = 50  # a burst is handed over once the directory was quiet this long…
DEBOUNCE_MS = 300  # …or after this long at most, while learners keep publishing
QUIET_MS = 30_000  # without any change, an empty set this often (a full re-check)


def _published(change: object, path: str) -> bool:
    """Only learners' files: `*.json`, not the hidden temporary files a publication renames."""
    name = Path(path).name
    return name.endswith(".json") and not name.startswith(".")


async def directory_changes(directory: Path, ready: Callable[[], None] | None = None, *, step_ms: int = STEP_MS,
                            debounce_ms: int = DEBOUNCE_MS, quiet_ms: int = QUIET_MS) -> AsyncIterator[set[str]]:
    """Yield the names of the files of `directory` that changed (an empty set: re-check them all).

    Runs until the consumer stops iterating or is cancelled (the watch thread stops within `step_ms`).
    """
    from watchfiles import awatch  # only the dashboard watches: the rest of tutor never loads it

    changes = awatch(directory, watch_filter=_published, debounce=debounce_ms, step=step_ms, rust_timeout=quiet_ms,
                     yield_on_timeout=True, recursive=False, ignore_permission_denied=True)
    # awatch sets inotify up in the first step of its first wait, before its first real suspension:
    # started as a task and given one turn of the loop, it watches the directory from here on.
    waiting = asyncio.ensure_future(anext(changes))
    await asyncio.sleep(0)
    if ready is not None:
        ready()
    try:
        while True:
            try:
                batch = await waiting
            except StopAsyncIteration:
                return
            yield {Path(path).name for _, path in batch}
            waiting = asyncio.ensure_future(anext(changes))
    finally:
        waiting.cancel()  # the watch thread stops within `step_ms` (watchfiles sets its stop event)
        with suppress(asyncio.CancelledError, Exception):  # its end, already handled or no longer wanted
            await waiting
        await changes.aclose()
