"""One widget per lesson block kind; `block_widget` picks the right one."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.events import Click, Resize
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, Markdown, Static

from tutor.content.model import (
    Block,
    CalloutBlock,
    CardsBlock,
    FlowBlock,
    KeyPointsBlock,
    MarkdownBlock,
    SimulatorBlock,
    TableBlock,
)
from tutor.content.simulators import simulator_title
from tutor.i18n.catalogue import t
from tutor.i18n.numbers import french_markdown, french_prose
from tutor.ui.widgets.alive import when_alive
from tutor.ui.widgets.inline_text import inline_text

CARD_MIN_WIDTH = 34


class BlockTitle(Label):
    """The title above a block."""


class CalloutView(Vertical):
    """A tip, warning, analogy or info, set apart and labelled in words (not by colour alone)."""

    def __init__(self, block: CalloutBlock, lang: str) -> None:
        super().__init__(classes=f"block callout -{block.style}", id=f"block-{block.id}")
        self.block = block
        self.lang = lang

    def compose(self) -> ComposeResult:
        label = t(f"callout.{self.block.style}", self.lang)
        heading = f"{label} : {self.block.title}" if self.lang == "fr" else f"{label}: {self.block.title}"
        # Plain text: a title such as "[CLS] ou [SEP]" must not be read as markup.
        yield Label(french_prose(heading if self.block.title else label, self.lang), classes="callout-title",
                    markup=False)
        yield Markdown(french_markdown(self.block.text, self.lang), classes="callout-text")


class TableView(Static):
    """A table, drawn with box characters (ASCII ones in ASCII mode), cells wrapped to fit."""

    def __init__(self, block: TableBlock, ascii_only: bool = False, lang: str = "en") -> None:
        super().__init__(classes="block table", id=f"block-{block.id}")
        self.block = block
        self.lang = lang
        self.ascii_only = ascii_only

    @when_alive
    def on_mount(self) -> None:
        # Every cell is a Text (inline Markdown styled, French spacing): Rich would read a plain
        # string as markup, and `[CLS]` would vanish.
        def cell(source: str) -> Text:
            return inline_text(french_prose(source, self.lang))

        table = Table(
            box=box.ASCII if self.ascii_only else box.ROUNDED,
            expand=True,
            show_lines=True,
            header_style="bold",
            caption=cell(self.block.caption) if self.block.caption else None,
        )
        for index, heading in enumerate(self.block.header):
            table.add_column(cell(heading), style="bold" if index == 0 else None, overflow="fold")
        for row in self.block.rows:
            table.add_row(*(cell(text) for text in row))
        self.update(table)


class FlowView(Vertical):
    """Ordered steps, numbered, with an arrow between consecutive steps."""

    def __init__(self, block: FlowBlock, lang: str, ascii_only: bool = False) -> None:
        super().__init__(classes="block flow", id=f"block-{block.id}")
        self.block = block
        self.lang = lang
        self.ascii_only = ascii_only

    def compose(self) -> ComposeResult:
        arrow = "v" if self.ascii_only else "↓"
        for number, step in enumerate(self.block.steps, start=1):
            if number > 1:
                yield Label(arrow, classes="flow-arrow")
            with Vertical(classes="flow-step"):
                title = inline_text(french_prose(step.title, self.lang))
                title.stylize("bold")
                heading = Text.assemble((f"{t('step', self.lang, number=number)} · ", "dim"), title)
                yield Label(heading, classes="flow-step-title")
                yield Static(inline_text(french_prose(step.text, self.lang)), classes="flow-step-text")


class CardsView(Grid):
    """A grid of cards whose number of columns follows the available width."""

    def __init__(self, block: CardsBlock, lang: str, ascii_only: bool = False) -> None:
        super().__init__(classes="block cards", id=f"block-{block.id}")
        self.block = block
        self.lang = lang
        self.ascii_only = ascii_only

    def compose(self) -> ComposeResult:
        for card in self.block.cards:
            with Vertical(classes="card", id=f"card-{card.id}"):
                icon = "" if self.ascii_only or not card.icon else f"{card.icon} "
                # A Static, not a Label: a long title wraps inside the card instead of being cut.
                yield Static(Text(icon) + inline_text(french_prose(card.title, self.lang)), classes="card-title")
                yield Static(inline_text(french_prose(card.text, self.lang)), classes="card-text")

    def on_resize(self, event: Resize) -> None:
        columns = max(1, min(3, event.size.width // CARD_MIN_WIDTH))
        if self.styles.grid_size_columns != columns:
            self.styles.grid_size_columns = columns


class KeyPointsView(Vertical):
    """Key points as a bulleted list."""

    def __init__(self, block: KeyPointsBlock, lang: str) -> None:
        super().__init__(classes="block keypoints", id=f"block-{block.id}")
        self.block = block
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Markdown(french_markdown("\n".join(f"- {point}" for point in self.block.points), self.lang))


SimulatorFactory = Callable[[SimulatorBlock, str, bool], Widget | None]


class SimulatorSlot(Vertical):
    """Where a simulator panel sits in a section.

    A panel is heavy (dozens of fields, plots): mounting it with the section made every page turn
    wait for it. The slot is drawn first as two light lines (the panel's title, how to enter it);
    the screen holding it calls `load` when the slot comes into view or when the learner asks,
    and the panel replaces the placeholder. Without a factory (or for a simulator that has no
    panel) the slot only names the simulator.
    """

    class Wanted(Message):
        """The learner clicked the placeholder: open the panel and go into it."""

        def __init__(self, slot: SimulatorSlot) -> None:
            super().__init__()
            self.slot = slot

    def __init__(self, block: SimulatorBlock, lang: str, ascii_only: bool = False,
                 factory: SimulatorFactory | None = None) -> None:
        super().__init__(classes="block simulator", id=f"block-{block.id}")
        self.block = block
        self.lang = lang
        self.ascii_only = ascii_only
        self._factory = factory
        self.panel: Widget | None = None  # mounted by `load`

    @property
    def can_load(self) -> bool:
        """Whether a panel can still be mounted here (there is a factory and it has not run)."""
        return self._factory is not None and self.panel is None

    def compose(self) -> ComposeResult:
        title = simulator_title(self.block.simulator, self.lang)
        yield Label(t("simulator.slot", self.lang, title=title), classes="simulator-title", markup=False)
        if self._factory is not None:
            yield Label(t("lesson.panel_hint", self.lang), classes="simulator-hint", markup=False)

    def show_loading(self) -> None:
        """Say the panel is on its way (the learner asked for it; mounting takes a moment)."""
        for hint in self.query(".simulator-hint").results(Label):
            hint.update(t("lesson.panel_loading", self.lang))

    async def load(self) -> Widget | None:
        """Mount the panel in place of the placeholder (once); the panel, or None if there is none."""
        if not self.can_load or self._factory is None:
            return self.panel
        panel = self._factory(self.block, self.lang, self.ascii_only)
        if panel is None:
            self._factory = None
            for hint in self.query(".simulator-hint"):
                hint.display = False
            return None
        self.panel = panel
        self.add_class("-loaded")
        for label in self.query(".simulator-title, .simulator-hint"):
            label.display = False
        await self.mount(panel)
        return panel

    def on_click(self, event: Click) -> None:
        if self.can_load:
            event.stop()
            self.post_message(self.Wanted(self))


def _wrapped_lines(texts: Iterable[str], width: int) -> int:
    """Lines that `texts` take wrapped at `width` columns (each paragraph line counted apart)."""
    width = max(10, width)
    return sum(max(1, math.ceil(len(line) / width)) for text in texts for line in text.splitlines() or [""])


def estimated_height(block: Block, width: int) -> int:
    """A rough count of the rows `block` takes at `width` columns, without laying it out.

    The lesson mounts a section's first screenful of blocks, paints it, then mounts the rest: this
    is how it knows where the first screenful ends. Erring on the high side only mounts one more
    block before the first paint.
    """
    title = 1 if block.title else 0
    if isinstance(block, MarkdownBlock):
        lines = _wrapped_lines([block.text], width)
    elif isinstance(block, CalloutBlock):
        lines = 1 + _wrapped_lines([block.text], width - 4)
    elif isinstance(block, TableBlock):
        columns = max(1, len(block.header))
        cell = max(4, width // columns - 3)
        lines = 2 + sum(1 + max(_wrapped_lines([c], cell) for c in row) for row in (block.header, *block.rows))
    elif isinstance(block, FlowBlock):
        lines = sum(2 + _wrapped_lines([step.text], width - 4) for step in block.steps)
    elif isinstance(block, CardsBlock):
        columns = max(1, min(3, width // CARD_MIN_WIDTH))
        rows = math.ceil(len(block.cards) / columns)
        tallest = max((1 + _wrapped_lines([card.text], width // columns - 4) for card in block.cards), default=0)
        lines = rows * (tallest + 1)
    elif isinstance(block, KeyPointsBlock):
        lines = _wrapped_lines(block.points, width - 2)
    else:
        lines = 4  # a simulator's placeholder
    return title + lines + 1  # the margin below every block


def block_widget(
    block: Block,
    lang: str,
    ascii_only: bool = False,
    simulator_factory: SimulatorFactory | None = None,
) -> Widget:
    """The widget that renders `block`.

    A simulator block becomes a light `SimulatorSlot`; `simulator_factory` builds its panel when
    the slot is loaded, never here, so a section's text is on screen before any panel.
    """
    title = block.title
    widget: Widget
    if isinstance(block, MarkdownBlock):
        widget = Markdown(french_markdown(block.text, lang), classes="block markdown", id=f"block-{block.id}")
    elif isinstance(block, CalloutBlock):
        return CalloutView(block, lang)  # its title is part of the callout
    elif isinstance(block, TableBlock):
        widget = TableView(block, ascii_only, lang)
    elif isinstance(block, FlowBlock):
        widget = FlowView(block, lang, ascii_only)
    elif isinstance(block, CardsBlock):
        widget = CardsView(block, lang, ascii_only)
    elif isinstance(block, KeyPointsBlock):
        widget = KeyPointsView(block, lang)
        title = title or t("keypoints.title", lang)
    elif isinstance(block, SimulatorBlock):
        return SimulatorSlot(block, lang, ascii_only, simulator_factory)
    else:  # pragma: no cover - the validator only lets known kinds through
        raise TypeError(f"no widget for {block!r}")
    if title:
        return Vertical(BlockTitle(title, classes="block-title", markup=False), widget, classes="titled")
    return widget
