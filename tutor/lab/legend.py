"""Which marker draws which curve of the lab's plots, and the legend that says so (pure).

Curves must be told apart without colour (NO_COLOR terminals, colour-blind learners, ASCII mode):
every series of every run gets its own character. The shape says the series (train, val…), the
fill says the run: run A (or the current run) is drawn in filled shapes, run B (or the previous
run) in hollow ones. In ASCII mode each one is a distinct ASCII character.

The legend is a few lines of text shown beside the plot, never drawn inside it, so it hides no
data.
"""

from __future__ import annotations

from collections.abc import Sequence

from tutor.i18n.catalogue import t

SERIES: tuple[str, ...] = ("train", "val", "source", "lr")

# One row per run (in the order the runs are given), one column per series (SERIES order).
UNICODE_MARKERS: tuple[tuple[str, ...], ...] = (
    ("●", "■", "▲", "◆"),
    ("○", "□", "△", "◇"),
    ("◉", "▣", "▼", "◈"),
)
ASCII_MARKERS: tuple[tuple[str, ...], ...] = (
    ("*", "o", "^", "~"),
    ("#", "x", "%", "="),
    ("@", "&", "$", "?"),
)

MAX_RUNS = len(UNICODE_MARKERS)

BEST_EPOCH_MARK = {False: "│", True: "|"}  # plotext draws a vertical line with this glyph


def marker(run_index: int, series: str, ascii_only: bool = False) -> str:
    """The one character that draws `series` of the run at `run_index` (0 = first run shown).

    Raises ValueError for an unknown series or more runs than MAX_RUNS: two curves must never
    share a marker.
    """
    if series not in SERIES:
        raise ValueError(f"unknown series {series!r}; known: {', '.join(SERIES)}")
    if not 0 <= run_index < MAX_RUNS:
        raise ValueError(f"at most {MAX_RUNS} runs can be told apart, got run {run_index}")
    table = ASCII_MARKERS if ascii_only else UNICODE_MARKERS
    return table[run_index][SERIES.index(series)]


def legend_lines(runs: Sequence[tuple[str, Sequence[str]]], lang: str, ascii_only: bool = False) -> list[str]:
    """One legend line per run: its name, then the marker and name of each series it draws.

    `runs` are (name as shown, series drawn) in plotting order, which fixes their markers: the
    run at index i is drawn with `marker(i, …)`. A run that draws nothing has no line, but keeps
    its index. E.g. ["A — depuis zéro : ● entraînement  ■ validation"].
    """
    lines = []
    for index, (name, series) in enumerate(runs):
        if not series:
            continue
        entries = "  ".join(
            t("lab.legend.entry", lang, marker=marker(index, kind, ascii_only), series=t(f"lab.series.{kind}", lang))
            for kind in series
        )
        lines.append(t("lab.legend.run", lang, run=name, entries=entries))
    return lines


def axis_ticks(values: Sequence[float], lang: str, *, whole: bool = False, scientific: bool = False,
               count: int = 5) -> tuple[list[float], list[str]]:
    """Tick positions spread over `values` and their labels written in `lang` (plotext would print
    0.542 and 2.5 on a French screen): whole numbers for epochs and steps, 1e-3 style for rates."""
    from tutor.i18n.numbers import fmt, fmt_int, fmt_sci

    if not values:
        return [], []
    low, high = min(values), max(values)
    if high == low:
        positions = [low]
    else:
        positions = [low + (high - low) * k / (count - 1) for k in range(count)]
    if whole:
        positions = sorted({float(round(p)) for p in positions})
        return positions, [fmt_int(p, lang) for p in positions]
    if scientific:
        return positions, ["0" if p == 0 else fmt_sci(p, lang, 2) for p in positions]
    return positions, [fmt(p, lang, 3) for p in positions]
