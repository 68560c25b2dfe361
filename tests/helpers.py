"""Small helpers shared by the Pilot and snapshot tests."""

from __future__ import annotations

from textual.app import App
from textual.widgets import OptionList


def home_position(app: App[object], entry_id: str) -> int:
    """How many times to press Down on the home screen to reach the entry `entry_id`."""
    entries = app.screen.query_one("#modules", OptionList)
    return [entries.get_option_at_index(i).id for i in range(entries.option_count)].index(entry_id)


def home_text(app: App[object], index: int = 0) -> str:
    """The text of a home-screen entry (the first module by default)."""
    entries = app.screen.query_one("#modules", OptionList)
    return str(entries.get_option_at_index(index).prompt)


def spaced(text: str) -> str:
    """`text` with French no-break spaces as plain spaces, for assertions about the words."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")
