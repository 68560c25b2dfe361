"""Our own dark and light themes, and how the theme is chosen.

Colours live here (Textual themes are Python); stylesheets only use the theme's variables.
Order of choice: `--theme`, then the settings file, then ANSI themes when the terminal has only
16 colours (`TERM=linux`, `TEXTUAL_COLOR_SYSTEM=standard`), else tutor-dark. `NO_COLOR` is
handled by Textual itself (a monochrome filter on top of any theme).
"""

from __future__ import annotations

from textual.theme import Theme

TUTOR_DARK = Theme(
    name="tutor-dark",
    primary="#5fafff",
    secondary="#af87ff",
    accent="#ffaf5f",
    warning="#ffd75f",
    error="#ff5f5f",
    success="#87d787",
    foreground="#e4e4e4",
    background="#121212",
    surface="#1c1c1c",
    panel="#262e3a",
    dark=True,
)

TUTOR_LIGHT = Theme(
    name="tutor-light",
    primary="#005fd7",
    secondary="#5f00af",
    accent="#af5f00",
    warning="#875f00",
    error="#d70000",
    success="#008700",
    foreground="#1c1c1c",
    background="#fafafa",
    surface="#eeeeee",
    panel="#dde6f0",
    dark=False,
)

OWN_THEMES = (TUTOR_DARK, TUTOR_LIGHT)


def pick_theme(explicit: str | None, color_system: str | None, available: set[str]) -> str:
    """The theme to use: the explicit one if it exists, else by what the terminal can show."""
    if explicit and explicit in available:
        return explicit
    if color_system in ("standard", "windows"):
        return "ansi-dark"
    return TUTOR_DARK.name
