"""A check box that says its state in the glyph itself ([x] / [ ]), not only in colour."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static


class Toggle(Static, can_focus=True):
    """`[x] label` when on, `[ ] label` when off; Space or Enter toggles."""

    BINDINGS = [Binding("space,enter", "toggle", "Toggle", show=False)]
    value: reactive[bool] = reactive(False)

    class Changed(Message):
        """The toggle was switched."""

        def __init__(self, toggle: Toggle, value: bool) -> None:
            super().__init__()
            self.toggle = toggle
            self.value = value

        @property
        def control(self) -> Toggle:
            """The toggle that changed."""
            return self.toggle

    def __init__(self, label: str, value: bool = False, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self.label = label
        self.set_reactive(Toggle.value, value)

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        self.update(f"[{'x' if self.value else ' '}] {self.label}".rstrip())

    def watch_value(self, value: bool) -> None:
        self._draw()
        self.set_class(value, "-on")
        self.post_message(self.Changed(self, value))

    def action_toggle(self) -> None:  # type: ignore[override]  # our binding's action, not DOMNode's
        """Switch on or off."""
        self.value = not self.value

    def on_click(self) -> None:
        self.action_toggle()
