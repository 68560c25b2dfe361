"""tutor's text ↔ Moodle's HTML: paragraphs, line breaks, `code`, entities, images, Moodle's text formats."""

from __future__ import annotations

import pytest

from tutor.exchange.html import read_html, read_text, to_html


@pytest.mark.parametrize("text", [
    "Une ligne.",
    "Premier paragraphe.\n\nSecond, avec `lr = 2e-5` et <balise> & « guillemets » d'apostrophe.",
    "Ligne 1\nLigne 2 : 3\u00a0% de « x »",
    "]]> ne doit jamais fermer un CDATA",
])
def test_tutor_texts_come_back_from_html(text: str) -> None:
    written = to_html(text)
    assert "]]>" not in written
    assert read_html(written) == (text, [])


def test_html_from_an_editor_reads_as_tutor_text() -> None:
    fragment = ('<div><p>Le <b>F1</b>&nbsp;:</p><ul><li>précision</li><li>rappel</li></ul>'
                '<script>alert(1)</script><p>voir <img src="@@PLUGINFILE@@/f1.png" alt="F1"></p></div>')
    text, images = read_html(fragment)
    assert text == "Le F1\u00a0:\n\nprécision\n\nrappel\n\nvoir"
    assert images == ["@@PLUGINFILE@@/f1.png"]


def test_moodle_text_formats() -> None:
    assert read_text("a\r\nb", "moodle_auto_format") == ("a\nb", [])
    assert read_text("  *gras*  ", "markdown") == ("*gras*", [])
    assert read_text("<p>x</p>", "plain_text") == ("<p>x</p>", [])
