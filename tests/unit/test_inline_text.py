"""Inline Markdown in card texts, flow steps and table cells: styled, never shown with its marks."""

from __future__ import annotations

from tutor.ui.widgets.inline_text import inline_text


def styles_of(text, word: str) -> set[str]:
    start = text.plain.index(word)
    return {str(span.style) for span in text.spans if span.start <= start < span.end}


def test_bold_italic_and_code_lose_their_marks_and_keep_their_style() -> None:
    text = inline_text("un **gel** partiel (*replay*) avec `use_dora=True`")
    assert text.plain == "un gel partiel (replay) avec use_dora=True"
    assert styles_of(text, "gel") == {"bold"}
    assert styles_of(text, "replay") == {"italic"}
    assert styles_of(text, "use_dora") == set()


def test_nested_marks_combine() -> None:
    text = inline_text("***both*** and **bold *and italic***")
    assert text.plain == "both and bold and italic"
    assert "bold" in " ".join(styles_of(text, "italic")) and "italic" in " ".join(styles_of(text, "italic"))


def test_square_brackets_and_links_stay_words() -> None:
    text = inline_text("le token [CLS] et [la section](#forgetting), 3 * 4 = 12")
    assert text.plain == "le token [CLS] et la section, 3 * 4 = 12"


def test_empty_and_breaks() -> None:
    assert inline_text("").plain == ""
    assert inline_text("deux\nlignes").plain == "deux lignes"
