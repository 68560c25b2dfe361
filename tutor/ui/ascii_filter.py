"""ASCII mode's last line of defence: every character that reaches the terminal is ASCII.

Screens already choose ASCII marks in ASCII mode ("[OK]", "[X]", "#"); this filter catches what
they cannot control (Textual's own scroll bars, borders, the plot's braille dots, accented letters
on a terminal without UTF-8). Each character becomes characters of the same width, so layouts
do not move.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

_SINGLE = {
    "→": ">", "←": "<", "↑": "^", "↓": "v", "⏎": "/", "•": "*", "·": ".", "›": ">", "‹": "<",
    "…": ".", "«": '"', "»": '"', "“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-",
    "−": "-", "×": "x", "≈": "~", "≤": "<", "≥": ">", "Σ": "S", "°": "o", "✓": "v", "✗": "x",
    "●": "*", "○": "o", "☒": "x", "☐": "o", "≡": "=", "▼": "v", "▲": "^", "▶": ">", "◀": "<",
    "█": "#", "▓": "#", "▒": "+", "░": "-", "▁": "_", "▔": "-", "▏": "|", "▕": "|", "▎": "|",
    "▍": "|", "▌": "|", "▐": "|", "▊": "|", "▋": "|", "▉": "|", "œ": "o", "Œ": "O", "æ": "a",
    "Æ": "A", "ß": "s", "\u202f": " ", "\u00a0": " ", "€": "E", "⠀": " ", "╸": "-", "╺": "-",
}


def ascii_char(char: str) -> str:
    """An ASCII stand-in for `char`, as many cells wide as `char`."""
    if char < "\x80":
        return char
    width = cell_len(char)
    if width == 0:
        return ""
    if char in _SINGLE:
        return _SINGLE[char] * width
    code = ord(char)
    if 0x2500 <= code <= 0x257F:  # box drawing
        name = unicodedata.name(char, "")
        if "VERTICAL AND" in name or "DOWN AND" in name or "UP AND" in name or "ARC" in name:
            return "+"
        return "|" if "VERTICAL" in name else "-"
    if 0x2580 <= code <= 0x259F:  # block elements
        return "#"
    if 0x2800 <= code <= 0x28FF:  # braille dots (plots)
        return "."
    base = unicodedata.normalize("NFKD", char)
    letters = "".join(c for c in base if c < "\x80" and not unicodedata.combining(c))
    if len(letters) == 1 and width == 1:
        return letters
    return "?" * width


@lru_cache(4096)
def ascii_text(text: str) -> str:
    """`text` with every character replaced by its ASCII stand-in."""
    if text.isascii():
        return text
    return "".join(ascii_char(char) for char in text)


class AsciiFilter(LineFilter):
    """Replace non-ASCII characters in every rendered line."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """Transform a line's segments."""
        return [
            segment if segment.control or segment.text.isascii()
            else Segment(ascii_text(segment.text), segment.style, segment.control)
            for segment in segments
        ]
