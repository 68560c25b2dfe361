"""Lesson blocks as plain lines: no colour, no box drawing, no emoji, wrapped at 80 columns.

Tables become aligned columns when they fit, else one "header: value" line per cell; callouts
start with their kind in words; flow steps are numbered; cards are "- Title: text" (icons left
out); a simulator says where to find it. French text gets its no-break spaces (before ? : ; ! %,
inside « », between the groups of a number such as 109 483 778), so no line starts with "?" and no
number is split across two lines.
"""

from __future__ import annotations

from functools import partial

from tutor.content.model import (
    Block,
    CalloutBlock,
    CardsBlock,
    FlowBlock,
    KeyPointsBlock,
    MarkdownBlock,
    Section,
    SimulatorBlock,
    TableBlock,
)
from tutor.content.simulators import simulator_title
from tutor.i18n.catalogue import t
from tutor.i18n.numbers import french_prose
from tutor.plain.console import WIDTH, wrap
from tutor.plain.markdown import inline, markdown_lines
from tutor.plain.words import colon, w

GAP = "  "  # between aligned table columns
def prose(text: str, lang: str) -> str:
    """Running text as `lang` writes it (`tutor.i18n.numbers.french_prose`)."""
    return french_prose(text, lang)


def _md(text: str, lang: str, width: int) -> list[str]:
    return markdown_lines(text, lambda h, r, wd: table_lines(h, r, wd, lang), width, partial(prose, lang=lang))

# What can be done from the command line instead of each simulator panel.
SIMULATOR_COMMANDS: dict[str, tuple[str, ...]] = {
    "bert-configurator": ("tutor recommend", "tutor estimate"),
    "gpt-configurator": ("tutor estimate", "tutor sample"),
    "metrics-calculator": ("tutor metrics",),
}


def table_lines(header: list[str] | tuple[str, ...], rows: list[list[str]] | tuple[tuple[str, ...], ...],
                width: int = WIDTH, lang: str = "en") -> list[str]:
    """A table as aligned columns when it fits in `width`, else as "header: value" lines per row."""
    header = [prose(inline(h), lang) for h in header]
    body = [[prose(inline(c), lang) for c in row] for row in rows]
    count = max([len(header), *(len(r) for r in body)])
    grid = [r + [""] * (count - len(r)) for r in [header + [""] * (count - len(header)), *body]]
    widths = [max(len(r[i]) for r in grid) for i in range(count)]
    if sum(widths) + len(GAP) * (count - 1) <= width:
        return [GAP.join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip() for r in grid]
    sep = colon(lang)
    lines: list[str] = []
    for row in grid[1:]:
        first = f"{grid[0][0]}{sep}{row[0]}" if grid[0][0] else row[0]
        lines += wrap(first, "- ", "    ", width)
        for name, value in zip(grid[0][1:], row[1:], strict=True):
            lines += wrap(f"{name}{sep}{value}" if name else value, "  ", "    ", width)
    return lines


def _callout(block: CalloutBlock, lang: str, width: int) -> list[str]:
    label = t(f"callout.{block.style}", lang) if block.style in ("tip", "warning", "analogy", "info") else block.style
    heading = f"{label}{colon(lang)}{prose(inline(block.title), lang)}" if block.title else label
    lines = wrap(heading, width=width)
    body = _md(block.text, lang, width - 2)
    return lines + [f"  {line}" if line else "" for line in body]


def _flow(block: FlowBlock, lang: str, width: int) -> list[str]:
    lines: list[str] = []
    total = len(block.steps)
    for number, step in enumerate(block.steps, start=1):
        name = t("step", lang, number=number) + (f"/{total}" if total > 1 else "")
        lines += wrap(f"{name}{colon(lang)}{prose(inline(step.title), lang)}", width=width)
        lines += wrap(prose(inline(step.text), lang), "  ", width=width)
    return lines


def _cards(block: CardsBlock, lang: str, width: int) -> list[str]:
    lines: list[str] = []
    for card in block.cards:  # icons are decoration (often emoji): left out
        lines += wrap(f"- {prose(inline(card.title), lang)}{colon(lang)}{prose(inline(card.text), lang)}",
                      hanging="  ", width=width)
    return lines


def _simulator(block: SimulatorBlock, lang: str, width: int) -> list[str]:
    lines = wrap(t("simulator.slot", lang, title=simulator_title(block.simulator, lang)) + ".", width=width)
    commands = SIMULATOR_COMMANDS.get(block.simulator)
    if commands:
        note = w("simulator.cli", lang, commands=", ".join(commands))
    else:
        note = w("simulator.app_only", lang)
    return lines + wrap(note, width=width)


def block_lines(block: Block, lang: str, width: int = WIDTH) -> list[str]:
    """The lines of one block, its title first."""
    title = block.title
    if isinstance(block, CalloutBlock):
        return _callout(block, lang, width)  # its title is part of its heading
    if isinstance(block, SimulatorBlock):
        return _simulator(block, lang, width)
    if isinstance(block, MarkdownBlock):
        body = _md(block.text, lang, width)
    elif isinstance(block, TableBlock):
        body = table_lines(block.header, block.rows, width, lang)
        if block.caption:
            body += wrap(prose(inline(block.caption), lang), width=width)
    elif isinstance(block, FlowBlock):
        body = _flow(block, lang, width)
    elif isinstance(block, CardsBlock):
        body = _cards(block, lang, width)
    elif isinstance(block, KeyPointsBlock):
        title = title or t("keypoints.title", lang)
        body = [line for point in block.points
                for line in wrap(f"- {prose(inline(point), lang)}", hanging="  ", width=width)]
    else:  # an unknown kind (newer content): say what there is rather than fail
        body = wrap(f"({type(block).__name__})", width=width)
    return (wrap(prose(inline(title), lang), width=width) if title else []) + body


def section_lines(section: Section, lang: str, width: int = WIDTH) -> list[str]:
    """Every block of a section, separated by blank lines."""
    lines: list[str] = []
    for block in section.blocks:
        if lines:
            lines.append("")
        lines += block_lines(block, lang, width)
    return lines
