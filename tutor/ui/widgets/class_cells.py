"""Cells of the class dashboard: a share of points as a number coloured by the theme, a label cut to fit.

Every cell is a `rich.text.Text`, never a string: DataTable reads a string as Rich markup, and names
and ids come from learners' files (`[b]` in a name must show as typed).
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.color import Color, ColorParseError

from tutor.classroom.model import MASTERED, STRUGGLING
from tutor.i18n.catalogue import STRINGS, t
from tutor.i18n.numbers import fmt

__all__ = ["level_style", "mode_label", "share_cell", "short", "topic_label", "topic_short"]


def level_style(app: App[Any], share: float | None) -> Style:
    """The theme's success, warning or error colour for a share of points (mastered, on the way, a gap)."""
    if share is None:
        return Style(dim=True)
    name = "success" if share >= MASTERED else "warning" if share >= STRUGGLING else "error"
    try:
        color = Color.parse(app.theme_variables.get(name, "")).rich_color
    except ColorParseError:
        return Style(bold=name == "success")
    return Style(color=color, bold=name == "success")


def share_cell(app: App[Any], share: float | None, lang: str, empty: str = "-") -> Text:
    """`85` (per cent, no sign: the column says %), coloured by level; `empty` without points."""
    if share is None:
        return Text(empty, style=Style(dim=True), justify="right")
    return Text(fmt(round(100 * share), lang), style=level_style(app, share), justify="right")


def discrimination_cell(app: App[Any], value: float | None, lang: str) -> Text:
    """Moodle's discrimination index in per cent (`-12`, `35`); negative in the error colour, `-` undefined."""
    if value is None:
        return Text("-", style=Style(dim=True), justify="right")
    style = level_style(app, 0.0) if value < 0 else Style()
    return Text(fmt(round(100 * value), lang), style=style, justify="right")


def short(text: str, width: int) -> str:
    """`text` cut to `width` characters with an ellipsis."""
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def topic_label(topic: str, lang: str) -> str:
    """A topic's name in `lang` (a topic the course does not know: its id as written)."""
    key = f"topic.{topic}"
    return t(key, lang) if key in STRINGS else topic


def topic_short(topic: str, lang: str, width: int = 6) -> str:
    """A column title for the grid: the course's abbreviation of the topic, else its id cut short."""
    key = f"class.topic.{topic}"
    return t(key, lang) if key in STRINGS else short(topic, width)


def mode_label(mode: str, lang: str) -> str:
    """`Examen` / `Exam`, `Entraînement` / `Practice`; a mode tutor does not know, as written."""
    key = f"quiz.{mode}"
    return t(key, lang) if mode in ("practice", "exam") else mode
