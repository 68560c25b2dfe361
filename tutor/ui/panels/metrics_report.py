"""A metrics `Report` drawn as an evaluation report: headline, tables, confusion grid, bars, formulas, notes.

Every number comes from the `Report` the core built (its display strings, or `report.data` for the
bars); nothing here computes a metric. Levels and the diagonal are marked with glyphs and bold,
never with colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from tutor.metrics.report import ConfusionMatrix, Note, Report, Table, fixed
from tutor.metrics.texts import tr
from tutor.ui.panels.metrics_inputs import ui

GRID_WIDTH = 66  # the narrowest the report gets (80 columns, inside a lesson, marked stale)
MAX_BARS = 10
MERGED = {"per_class", "per_type"}  # the averages table joins these, as in sklearn's report
ROUGE_NAMES = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L", "rougeLsum": "ROUGE-Lsum"}


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def headline_grid(report: Report) -> RichTable:
    """The headline metrics, two per row: name, then the value in bold."""
    grid = RichTable.grid(padding=(0, 2))
    pairs = 2 if len(report.headline) > 2 else 1
    for index in range(pairs):
        if index:
            grid.add_column(no_wrap=True, min_width=2)  # keeps the pairs apart when the width is tight
        grid.add_column(no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
    metrics = list(report.headline)
    for start in range(0, len(metrics), pairs):
        cells: list[RenderableType] = []
        for index, metric in enumerate(metrics[start:start + pairs]):
            cells += ([Text("")] if index else []) + [Text(metric.label), Text(metric.text, "bold")]
        grid.add_row(*cells)
    return grid


def report_table(table: Table, lang: str, ascii_only: bool = False,
                 extra: Table | None = None) -> RichTable:
    """One of the report's tables; `extra` (the averages) is appended as rows in italics."""
    shown = RichTable(title=Text(table.title, "bold"), title_justify="left",
                      box=box.ASCII2 if ascii_only else box.SIMPLE_HEAD, header_style="bold",
                      padding=(0, 1), pad_edge=False, show_edge=False)
    all_rows = [*table.rows, *(extra.rows if extra else ())]
    widths = [max([len(column), *(len(row[i]) for row in all_rows if i < len(row))])
              for i, column in enumerate(table.columns)]
    numeric = [i > 0 and all(_is_number(row[i]) for row in table.rows if i < len(row))
               for i in range(len(widths))]
    # Numbers keep their width; the first column and free text share what is left.
    first = min(widths[0], 14)
    texts = [i for i in range(1, len(widths)) if not numeric[i]]
    left = GRID_WIDTH - first - sum(w + 2 for i, w in enumerate(widths) if numeric[i]) - 2 * len(texts)
    text_width = max(8, left // len(texts)) if texts else 0
    for index, column in enumerate(table.columns):
        if numeric[index]:
            limit = widths[index]
        else:
            limit = first if index == 0 else min(widths[index], text_width)
        shown.add_column(Text(column), justify="right" if numeric[index] else "left", no_wrap=True,
                         overflow="ellipsis", min_width=limit, max_width=limit)
    width = len(table.columns)
    for row in table.rows:
        shown.add_row(*map(Text, row))
    if extra is not None:
        if shown.rows:
            shown.rows[-1].end_section = True
        for row in extra.rows:
            shown.add_row(*map(Text, (*row, *[""] * (width - len(row)))[:width]), style="italic")
    if table.more:
        shown.caption = ui("more_rows", lang, count=table.more)
        shown.caption_justify = "left"
    return shown


def confusion_grid(confusion: ConfusionMatrix, lang: str, ascii_only: bool = False,
                   width: int = GRID_WIDTH) -> RenderableType:
    """Gold labels as rows, predicted labels as columns, the diagonal in bold and in [brackets]."""
    labels = confusion.labels
    cells = [[f"[{value}]" if i == j else str(value) for j, value in enumerate(row)]
             for i, row in enumerate(confusion.matrix)]
    cell = max(len(c) for row in cells for c in row)
    corner = ui("confusion.corner", lang)
    headers, names = list(labels), list(labels)
    widths = [max(cell, len(label)) for label in labels]
    numbered = False
    if max(len(corner), *map(len, names)) + sum(w + 3 for w in widths) + 4 > width:
        numbered = True
        headers = [str(i + 1) for i in range(len(labels))]
        names = [f"{i + 1} {label}" for i, label in enumerate(labels)]
        widths = [max(cell, len(h)) for h in headers]
        if 12 + sum(w + 3 for w in widths) > width:
            return Text(ui("confusion.too_wide", lang, count=len(labels)), "italic")
    grid = RichTable(box=box.ASCII if ascii_only else box.SQUARE, header_style="bold",
                     padding=(0, 1))
    grid.add_column(Text(corner), style="bold", no_wrap=True, overflow="ellipsis", max_width=24)
    for header, column_width in zip(headers, widths, strict=True):
        grid.add_column(Text(header), justify="right", no_wrap=True, min_width=column_width)
    for i, (name, row) in enumerate(zip(names, cells, strict=True)):
        grid.add_row(Text(name), *[Text(c, "bold" if i == j else "") for j, c in enumerate(row)])
    legend = ui("confusion.legend", lang) + (" " + ui("confusion.numbered", lang) if numbered else "")
    return Group(Text(tr("t.confusion", lang), "bold"), grid, Text(legend, "italic"))


def _grid(lines: Sequence[tuple[str, str]], marker_style: str = "bold") -> RichTable:
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=marker_style)
    grid.add_column(overflow="fold")
    for marker, text in lines:
        grid.add_row(Text(marker), Text(text))
    return grid


