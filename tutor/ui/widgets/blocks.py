"""One widget per lesson block kind; `block_widget` picks the right one."""

from __future__ import annotations

from collections.abc import Callable

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Label, Markdown, Static

from tutor.core.content import (
    Block,
    CalloutBlock,
    CardsBlock,
    FlowBlock,
    KeyPointsBlock,
    MarkdownBlock,
    SimulatorBlock,
    TableBlock,
)
from tutor.core.i18n import t
from tutor.core.simulators import simulator_title
from tutor.ui.widgets.alive import when_alive

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
        yield Label(heading if self.block.title else label, classes="callout-title")
        yield Markdown(self.block.text, classes="callout-text")


class TableView(Static):
    """A table, drawn with box characters (ASCII ones in ASCII mode), cells wrapped to fit."""

    def __init__(self, block: TableBlock, ascii_only: bool = False) -> None:
        super().__init__(classes="block table", id=f"block-{block.id}")
        self.block = block
        self.ascii_only = ascii_only

    @when_alive
    def on_mount(self) -> None:
        table = Table(
            box=box.ASCII if self.ascii_only else box.ROUNDED,
            expand=True,
            show_lines=True,
            header_style="bold",
            caption=self.block.caption,
        )
        for index, heading in enumerate(self.block.header):
            table.add_column(heading, style="bold" if index == 0 else None, overflow="fold")
        for row in self.block.rows:
            table.add_row(*row)
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
                heading = Text.assemble((f"{t('step', self.lang, number=number)} · ", "dim"), (step.title, "bold"))
                yield Label(heading, classes="flow-step-title")
                yield Static(step.text, classes="flow-step-text", markup=False)


class CardsView(Grid):
    """A grid of cards whose number of columns follows the available width."""

    def __init__(self, block: CardsBlock, ascii_only: bool = False) -> None:
        super().__init__(classes="block cards", id=f"block-{block.id}")
        self.block = block
        self.ascii_only = ascii_only

    def compose(self) -> ComposeResult:
        for card in self.block.cards:
            with Vertical(classes="card", id=f"card-{card.id}"):
                icon = "" if self.ascii_only or not card.icon else f"{card.icon} "
                yield Label(f"{icon}{card.title}", classes="card-title", markup=False)
                yield Static(card.text, classes="card-text", markup=False)

    def on_resize(self, event: Resize) -> None:
        columns = max(1, min(3, event.size.width // CARD_MIN_WIDTH))
        if self.styles.grid_size_columns != columns:
            self.styles.grid_size_columns = columns


class KeyPointsView(Vertical):
    """Key points as a bulleted list."""

    def __init__(self, block: KeyPointsBlock) -> None:
        super().__init__(classes="block keypoints", id=f"block-{block.id}")
        self.block = block

    def compose(self) -> ComposeResult:
        yield Markdown("\n".join(f"- {point}" for point in self.block.points))


class SimulatorSlot(Vertical):
    """Where a simulator panel sits in a section: its title and how to open it."""

    def __init__(self, block: SimulatorBlock, lang: str) -> None:
        super().__init__(classes="block simulator", id=f"block-{block.id}")
        self.block = block
        self.lang = lang

    def compose(self) -> ComposeResult:
        title = simulator_title(self.block.simulator, self.lang)
        yield Label(t("simulator.slot", self.lang, title=title), classes="simulator-title")


def block_widget(
    block: Block,
    lang: str,
    ascii_only: bool = False,
    simulator_factory: Callable[[SimulatorBlock, str, bool], Widget | None] | None = None,
) -> Widget:
    """The widget that renders `block`."""
    title = block.title
    widget: Widget
    if isinstance(block, MarkdownBlock):
        widget = Markdown(block.text, classes="block markdown", id=f"block-{block.id}")
    elif isinstance(block, CalloutBlock):
        return CalloutView(block, lang)  # its title is part of the callout
    elif isinstance(block, TableBlock):
        widget = TableView(block, ascii_only)
    elif isinstance(block, FlowBlock):
        widget = FlowView(block, lang, ascii_only)
    elif isinstance(block, CardsBlock):
        widget = CardsView(block, ascii_only)
    elif isinstance(block, KeyPointsBlock):
        widget = KeyPointsView(block)
        title = title or t("keypoints.title", lang)
    elif isinstance(block, SimulatorBlock):
        panel = simulator_factory(block, lang, ascii_only) if simulator_factory else None
        return panel or SimulatorSlot(block, lang)
    else:  # pragma: no cover - the validator only lets known kinds through
        raise TypeError(f"no widget for {block!r}")
    if title:
        return Vertical(BlockTitle(title, classes="block-title", markup=False), widget, classes="titled")
    return widget
