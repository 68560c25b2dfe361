"""Textual's form controls, adjusted for tutor: cursors that do not blink, a Select that can be removed.

A blinking cursor redraws its line twice a second for as long as a field has focus: traffic on
every idle SSH session of a lab, a distraction for some learners, and a coin toss in a
screenshot. The focused field is shown by its border and a steady cursor instead.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.reactive import reactive
from textual.widgets import Input, Select, TextArea
from textual.widgets._select import SelectOverlay

from tutor.ui.widgets.alive import alive


class SteadyInput(Input):
    """Textual's Input with a steady cursor."""

    cursor_blink = reactive(False, init=False)


class SteadyTextArea(TextArea):
    """Textual's TextArea with a steady cursor."""

    cursor_blink = reactive(False, init=False)


class SafeSelect(Select[Any]):
    """Textual's Select, which survives being removed while it mounts.

    A Select fills its overlay when it mounts. When the screen or section holding it is removed
    at that moment (a learner leaving a lesson that is still rendering), the overlay has already
    gone and Textual's Select raised `NoMatches 'SelectOverlay'`; there is nothing to fill then.
    """

    def _on_mount(self, event: events.Mount) -> None:
        # Textual calls each class's own handler, subclass first: stop Select's when it would fail.
        if not (alive(self) and self.query(SelectOverlay)):
            event.prevent_default()
