"""Markdown as plain text: no markup characters, lists as "- " lines, paragraphs wrapped.

The Markdown is parsed by markdown-it-py with the parser Textual's `Markdown` widget uses ("gfm-like":
CommonMark, pipe tables, strikethrough, bare links), so a lesson reads the same in plain mode and in
the full-screen app: indented code blocks stay code, `&amp;` and `&nbsp;` are characters, reference
links `[text][ref]` are links, a list item keeps its continuation paragraphs. Only the output differs:
plain lines, no escape codes, code indented by four spaces, external link addresses in brackets.
markdown-it is imported on the first Markdown text, so only plain mode pays for it.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from tutor.plain.console import WIDTH, wrap

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode

TableLayout = Callable[[list[str], list[list[str]], int], list[str]]
Prose = Callable[[str], str]  # applied to running text (not to code): French spacing
_TAG = re.compile(r"<[^>]*>")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
CODE_INDENT = "    "


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like")  # what textual.widgets.Markdown parses with


def _is_shown_address(text: str, href: str) -> bool:
    """The link's text already is its address (a bare or <angle> link): no need to print it twice."""
    return href in (text, f"http://{text}", f"https://{text}", f"mailto:{text}")


def _inline_tokens(tokens: list[Token]) -> str:
    parts: list[str] = []
    links: list[tuple[str, int]] = []  # the open links: address, where their text starts
    for token in tokens:
        kind = token.type
        if kind in ("text", "code_inline", "text_special"):
            parts.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "image":
            parts.append(token.content or "".join(c.content for c in token.children or ()))
        elif kind == "link_open":
            links.append((str(token.attrs.get("href", "")), len(parts)))
        elif kind == "link_close" and links:
            href, start = links.pop()
            text = "".join(parts[start:])
            if href and not href.startswith("#") and not _is_shown_address(text, href):
                parts.append(f" ({href})")
        elif kind == "html_inline":
            parts.append(" " if _BREAK_TAG.fullmatch(token.content.strip()) else "")
        # strong, em and strikethrough marks: the words stay, the marks go
    return "".join(parts)


def inline(text: str) -> str:
    """One line of Markdown without its inline markup (links keep their text, and their address if external)."""
    if not text:
        return ""
    tokens = _parser().parseInline(text)
    return _inline_tokens(tokens[0].children or []) if tokens else text


def _inline_node(node: SyntaxTreeNode) -> str:
    """The text of a block's inline content (a paragraph's, a heading's)."""
    inline_child = next((c for c in node.children if c.type == "inline"), None)
    if inline_child is None or inline_child.token is None:
        return ""
    return _inline_tokens(inline_child.token.children or [])


def _code(content: str, first: str, rest: str) -> list[str]:
    lines = content.rstrip("\n").split("\n") if content.strip("\n") else [""]
    return [(first if i == 0 else rest) + CODE_INDENT + line.rstrip() if line.strip() else ""
            for i, line in enumerate(lines)]


def _table(node: SyntaxTreeNode, table: TableLayout, width: int) -> list[str]:
    """Header and rows as their Markdown source: the layout strips their inline markup once."""
    rows: list[list[str]] = []
    for row in node.walk():
        if row.type == "tr":
            rows.append([cell.children[0].content if cell.children else "" for cell in row.children])
    if not rows:
        return []
    return table(rows[0], rows[1:], width)


class _Writer:
    """Block nodes to chunks of lines; chunks at one level are separated by a blank line."""

    def __init__(self, table: TableLayout, prose: Prose | None = None) -> None:
        self.table = table
        self.prose = prose or (lambda text: text)

    def blocks(self, nodes: list[SyntaxTreeNode], width: int) -> list[list[str]]:
        chunks = [self.block(node, width) for node in nodes]
        return [chunk for chunk in chunks if chunk]

    def block(self, node: SyntaxTreeNode, width: int, first: str = "", rest: str = "") -> list[str]:
        kind = node.type
        if kind in ("paragraph", "heading"):
            return wrap(self.prose(_inline_node(node)), first, rest, width)
        if kind in ("code_block", "fence"):
            return _code(node.content, first, rest)
        if kind in ("bullet_list", "ordered_list"):
            return self.list(node, width, first, rest)
        if kind == "blockquote":  # quoted text reads as text
            return self.items_of(node.children, width, first, rest)
        if kind == "table":
            return [(first if i == 0 else rest) + line for i, line in
                    enumerate(_table(node, self.table, width - len(rest)))]
        if kind == "html_block":  # raw HTML: its words, without the tags
            text = html.unescape(_TAG.sub(" ", _BREAK_TAG.sub(" ", node.content)))
            return wrap(self.prose(text), first, rest, width) if text.strip() else []
        return []  # a horizontal rule is decoration: nothing to say

    def items_of(self, nodes: list[SyntaxTreeNode], width: int, first: str, rest: str) -> list[str]:
        """Several blocks under one marker: the first line gets `first`, every other line `rest`."""
        lines: list[str] = []
        for node in nodes:
            lines += self.block(node, width, first if not lines else rest, rest)
        return lines

    def list(self, node: SyntaxTreeNode, width: int, first: str, rest: str) -> list[str]:
        lines: list[str] = []
        number = int(node.attrs.get("start", 1) or 1) if node.type == "ordered_list" else 0
        for item in node.children:
            marker = f"{number}." if node.type == "ordered_list" else "-"
            number += 1
            lead = (first if not lines else rest) + marker + " "
            hanging = rest + " " * (len(marker) + 1)
            body = self.items_of(item.children, width, lead, hanging)
            lines += body or [lead.rstrip()]
        return lines


def markdown_lines(text: str, table: TableLayout, width: int = WIDTH, prose: Prose | None = None) -> list[str]:
    """Markdown `text` as wrapped plain lines; `table` lays out pipe tables (header, rows, width);
    `prose` rewrites running text before it is wrapped (code blocks are left as written)."""
    from markdown_it.tree import SyntaxTreeNode

    root = SyntaxTreeNode(_parser().parse(text))
    result: list[str] = []
    for chunk in _Writer(table, prose).blocks(root.children, width):
        if result:
            result.append("")
        result += chunk
    return result
