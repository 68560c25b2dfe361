"""A progress bar that stays still while nothing changes."""

from __future__ import annotations

from textual import events
from textual.widgets import ProgressBar


class StillProgressBar(ProgressBar):
    """Textual's ProgressBar, without the one-second timer it runs for its time estimate.

    We never show an estimate, and that timer woke every idle lesson and quiz once a second
    (measured by bench/bench_idle.py); the bar still redraws whenever its progress changes.
    """

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]  # needs the event to stop it
        event.prevent_default()  # skip ProgressBar.on_mount's set_interval(1, self.update)
        self.update()
