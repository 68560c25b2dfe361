"""Textual's form controls, adjusted for tutor: cursors that do not blink, a Select that can be removed
and whose open list speaks the interface language.

A blinking cursor redraws its line twice a second for as long as a field has focus: traffic on
every idle SSH session of a lab, a distraction for some learners, and a coin toss in a
screenshot. The focused field is shown by its border and a steady cursor instead.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Select, TextArea
from textual.widgets._select import SelectCurrent, SelectOverlay

from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.alive import alive


class PageSafe:
    """PageUp/PageDown on an option list whose options have no lines yet do nothing.

    Textual's OptionList lays its options out only when it has a region; hidden (a table of
    contents toggled off while focused) or between a change and its next layout, `_move_page`
    looks up a line that does not exist and raises KeyError (found by the pty monkey in lessons
    and in the command palette). Mixed into every option list of ours, before Textual's class.
    """

    def _move_page(self, direction: int) -> None:
        options = getattr(self, "options", ())
        if options and (getattr(self, "highlighted", None) or 0) not in self._index_to_line:  # type: ignore[attr-defined]  # OptionList's private map, checked by test_textual_private
            return
        super()._move_page(direction)  # type: ignore[misc]  # OptionList's private method


class SafeOptionList(PageSafe, OptionList):
    """An OptionList whose page keys never fail (see `PageSafe`)."""


class SteadyInput(Input):
    """Textual's Input with a steady cursor."""

    cursor_blink = reactive(False, init=False)


class SteadyTextArea(TextArea):
    """Textual's TextArea with a steady cursor."""

    cursor_blink = reactive(False, init=False)


class TutorSelectOverlay(PageSafe, SelectOverlay):
    """Textual's open select list, whose key speaks the interface language.

    Textual's overlay put "esc Dismiss menu" in the footer whatever the language. Ours is
    labelled "Fermer" in the footer and the help, in the learner's language (Textual's own label
    reads "Dismiss menu"). Esc closes the list as it closes every other pop-up of the app.
    """

    BINDINGS = [Binding("escape", "dismiss", "Close", id="menu_close", show=True)]

    def on_mount(self) -> None:
        # Textual also runs SelectOverlay.on_mount (each class's handler is called, base last).
        localize_bindings(self, getattr(self.app, "lang", "en"))


class SafeSelect(Select[Any]):
    """Textual's Select, which survives being removed while it mounts, with a localised list.

    A Select fills its overlay when it mounts. When the screen or section holding it is removed
    at that moment (a learner leaving a lesson that is still rendering), the overlay has already
    gone and Textual's Select raised `NoMatches 'SelectOverlay'`; there is nothing to fill then.

    The open list keeps its frame even when the Select is compact: without one, its options were
    drawn straight over the text under the Select and read as part of it.
    """

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield TutorSelectOverlay(type_to_search=self._type_to_search)

    def _on_mount(self, event: events.Mount) -> None:
        # Textual calls each class's own handler, subclass first: stop Select's when it would fail.
        if not (alive(self) and self.query(SelectOverlay)):
            event.prevent_default()
