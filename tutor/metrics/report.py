"""The report model the panel and the command line show: pure data, plus a plain-text renderer.

A `Report` holds the headline metrics, tables (per class, per type, n-grams, pairs…), the
confusion matrix, each formula with the learner's own numbers substituted, and the "reading the
report" notes. Builders live in `explain_labels` (classification, NER, QA) and
`explain_generation` (BLEU, ROUGE, perplexity), which build on this module; `tutor.metrics.explain`
picks the right one (`build_report`), so this module never imports them back.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from typing import Any

from tutor.metrics.texts import tr

__all__ = [
    "Metric", "Formula", "Table", "ConfusionMatrix", "Note", "Report", "num", "fixed", "render_text",
]

WIDTH = 80
# From this magnitude on, numbers are shown in scientific notation ("1.97e+43"), never as a
# 40-digit integer: only a degenerate input gets there (a perplexity of exp(1000), say).
LARGE = 1e6


@dataclass(frozen=True)
class Metric:
    """A headline number: stable key, translated label, exact value and display text."""

    key: str
    label: str
    value: float
    text: str


@dataclass(frozen=True)
class Formula:
    """One computation spelled out, e.g. "F1(pos) = 2·P·R/(P+R) = 2·0.8·0.667/(0.8+0.667) = 0.727"."""

    key: str  # stable id: "precision:pos", "macro_f1", "bp", "lcs:1"…
    text: str


@dataclass(frozen=True)
class Table:
    """A titled table of display strings (first column is the row name)."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    more: int = 0  # rows left out of `rows` (shown as "… and N more")


@dataclass(frozen=True)
class ConfusionMatrix:
    """Counts with gold labels as rows and predicted labels as columns."""

    labels: tuple[str, ...]
    matrix: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Note:
    """A "reading the report" remark computed from the numbers; level is "info" or "warning"."""

    key: str
    level: str
    text: str


@dataclass(frozen=True)
class Report:
    """Everything the panel or the CLI shows for one task's result, in one language."""

    task: str  # classification | ner | qa | bleu | rouge | perplexity
    lang: str
    title: str
    headline: tuple[Metric, ...]
    tables: tuple[Table, ...]
    formulas: tuple[Formula, ...]
    notes: tuple[Note, ...]
    confusion: ConfusionMatrix | None = None
    data: dict[str, Any] = field(default_factory=dict)  # the JSON dict of the result


def _special(value: float, digits: int) -> str | None:
    """"inf", "-inf", "nan", or scientific notation from LARGE on; None for an ordinary number."""
    if not math.isfinite(value):
        return str(value)  # "inf", "-inf", "nan": what float() reads back and torch prints
    if abs(value) >= LARGE:
        return f"{value:.{max(digits, 2)}e}"
    return None


def _in(text: str, lang: str) -> str:
    # French writes the decimal comma (0,667; 1,23e+60); "inf" and "nan" read the same everywhere.
    return text.replace(".", ",") if lang == "fr" else text


def num(value: float, digits: int = 3, lang: str = "en") -> str:
    """Compact display inside formulas: 0.8 → "0.8", 2/3 → "0.667", 1.0 → "1", 1e60 → "1e+60" (fr: "0,8")."""
    special = _special(value, digits)
    if special is not None:
        mantissa, e, exponent = special.partition("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        return _in(mantissa + e + exponent, lang)
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else _in(text, lang)


def fixed(value: float, digits: int = 3, lang: str = "en") -> str:
    """Aligned display for tables and headlines: always `digits` decimals ("1.23e+60" when huge; fr "0,750")."""
    special = _special(value, digits)
    return _in(special if special is not None else f"{value:.{digits}f}", lang)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _is_number(text: str) -> bool:
    try:  # French cells: decimal comma, narrow no-break spaces between thousands
        float(text.replace("\u202f", "").replace(",", "."))
    except ValueError:
        return False
    return True


def _render_table(table: Table, lang: str) -> list[str]:
    widths = [len(c) for c in table.columns]
    for row in table.rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    # Only the first column (names, free text) shrinks when the table is too wide.
    others = sum(widths[1:]) + 2 * (len(widths) - 1)
    widths[0] = max(4, min(widths[0], WIDTH - others))
    # Numbers are right-aligned, text columns (answers, predictions) left-aligned.
    numeric = [all(_is_number(row[i]) for row in table.rows) for i in range(len(widths))]
    lines = [table.title]

    def line(cells: tuple[str, ...]) -> str:
        first = _clip(cells[0], widths[0]).ljust(widths[0])
        rest = [cell.rjust(w) if numeric[i] else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(cells[1:], widths[1:], strict=True), 1)]
        return "  ".join([first, *rest]).rstrip()

    lines.append(line(table.columns))
    lines.extend(_clip(line(row), WIDTH) for row in table.rows)
    if table.more:
        lines.append(tr("t.more_rows", lang, count=table.more))
    return lines


def _render_confusion(confusion: ConfusionMatrix, lang: str) -> list[str]:
    labels = confusion.labels
    cell = max(len(str(v)) for row in confusion.matrix for v in row)
    lines = [tr("t.confusion", lang)]
    widths = [max(cell, len(label)) for label in labels]
    name_width = max(len(label) for label in labels)
    if name_width + sum(w + 1 for w in widths) <= WIDTH:
        headers = list(labels)
        names = list(labels)
    else:
        # Too wide with names: number the columns and put the numbers before the row names.
        width = max(cell, len(str(len(labels))))
        widths = [width] * len(labels)
        headers = [str(i + 1) for i in range(len(labels))]
        names = [f"{i + 1} {label}" for i, label in enumerate(labels)]
        name_width = min(max(map(len, names)), WIDTH - (width + 1) * len(labels))
        if name_width < 8:
            return [*lines, tr("t.confusion.too_wide", lang)]
    lines.append(" " * name_width + "".join(" " + h.rjust(w) for h, w in zip(headers, widths, strict=True)))
    for name, row in zip(names, confusion.matrix, strict=True):
        cells = "".join(" " + str(v).rjust(w) for v, w in zip(row, widths, strict=True))
        lines.append(_clip(name, name_width).ljust(name_width) + cells)
    return lines


def render_text(report: Report) -> str:
    """The report as plain text at most 80 columns wide (the CLI's default output)."""
    lang = report.lang
    title = _clip(report.title, WIDTH)
    out = [title, "=" * len(title)]
    label_width = max((len(m.label) for m in report.headline), default=0)
    out.extend(f"{m.label.ljust(label_width)}  {m.text}" for m in report.headline)
    for table in report.tables:
        out.append("")
        out.extend(_render_table(table, lang))
    if report.confusion is not None:
        out.append("")
        out.extend(_render_confusion(report.confusion, lang))
    if report.formulas:
        out.append("")
        out.append(tr("h.formulas", lang))
        for formula in report.formulas:
            out.extend(textwrap.wrap(formula.text, WIDTH, initial_indent="  ",
                                     subsequent_indent="      ", break_on_hyphens=False))
    if report.notes:
        out.append("")
        out.append(tr("h.notes", lang))
        for note in report.notes:
            marker = "! " if note.level == "warning" else "- "
            out.extend(textwrap.wrap(note.text, WIDTH, initial_indent="  " + marker,
                                     subsequent_indent="    ", break_on_hyphens=False))
    return "\n".join(out) + "\n"
