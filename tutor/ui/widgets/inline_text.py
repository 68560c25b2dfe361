"""Inline Markdown (bold, italic, code, links) as Rich Text, for the lesson blocks that are not
Markdown widgets: card texts, flow steps and table cells.

Parsed with markdown-it-py, the parser Textual's Markdown widget and plain mode use, so `*replay*`
reads the same everywhere: italic here, the bare word in plain mode, never with its asterisks.
Square brackets stay text (`[CLS]` is not markup).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_STYLES = {"strong": "bold", "em": "italic", "s": "strike"}


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like")


def inline_text(source: str) -> Text:
    """`source`'s inline Markdown as Text: marks become styles, links keep their text."""
    text = Text()
    if not source:
        return text
    tokens = _parser().parseInline(source)
    children = (tokens[0].children or []) if tokens else []
    open_styles: list[str] = []
    for token in children:
        kind = token.type
        style = " ".join(open_styles)
        if kind in ("text", "text_special", "code_inline"):
            text.append(token.content, style=style)
        elif kind in ("softbreak", "hardbreak"):
            text.append(" ", style=style)
        elif kind.endswith("_open") and kind[:-5] in _STYLES:
            open_styles.append(_STYLES[kind[:-5]])
        elif kind.endswith("_close") and kind[:-6] in _STYLES and open_styles:
            open_styles.pop()
        elif kind == "image":
            text.append(token.content, style=style)
        # link_open/link_close: the link's words stay; html_inline: dropped, as in plain mode
    return text
