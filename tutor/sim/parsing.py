"""Parsing helpers for user text: numbers, booleans, lists. They return None, never raise."""

from __future__ import annotations

import math
import re
from typing import TypeGuard

from tutor.i18n.numbers import read_number

# Digit-group separators people type: underscore, space, no-break and narrow no-break spaces.
_SEPARATORS = ("_", " ", "\u00a0", "\u202f")


def _compact(text: str) -> str:
    cleaned = text.strip()
    for separator in _SEPARATORS:
        cleaned = cleaned.replace(separator, "")
    return cleaned


def is_number(value: object) -> TypeGuard[int | float]:
    """True for a finite int or float (bool excluded)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def is_int(value: object) -> TypeGuard[int]:
    """True for an int (bool excluded)."""
    return isinstance(value, int) and not isinstance(value, bool)


def parse_float(text: object) -> float | None:
    """A finite float from user text ("2e-5", "2,5e-5", " 0.1 ", "10 000"), else None."""
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        try:
            value = float(text)
        except OverflowError:
            return None
        return value if math.isfinite(value) else None
    if not isinstance(text, str):
        return None
    # The tool's one reader of typed numbers: decimal comma or point, any digit-group space, the
    # minus sign −; refuses the ambiguous 1.875,5. A single comma is decimal, as on French screens.
    return read_number(text, "fr").value


def parse_int(text: object) -> int | None:
    """An integer from user text ("16", "10 000", "1e4"), else None; "2.5" is not one."""
    if is_int(text):
        return int(text)
    if isinstance(text, str):
        cleaned = _compact(text)
        if re.fullmatch(r"[+-]?[0-9]{1,40}", cleaned):
            return int(cleaned)
    value = parse_float(text)
    if value is None or not value.is_integer() or abs(value) > 1e18:
        return None
    return int(value)


def parse_bool(text: object) -> bool | None:
    """A boolean from user text (on/off, yes/no, oui/non, true/false, 1/0), else None."""
    if isinstance(text, bool):
        return text
    if is_int(text) and text in (0, 1):
        return bool(text)
    if isinstance(text, str):
        word = text.strip().lower()
        if word in ("1", "true", "yes", "y", "on", "oui", "o", "vrai"):
            return True
        if word in ("0", "false", "no", "n", "off", "non", "faux", ""):
            return False
    return None


def parse_targets(text: object) -> tuple[str, ...] | None:
    """Names from "query,value" (or a list); None (meaning "the default") for empty input."""
    if text is None:
        return None
    items = list(text) if isinstance(text, (list, tuple)) else str(text).replace(";", ",").split(",")
    names = tuple(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))
    return names or None


def parse_float_list(text: object) -> list[float] | None:
    """Finite floats from "1, 2.5, -3" (or "1;2;3"); None if any item is not a number or none given."""
    if not isinstance(text, str):
        return None
    items = [item.strip() for item in text.replace(";", ",").split(",")]
    if not any(items):
        return None
    values = [parse_float(item) for item in items]
    if any(v is None for v in values):
        return None
    return [v for v in values if v is not None]


def parse_str_list(text: object) -> list[str]:
    """Items of a comma-separated list, spaces around each item removed (empty items kept)."""
    if not isinstance(text, str):
        return []
    return [item.strip() for item in text.split(",")]
