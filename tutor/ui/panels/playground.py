"""The sampling playground: a next-token distribution before and after temperature, top-k and top-p."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Select, Static

from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt
from tutor.sim.sampling import SamplingResult, playground_examples, sample_steps
from tutor.ui.widgets.alive import when_alive
from tutor.ui.widgets.controls import SafeSelect

BAR = 14


def _bar(probability: float, ascii_only: bool) -> str:
    filled = round(BAR * probability)
    return ("#" if ascii_only else "█") * filled + ("." if ascii_only else "·") * (BAR - filled)


def sampling_table(result: SamplingResult, lang: str, ascii_only: bool = False) -> Table:
    """One row per token: raw probability and bar, final probability and bar, kept or removed in words."""
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column(t("sim.token", lang), no_wrap=True, max_width=12)
    table.add_column(t("sim.raw", lang), justify="right")
    table.add_column("", no_wrap=True)
    table.add_column(t("sim.final", lang), justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("")
    raw, final = result.steps[0], result.final
    order = sorted(range(len(result.tokens)), key=lambda i: -raw.probs[i])
    for index in order:
        kept = final.kept[index]
        mark = ("+" if ascii_only else "✓") if kept else ("-" if ascii_only else "✗")
        word = t("sim.kept" if kept else "sim.removed", lang)
        token = result.tokens[index].replace("\n", "\\n")
        table.add_row(  # Text, not str: a token such as "[/s]" is text, not markup
            Text(token), fmt(raw.probs[index], lang, 3), _bar(raw.probs[index], ascii_only),
            fmt(final.probs[index], lang, 3), _bar(final.probs[index], ascii_only),
            Text(f"{mark} {word}", "green" if kept else "dim"),
        )
    return table


class SamplingPlayground(Vertical):
    """Shipped next-token examples run through the sampling settings of the configurator."""

    def __init__(self, lang: str, ascii_only: bool = False) -> None:
        super().__init__(classes="playground", id="playground")
        self.lang = lang
        self.ascii_only = ascii_only
        self.examples = playground_examples(lang) + [e for e in playground_examples() if e.lang != lang]
        self.temperature, self.top_k, self.top_p = 0.7, 50, 0.9

    def compose(self) -> ComposeResult:
        yield Label(t("sim.playground", self.lang), classes="panel-heading")
        options = [(f"{e.prompt.splitlines()[0][:40]}…", e.id) for e in self.examples]
        yield SafeSelect(options, value=self.examples[0].id, allow_blank=False, compact=True, id="example")
        yield Static("", id="playground-prompt", markup=False)
        yield Static("", id="playground-table")
        yield Static("", id="playground-summary", markup=False)

    @when_alive  # removed while mounting: its parts may be gone
    def on_mount(self) -> None:
        self.refresh_result()

    def set_sampling(self, temperature: float, top_k: int, top_p: float) -> None:
        """Use these sampling settings (valid values only; the configurator checks them)."""
        self.temperature, self.top_k, self.top_p = temperature, top_k, top_p
        self.refresh_result()

    @when_alive
    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.refresh_result()

    def result(self) -> SamplingResult:
        """The selected example after the current settings."""
        chosen = self.query_one("#example", Select).value
        example = next((e for e in self.examples if e.id == chosen), self.examples[0])
        return sample_steps(list(example.logits), list(example.tokens), self.temperature, self.top_k, self.top_p)

    def refresh_result(self) -> None:
        """Recompute and redraw."""
        if not self.is_mounted:
            return
        chosen = self.query_one("#example", Select).value
        example = next((e for e in self.examples if e.id == chosen), self.examples[0])
        result = self.result()
        prompt = example.prompt.replace("\n", " ⏎ ")
        self.query_one("#playground-prompt", Static).update(t("sim.prompt", self.lang, prompt=prompt))
        self.query_one("#playground-table", Static).update(sampling_table(result, self.lang, self.ascii_only))
        kept = sum(result.final.kept)
        self.query_one("#playground-summary", Static).update(
            t("sim.kept_count", self.lang, count=kept, total=len(result.tokens))
        )
