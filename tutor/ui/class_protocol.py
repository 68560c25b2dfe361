"""What the class dashboard's screens know of their app (tutor.ui.class_app.ClassApp), and what the app
knows of them: the screens type `self.app` with `ClassAppProtocol` and never import the app back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from tutor.classroom.model import ClassView

__all__ = ["ClassAppProtocol", "ClassScreenProtocol"]


class ClassAppProtocol(Protocol):
    """The dashboard app as its screens use it."""

    lang: str
    view: ClassView
    clock: Callable[[], float]
    watch_problem: str | None

    def rescan(self) -> None:
        """Check the directory and read every file that changed."""
        ...

    def open_learner(self, login: str) -> None:
        """Show one learner's details."""
        ...


@runtime_checkable
class ClassScreenProtocol(Protocol):
    """What a dashboard screen offers the app: draw a new view, redraw its clocks."""

    def show_view(self, view: ClassView) -> None:
        """Draw `view` (called on the app's loop, only while the screen is alive)."""
        ...

    def tick(self, now: float) -> None:
        """Redraw what depends on the time alone (time left, last activity)."""
        ...
