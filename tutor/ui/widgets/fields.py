"""Form fields with an inline message: a label, a control (input, choice or switch), an error line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from tutor.ui.widgets.controls import SafeSelect, SteadyInput
from tutor.ui.widgets.toggle import Toggle


@dataclass(frozen=True)
class FieldSpec:
    """How to show one field: its name, label, kind (`text`, `choice`, `bool`) and choices."""

    name: str
    label: str
    kind: str = "text"
    choices: Sequence[tuple[str, str]] = ()  # (label, value)
    placeholder: str = ""  # an input's placeholder, a checkbox's label


INVALID_MARK = "✗ "  # before an invalid field's label: says "wrong" without colour (ASCII mode: "x ")


class FieldCell(Vertical):
    """One labelled field and, under it, what is wrong with its value (in words, not only colour)."""

    class Changed(Message):
        """The field's value changed."""

        def __init__(self, cell: FieldCell) -> None:
            super().__init__()
            self.cell = cell

    def __init__(self, spec: FieldSpec, value: object) -> None:
        super().__init__(classes="field", id=f"field-{spec.name}")
        self.spec = spec
        self._initial = value

    def compose(self) -> ComposeResult:
        yield Label(self.spec.label, classes="field-label", markup=False)
        yield self._control()
        yield Static("", classes="field-error", markup=False)

    def _control(self) -> Widget:
        name = f"control-{self.spec.name}"
        if self.spec.kind == "choice":
            return SafeSelect(
                list(self.spec.choices), value=self._initial, allow_blank=False, compact=True, id=name
            )
        if self.spec.kind == "bool":
            return Toggle(self.spec.placeholder, value=bool(self._initial), id=name)
        return SteadyInput(value=str(self._initial), placeholder=self.spec.placeholder, compact=True, id=name,
                     select_on_focus=False)

    @property
    def value(self) -> object:
        """The raw value: text for inputs, the chosen value, or a bool."""
        control = self.query_one(f"#control-{self.spec.name}")
        if isinstance(control, Input):
            return control.value
        return control.value  # type: ignore[attr-defined]  # Select and Switch both have a value

    def set_value(self, value: object) -> None:
        """Change the value (e.g. from a recommendation) without losing the cell's other state."""
        control = self.query_one(f"#control-{self.spec.name}")
        if isinstance(control, Input):
            control.value = str(value)
        elif isinstance(control, Toggle):
            control.value = bool(value)
        elif isinstance(control, Select):
            control.value = value

    def show_problem(self, message: str | None, severity: str = "error") -> None:
        """Show (or clear) the message under the field; errors are marked with `!` and words."""
        error = self.query_one(".field-error", Static)
        error.update(f"! {message}" if message else "")
        error.display = bool(message)
        invalid = bool(message) and severity == "error"
        self.query_one(".field-label", Label).update(INVALID_MARK + self.spec.label if invalid else self.spec.label)
        self.set_class(invalid, "-invalid")
        self.set_class(bool(message) and severity != "error", "-warning")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def on_toggle_changed(self, event: Toggle.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))
