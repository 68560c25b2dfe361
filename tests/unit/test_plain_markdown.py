"""Plain mode parses lesson Markdown as the full-screen app does (markdown-it, Textual's parser):
indented code, HTML entities, reference links and emphasis read the same in both."""

from __future__ import annotations

from tutor.content.model import MarkdownBlock
from tutor.plain.markdown import inline, markdown_lines
from tutor.plain.render import block_lines, table_lines


def md(text: str, width: int = 80) -> list[str]:
    return markdown_lines(text, lambda h, r, wd: table_lines(h, r, wd, "en"), width)


def test_an_indented_code_block_stays_code() -> None:
    """It used to be joined into the paragraph around it."""
    lines = md("Load the model:\n\n    model = AutoModel.from_pretrained(name)\n    model.train()\n\nThen train.")
    assert lines == ["Load the model:", "", "    model = AutoModel.from_pretrained(name)", "    model.train()", "",
                     "Then train."]


def test_html_entities_are_characters() -> None:
    assert md("Q&amp;A, 5&nbsp;%, &lt;pad&gt; &eacute;") == ["Q&A, 5\u00a0%, <pad> é"]
    assert inline("Q&amp;A") == "Q&A"


def test_reference_links_are_links() -> None:
    text = "See [the course][1] and [PEFT][peft].\n\n[1]: #strategies\n[peft]: https://github.com/huggingface/peft"
    assert md(text) == ["See the course and PEFT (https://github.com/huggingface/peft)."]


def test_emphasis_follows_commonmark() -> None:
    assert md("**bold**, *em*, _em_, ***both***, ~~old~~ and snake_case_name, 2 * 3 * 4") == [
        "bold, em, em, both, old and snake_case_name, 2 * 3 * 4"]
    assert inline("`a ``double`` tick`") == "a ``double`` tick"


def test_a_list_item_keeps_its_continuation_paragraph() -> None:
    lines = md("- first\n\n  more about the first\n- second\n  - nested\n\n3. three\n4. four")
    assert lines == ["- first", "  more about the first", "- second", "  - nested", "", "3. three", "4. four"]


def test_bare_and_angle_links_print_their_address_once() -> None:
    assert md("<https://huggingface.co> and https://pytorch.org") == ["https://huggingface.co and https://pytorch.org"]


def test_raw_html_keeps_its_words() -> None:
    assert md("a<br>b <sup>2</sup>") == ["a b 2"]
    assert md("<div>Note</div>") == ["Note"]


def test_no_escape_codes_nor_markup_left() -> None:
    lines = block_lines(MarkdownBlock("m", None,
                                      "# Title\n\n> quoted *text*\n\n---\n\n| A | B |\n|---|---|\n| `x` | **y** |"),
                        "en")
    assert lines == ["Title", "", "quoted text", "", "A  B", "x  y"]
    assert not any("\x1b" in line for line in lines)
