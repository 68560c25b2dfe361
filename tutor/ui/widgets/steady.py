"""Text fields whose cursor does not blink.

A blinking cursor redraws its line twice a second for as long as a field has focus: traffic on
every idle SSH session of a lab, a distraction for some learners, and a coin toss in a
screenshot. The focused field is shown by its border and a steady cursor instead.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Input, TextArea


class SteadyInput(Input):
    """Textual's Input with a steady cursor."""

    cursor_blink = reactive(False, init=False)


class SteadyTextArea(TextArea):
    """Textual's TextArea with a steady cursor."""

    cursor_blink = reactive(False, init=False)
