"""Lesson blocks as plain text: no markup, no emoji, no box drawing, 80 columns."""

from __future__ import annotations

import pytest

from tests.unit.test_plain_support import content
from tutor.content.model import (
    CalloutBlock,
    Card,
    CardsBlock,
    FlowBlock,
    KeyPointsBlock,
    MarkdownBlock,
    SimulatorBlock,
    Step,
    TableBlock,
)
from tutor.plain.console import plain_chars, wrap
from tutor.plain.markdown import inline
from tutor.plain.render import block_lines, prose, section_lines, table_lines


def markdown(text: str, width: int = 80) -> list[str]:
    return block_lines(MarkdownBlock("m", None, text), "en", width)


def test_inline_markup_is_removed_but_words_stay() -> None:
    assert inline("**bold**, *em*, _em_, `code_x`, [link](#strategies)") == "bold, em, em, code_x, link"
    assert inline("see [docs](https://example.org) and d_in + d_out, 2 * 3 * 4") == (
        "see docs (https://example.org) and d_in + d_out, 2 * 3 * 4"
    )
    assert inline("`**not bold**` \\*star\\*") == "**not bold** *star*"


def test_paragraphs_lists_headings_and_code() -> None:
    lines = markdown("# Title\n\nA paragraph\nthat goes on.\n\n- one\n- two\n  continued\n\n1. first\n2. second\n\n"
                     "```\ncode  kept\n```\n---\nEnd.")
    assert lines == ["Title", "", "A paragraph that goes on.", "", "- one", "- two continued", "", "1. first",
                     "2. second", "", "    code  kept", "", "End."]


def test_a_number_at_the_start_of_a_wrapped_line_is_not_a_list() -> None:
    assert markdown("a score from 0 to\n5) is a cross-encoder") == ["a score from 0 to 5) is a cross-encoder"]


def test_pipe_tables_in_markdown_become_columns() -> None:
    assert markdown("| A | B |\n|---|---|\n| x | **y** |") == ["A  B", "x  y"]


def test_tables_are_columns_when_they_fit_else_header_value_lines() -> None:
    narrow = table_lines(("Name", "Size"), (("BERT", "110M"), ("GPT-2", "124M")), 80)
    assert narrow == ["Name   Size", "BERT   110M", "GPT-2  124M"]
    wide = table_lines(("Task", "Metric", "Tools"), (("Classification", "Accuracy, F1", "scikit-learn"),), 30)
    assert wide == ["- Task: Classification", "  Metric: Accuracy, F1", "  Tools: scikit-learn"]
    assert table_lines(("Tâche", "Outil"), (("NER", "seqeval"),), 13, "fr")[0] == "- Tâche\u00a0: NER"


def test_callouts_say_their_kind_in_words() -> None:
    lines = block_lines(CalloutBlock("c", "Careful", "warning", "Do **not** do it."), "en")
    assert lines == ["Warning: Careful", "  Do not do it."]
    assert block_lines(CalloutBlock("c", None, "tip", "x"), "fr")[0] == "Astuce"


def test_flow_steps_are_numbered_and_cards_lose_their_icons() -> None:
    flow = block_lines(FlowBlock("f", "How", (Step("Load", "Load it."), Step("Train", "Train it."))), "en")
    assert flow == ["How", "Step 1/2: Load", "  Load it.", "Step 2/2: Train", "  Train it."]
    cards = block_lines(CardsBlock("c", None, (Card("a", "🎯", "Full", "Every parameter."),)), "en")
    assert cards == ["- Full: Every parameter."]


def test_key_points_and_simulators() -> None:
    points = block_lines(KeyPointsBlock("k", None, ("One", "Two")), "en")
    assert points == ["Key points", "- One", "- Two"]
    bert = block_lines(SimulatorBlock("s", None, "bert-configurator"), "en")
    assert bert[0] == "Interactive panel: BERT and seq2seq fine-tuning configurator."
    assert "full-screen app" in " ".join(bert) and "tutor estimate" in " ".join(bert)
    lab = " ".join(block_lines(SimulatorBlock("s", None, "transfer-lab"), "fr"))
    assert "application plein écran" in lab


def test_emoji_and_box_drawing_never_reach_the_output() -> None:
    assert plain_chars("🎯 Full ✓ ok ✗ no → next ┌─┐│└┘ █▓") == " Full [OK] ok [X] no -> next +-+|++ ##"
    assert plain_chars("é à ç ≈ × ≥") == "é à ç ≈ × ≥"


def test_french_punctuation_never_starts_a_line() -> None:
    lines = wrap("mot " * 18 + "fin ; suite : et « citation » 10 %", width=76)
    assert not any(line.lstrip().startswith((";", ":", "»", "%")) for line in lines)
    assert not any(line.rstrip().endswith("«") for line in lines)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_shipped_section_renders_as_plain_text(lang: str) -> None:
    module = content().course.module("fine-tuning", lang)
    assert module is not None
    for section in module.sections:
        lines = section_lines(section, lang)
        text = "\n".join(lines)
        assert lines and all(len(line) <= 80 for line in lines), section.id
        assert "**" not in text and "`" not in text and "](" not in text, section.id
        assert plain_chars(text) == text.replace("→", "->"), section.id  # no emoji nor box drawing left
        for block in section.blocks:
            if isinstance(block, TableBlock):
                # A long cell wraps over lines (and "→" reads "->"): compare word by word.
                cell = plain_chars(prose(inline(block.rows[0][-1]), lang))
                assert " ".join(cell.split()) in " ".join(text.split()), (section.id, block.id)