def formulas_block(report: Report, ascii_only: bool = False) -> RenderableType:
    """Each formula with the learner's numbers, one per line, wrapped under itself."""
    bullet = "-" if ascii_only else "·"
    return Group(Text(tr("h.formulas", report.lang), "bold"),
                 _grid([(bullet, formula.text) for formula in report.formulas]))


def note_lines(notes: Sequence[Note]) -> list[tuple[str, str]]:
    """(marker, text) per note: "!" for a warning, "i" for information."""
    return [("!" if note.level == "warning" else "i", note.text) for note in notes]


def notes_block(report: Report) -> RenderableType:
    """The "reading the report" notes, each marked by its level."""
    return Group(Text(tr("h.notes", report.lang), "bold"), _grid(note_lines(report.notes)))


CHART_MAX = 1e12  # plotext computes in integers: far larger values overflow its axis


def chart_data(report: Report) -> tuple[str, list[str], list[float], float | None] | None:
    """What the bars show: (title, names, values, upper limit or None), from `report.data`."""
    data, lang, task = report.data, report.lang, report.task
    if task in ("classification", "ner"):
        scores = data.get("per_class" if task == "classification" else "per_type") or {}
        macro = next((m.text for m in report.headline if m.key == "macro_f1"), None)
        if macro is None:  # NER's headline is micro: show the macro F1 as the report's tables do
            macro = fixed(data["macro"]["f1"], lang=lang)
        names = list(scores)
        return ui(f"chart.{task}", lang, macro=macro), names, [scores[n]["f1"] for n in names], 1.0
    if task == "qa":
        items = data.get("items") or []
        return ui("chart.qa", lang), [str(i["id"]) for i in items], [i["f1"] for i in items], 100.0
    if task == "bleu":
        return ui("chart.bleu", lang), [f"p{n + 1}" for n in range(len(data["precisions"]))], \
            list(data["precisions"]), 100.0
    if task == "rouge":
        keys = [k for k in ("rouge1", "rouge2", "rougeL", "rougeLsum") if k in data]
        return ui("chart.rouge", lang), [ROUGE_NAMES[k] for k in keys], [data[k]["f1"] for k in keys], 1.0
    if task == "perplexity":
        # A perplexity too large to draw (or that overflowed a float: inf) has no bar; the table
        # gives its value. No language model has a perplexity near the limit: it is a broken input.
        drawn = [(str(i + 1), v) for i, v in enumerate(data.get("per_text") or []) if v <= CHART_MAX]
        return ui("chart.perplexity", lang), [n for n, _ in drawn], [v for _, v in drawn], None
    return None


def pick_bars(names: list[str], values: list[float], highest: bool) -> tuple[list[str], list[float]]:
    """At most MAX_BARS bars: the lowest scores (or the highest perplexities), in their order."""
    if len(values) <= MAX_BARS:
        return names, values
    order = sorted(range(len(values)), key=lambda i: -values[i] if highest else values[i])
    keep = sorted(order[:MAX_BARS])
    return [names[i] for i in keep], [values[i] for i in keep]


