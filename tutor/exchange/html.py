"""tutor's texts (plain text, `code` between backticks) ↔ the HTML Moodle stores.

Written: paragraphs (blank lines) become `<p>`, other line breaks `<br>`, backticks `<code>`, and
`& < >` entities (quotes need none in text), so the result never holds `]]>` and sits safely in a
CDATA section. Read back: the same text, whatever HTML an editor produced (block elements become
paragraphs, entities are decoded, HTML's runs of spaces collapse); images cannot be shown in a
terminal, so `read_text` returns their sources for the report instead of dropping them silently.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
                     "blockquote", "pre", "section", "article", "dl", "dt", "dd", "hr"})
_SKIPPED = frozenset({"script", "style", "head", "title"})
_CODE = re.compile(r"`([^`\n]+)`")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_PARAGRAPH = "\x00"  # a paragraph break while reading, before spaces are collapsed


def to_html(text: str) -> str:
    """`text` as HTML: `<p>` per paragraph, `<br>` per line break, `<code>` for `code`."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    rendered = []
    for paragraph in paragraphs:
        lines = [_CODE.sub(r"<code>\1</code>", html.escape(line.strip(), quote=False))
                 for line in paragraph.split("\n")]
        rendered.append("<p>" + "<br>".join(lines) + "</p>")
    return "".join(rendered)


class _TextReader(HTMLParser):
    """Collects the text of an HTML fragment, its line structure and its images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.images: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)
        elif tag == "code":
            self.parts.append("`")
        elif tag in ("img", "video", "audio", "object", "embed", "iframe", "svg"):
            found = dict(attrs)
            self.images.append(found.get("src") or found.get("alt") or tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)
        elif tag == "code":
            self.parts.append("`")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def read_html(fragment: str) -> tuple[str, list[str]]:
    """The text of an HTML `fragment` (tutor's shape: paragraphs, line breaks, `code`) and the images it shows."""
    reader = _TextReader()
    reader.feed(fragment)
    reader.close()
    joined = "".join(reader.parts)
    paragraphs = []
    for block in joined.split(_PARAGRAPH):
        # HTML collapses ASCII white space only: a no-break space (French typography) stays.
        lines = [_SPACES.sub(" ", line).strip(" ") for line in block.split("\n")]
        text = "\n".join(lines).strip("\n ")
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs), reader.images


def read_text(text: str, text_format: str) -> tuple[str, list[str]]:
    """A Moodle text in its `format` (`html`, `moodle_auto_format`, `plain_text`, `markdown`) as tutor's text.

    `moodle_auto_format` is HTML whose line breaks count; plain text and Markdown are kept as they
    are (Markdown reads well as it is in a terminal). Returns the text and the images it shows.
    """
    if text_format == "html":
        return read_html(text)
    if text_format in ("moodle_auto_format", "moodle"):
        return read_html(text.replace("\r\n", "\n").replace("\n", "<br>"))
    return text.replace("\r\n", "\n").strip(), []
