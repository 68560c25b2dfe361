"""Markdown as plain text: no markup characters, lists as "- " lines, paragraphs wrapped.

Only what lessons use needs to come out well (paragraphs, emphasis, code, links, lists, headings,
code blocks, pipe tables); anything else is passed through as text, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tutor.plain.console import WIDTH, wrap

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d+)[.)]\s+(.*)$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_CODE = re.compile(r"`+([^`]+?)`+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def _link(match: re.Match[str]) -> str:
    text, target = match.group(1), match.group(2)
    return text if not target or target.startswith("#") else f"{text} ({target})"


def inline(text: str) -> str:
    """One line of Markdown without its inline markup (links keep their text, and their address if external)."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:  # code and escaped characters are literal: hide them from the rules
        kept.append(match.group(1))
        return f"\x00{len(kept) - 1}\x00"

    text = _ESCAPE.sub(keep, text)
    text = _CODE.sub(keep, text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(_link, text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    text = _STRONG.sub(lambda m: m.group(2), text)
    text = _EM_STAR.sub(lambda m: m.group(1), text)
    text = _EM_UNDER.sub(lambda m: m.group(1), text)
    text = _TAG.sub(" ", text)
    for _ in range(2):  # twice: code may hold an escaped character
        text = re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)
    return text


def _cells(line: str) -> list[str]:
    return [inline(cell.strip()) for cell in line.strip().strip("|").split("|")]


class _Layout:
    """Chunks of lines (paragraphs, lists, tables), joined by blank lines at the end."""

    def __init__(self, width: int, table: Callable[[list[str], list[list[str]], int], list[str]]) -> None:
        self.width = width
        self.table = table
        self.chunks: list[list[str]] = []
        self.paragraph: list[str] = []
        self.items: list[list[str]] | None = None  # the open list: prefix + text parts per item
        self.rows: list[str] = []

    def flush(self) -> None:
        if self.paragraph:
            self.chunks.append(wrap(inline(" ".join(self.paragraph)), width=self.width))
            self.paragraph = []
        if self.items is not None:
            lines: list[str] = []
            for prefix, *parts in self.items:
                hanging = " " * len(prefix)
                lines += wrap(prefix + inline(" ".join(parts)), hanging=hanging, width=self.width)
            self.chunks.append(lines)
            self.items = None
        if self.rows:
            rows = [_cells(r) for r in self.rows if not _TABLE_RULE.match(r)]
            if rows:
                self.chunks.append(self.table(rows[0], rows[1:], self.width))
            self.rows = []

    def item(self, indent: str, marker: str, text: str) -> None:
        if self.items is None:
            self.flush()
            self.items = []
        level = len(indent.expandtabs(4)) // 2
        self.items.append(["  " * level + marker + " ", text])

    def text(self, line: str) -> None:
        if self.rows:
            self.flush()
        if self.items is not None:
            self.items[-1].append(line.strip())
        else:
            self.paragraph.append(line.strip())

    def lines(self) -> list[str]:
        self.flush()
        result: list[str] = []
        for chunk in self.chunks:
            if result:
                result.append("")
            result += chunk
        return result


def markdown_lines(
    text: str, table: Callable[[list[str], list[list[str]], int], list[str]], width: int = WIDTH,
) -> list[str]:
    """Markdown `text` as wrapped plain lines; `table` lays out pipe tables (header, rows, width)."""
    layout = _Layout(width, table)
    fence: list[str] | None = None
    for line in text.splitlines():
        if fence is not None:
            if _FENCE.match(line):
                layout.chunks.append(fence or [""])
                fence = None
            else:
                fence.append("    " + line.rstrip())
            continue
        if _FENCE.match(line):
            layout.flush()
            fence = []
        elif not line.strip():
            layout.flush()
        elif heading := _HEADING.match(line):
            layout.flush()
            layout.chunks.append(wrap(inline(heading.group(1)), width=width))
        elif _TABLE_ROW.match(line):
            if not layout.rows:
                layout.flush()
            layout.rows.append(line)
        elif _RULE.match(line):
            layout.flush()  # a horizontal rule is decoration: nothing to say
        elif bullet := _BULLET.match(line):
            layout.item(bullet.group(1), "-", bullet.group(2))
        elif (numbered := _NUMBERED.match(line)) and (not layout.paragraph or numbered.group(2) == "1"):
            # As in CommonMark, only "1." may interrupt a paragraph: "(0 to\n5) is" stays text.
            layout.item(numbered.group(1), numbered.group(2) + ".", numbered.group(3))
        elif quote := _QUOTE.match(line):
            layout.text(quote.group(1))
        else:
            layout.text(line)
    if fence is not None:
        layout.chunks.append(fence or [""])
    return layout.lines()
