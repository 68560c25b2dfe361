"""The course content model: a course holds modules, a module sections, a section blocks.

Plain frozen dataclasses built by `tutor.content.lessons` from validated YAML. Screens render them;
nothing here knows about the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")
CALLOUT_STYLES = ("tip", "warning", "analogy", "info")


@dataclass(frozen=True)
class Block:
    """Base of every block: a stable id, and an optional title."""

    id: str
    title: str | None

    @property
    def kind(self) -> str:
        """The block kind as written in YAML (`markdown`, `callout`, ...)."""
        return BLOCK_KINDS_BY_CLASS[type(self)]


@dataclass(frozen=True)
class MarkdownBlock(Block):
    """Formatted text."""

    text: str


@dataclass(frozen=True)
class CalloutBlock(Block):
    """Text set apart: a tip, a warning, an analogy or an information."""

    style: str
    text: str


@dataclass(frozen=True)
class TableBlock(Block):
    """A table: a header row and body rows of the same length."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None


@dataclass(frozen=True)
class Step:
    """One step of a flow."""

    title: str
    text: str


@dataclass(frozen=True)
class FlowBlock(Block):
    """Ordered steps, shown in sequence."""

    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Card:
    """One card of a grid: an optional icon, a title and a text."""

    id: str
    icon: str | None
    title: str
    text: str


@dataclass(frozen=True)
class CardsBlock(Block):
    """A grid of cards (e.g. the six fine-tuning strategies)."""

    cards: tuple[Card, ...]


@dataclass(frozen=True)
class KeyPointsBlock(Block):
    """A list of key points to remember."""

    points: tuple[str, ...]


@dataclass(frozen=True)
class SimulatorBlock(Block):
    """A simulator panel embedded in a section, by name."""

    simulator: str


BLOCK_CLASSES: dict[str, type[Block]] = {
    "markdown": MarkdownBlock,
    "callout": CalloutBlock,
    "table": TableBlock,
    "flow": FlowBlock,
    "cards": CardsBlock,
    "keypoints": KeyPointsBlock,
    "simulator": SimulatorBlock,
}
BLOCK_KINDS_BY_CLASS = {cls: kind for kind, cls in BLOCK_CLASSES.items()}


@dataclass(frozen=True)
class Section:
    """A section of a module: what the learner reads on one page."""

    id: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class NavHint:
    """A neighbouring module of the course, shown as a navigation hint."""

    title: str
    module: str | None = None


@dataclass(frozen=True)
class Module:
    """One module of the course, in one language."""

    id: str
    lang: Lang
    number: int
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    previous: NavHint | None = None
    next: NavHint | None = None
    source: str = ""

    def section_index(self, section_id: str) -> int | None:
        """Index of the section with this id, or None."""
        for index, section in enumerate(self.sections):
            if section.id == section_id:
                return index
        return None


@dataclass
class Course:
    """Every module, in every language it was written in."""

    modules: dict[tuple[str, str], Module] = field(default_factory=dict)

    def module_ids(self) -> list[str]:
        """Module ids in course order (by number, then id)."""
        ordered = sorted(self.modules.values(), key=lambda module: (module.number, module.id))
        seen: dict[str, None] = {}
        for module in ordered:
            seen.setdefault(module.id, None)
        return list(seen)

    def module(self, module_id: str, lang: str) -> Module | None:
        """The module in `lang`, else in the other language it exists in, else None."""
        found = self.modules.get((module_id, lang))
        if found is not None:
            return found
        for other in LANGS:
            if (module_id, other) in self.modules:
                return self.modules[(module_id, other)]
        return None

    def modules_in(self, lang: str) -> list[Module]:
        """One module per id, in `lang` where it exists, in course order."""
        return [m for m in (self.module(i, lang) for i in self.module_ids()) if m is not None]

    def where_taught(self, simulator: str, lang: str) -> tuple[Module, Section] | None:
        """The first section, in course order, that embeds `simulator` (where its lesson is)."""
        for module in self.modules_in(lang):
            for section in module.sections:
                if any(isinstance(block, SimulatorBlock) and block.simulator == simulator for block in section.blocks):
                    return module, section
        return None