class ReportView(Vertical, can_focus=True):
    """The report of the last valid computation; focus it (tab) to scroll it with the arrows."""

    def __init__(self, lang: str, ascii_only: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]  # Widget's keyword arguments, passed through
        self.lang = lang
        self.ascii_only = ascii_only
        self.report: Report | None = None

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        yield Static("", id="report-title", markup=False)
        yield Static("", id="report-headline")
        yield Static("", id="report-warnings")
        yield Static("", id="report-tables")
        yield Static("", id="report-confusion")
        yield Label("", id="report-chart-title", classes="panel-heading", markup=False)
        yield PlotextPlot(id="report-chart")
        yield Static("", id="report-more-tables")
        yield Static("", id="report-formulas")
        yield Static("", id="report-notes")

    def show(self, report: Report | None, warnings: Sequence[str] = (), stale: bool = False) -> None:
        """Draw `report` (None: nothing yet); `stale` marks it as the last valid one."""
        self.report = report
        self.display = report is not None
        self.set_class(stale, "-stale")
        if report is None:
            return
        lang = self.lang
        title = report.title + (f"  ({ui('stale.title', lang)})" if stale else "")
        self.query_one("#report-title", Static).update(title)
        self.query_one("#report-headline", Static).update(headline_grid(report))
        shown_warnings = self.query_one("#report-warnings", Static)
        shown_warnings.display = bool(warnings)
        if warnings:
            shown_warnings.update(Group(Text(ui("warnings", lang), "bold"),
                                        _grid([("!", w) for w in warnings])))
        first, rest = self._tables(report)
        self.query_one("#report-tables", Static).update(Group(*first) if first else "")
        self.query_one("#report-tables", Static).display = bool(first)
        confusion = self.query_one("#report-confusion", Static)
        confusion.display = report.confusion is not None
        if report.confusion is not None:
            confusion.update(confusion_grid(report.confusion, lang, self.ascii_only))
        more = self.query_one("#report-more-tables", Static)
        more.display = bool(rest)
        more.update(Group(*rest) if rest else "")
        self.query_one("#report-formulas", Static).update(formulas_block(report, self.ascii_only))
        self.query_one("#report-formulas", Static).display = bool(report.formulas)
        self.query_one("#report-notes", Static).update(notes_block(report))
        self.query_one("#report-notes", Static).display = bool(report.notes)
        self._plot(report)

    def _tables(self, report: Report) -> tuple[list[RenderableType], list[RenderableType]]:
        """The first table (with the averages folded in) goes before the grid, the others after."""
        tables = list(report.tables)
        averages = next((t for t in tables if t.key == "averages"), None)
        main = next((t for t in tables if t.key in MERGED), None)
        if main is not None and averages is not None:
            tables.remove(averages)
        drawn: list[RenderableType] = [report_table(t, self.lang, self.ascii_only, averages if t is main else None)
                                       for t in tables]
        return drawn[:1], drawn[1:]

    def _plot(self, report: Report) -> None:
        from textual_plotext import PlotextPlot

        found = chart_data(report)
        plot = self.query_one("#report-chart", PlotextPlot)
        heading = self.query_one("#report-chart-title", Label)
        if not found or not found[1]:
            plot.display = heading.display = False
            return
        title, names, values, top = found
        highest = report.task == "perplexity"
        total = len(values)
        names, values = pick_bars(names, values, highest)
        if len(values) < total:
            which = ui("chart.highest" if highest else "chart.lowest", self.lang)
            title += ui("chart.some", self.lang, shown=len(values), which=which, total=total)
        plot.display = heading.display = True
        heading.update(title)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        marker = "#" if self.ascii_only else "sd"
        # plotext draws the first bar at the bottom: reversed, the chart reads in the table's order.
        # Two rows per bar and y from 0.5 to n + 0.5: each bar lands on one row, a gap between.
        plt.bar(names[::-1], values[::-1], orientation="horizontal", width=0.4, marker=marker)
        plt.xlim(0, top if top is not None else max(values, default=1.0) * 1.05)
        plt.ylim(0.5, len(values) + 0.5)
        plot.styles.height = 2 * len(values) + 4
        plot.refresh()
