"""Sub-commands for instructors: `tutor export` (a learner's answers) and `tutor report` (a class).

Light at import time: only argparse here; the store and the report are imported by the handlers.

`tutor export` of a learner who has never answered anything (no database yet) is not an error:
it writes an empty export (the CSV header, or a JSON document without attempts), says so on
stderr and exits 0, so a script collecting a whole class never stops on one absent learner. No
database is created by exporting.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.cli import EXIT_OK, EXIT_USAGE, UsageError
from tutor.commands import add_common_options

if TYPE_CHECKING:
    from tutor.core.results import ClassReport, Tally

TABLE_WIDTH = 100


def register(subparsers: Any, root_parser: argparse.ArgumentParser) -> None:
    """Add `export` and `report` to `subparsers`."""
    del root_parser  # the conventions need nothing from it here
    export = subparsers.add_parser(
        "export", help="export a learner's quiz answers (CSV or JSON) for an instructor",
        description="Write the learner's quiz attempts and answers, one CSV row per answer (default) or "
        "one JSON document. Times are ISO 8601 UTC. A learner without progress gives an empty export.",
    )
    export.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (csv)")
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    add_common_options(export, root=False)
    export.set_defaults(handler=run_export)

    report = subparsers.add_parser(
        "report", help="class report from many learners' exports",
        description="Read exports (CSV or JSON; directories are searched for *.csv and *.json) and print "
        "scores per learner and topic, success per question (hardest first) and attempts per learner. "
        "Unreadable files are named on stderr and skipped; exit 2 when none could be read.",
    )
    report.add_argument("paths", nargs="+", metavar="FILE|DIR", help="export files or directories of them")
    report.add_argument("--format", choices=("table", "csv"), default="table", help="output format (table)")
    report.set_defaults(handler=run_report)


def run_export(args: argparse.Namespace) -> int:
    """`tutor export`: the learner's answers as CSV or JSON, to stdout or --out."""
    import json
    import time

    from tutor.core.results import export_csv, export_document
    from tutor.core.store import Store, StoreError, database_path, learner_name

    learner = learner_name(getattr(args, "learner", None))
    path = database_path(learner)
    attempts = []
    if not path.exists():
        print(f"tutor: no progress recorded for learner {learner!r} ({path}): the export is empty.", file=sys.stderr)
    else:
        try:
            store, notice = Store.open(path)
        except StoreError as error:
            raise UsageError(str(error)) from error
        if notice is not None:
            print(f"tutor: {notice.message}", file=sys.stderr)
        try:
            attempts = list(reversed(store.attempts()))  # oldest first reads like a history
        finally:
            store.close()
    if args.format == "json":
        text = json.dumps(export_document(learner, attempts, time.time()), ensure_ascii=False, indent=2) + "\n"
    else:
        text = export_csv(learner, attempts)
    _write(text, args.out)
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    """`tutor report`: aggregate exports into a class report (table or CSV)."""
    from tutor.core.results import ExportError, class_report, export_files, read_export
    from tutor.locations import display_path

    files, problems = export_files([Path(p) for p in args.paths])
    for problem in problems:
        print(problem, file=sys.stderr)
    answers = []
    read = 0
    for file in files:
        try:
            answers += read_export(file)
            read += 1
        except ExportError as error:
            print(f"{display_path(file)}: {error}", file=sys.stderr)
    if not read:
        print("tutor: error: no export could be read", file=sys.stderr)
        return EXIT_USAGE
    report = class_report(answers)
    sys.stdout.write(report_csv(report) if args.format == "csv" else render_table(report, read))
    return EXIT_OK


def _write(text: str, out: str | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        # newline="": the CSV module already wrote its own line endings.
        with open(out, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    except OSError as error:
        raise UsageError(f"cannot write {out}: {error.strerror or error}") from error


# -- rendering -----------------------------------------------------------------------------------


def _cut(text: str, width: int) -> str:
    # Cut in the middle: names and question ids often differ only at the end (…-2, a seed).
    if len(text) <= width:
        return text
    head = (width - 1 + 1) // 2
    return text[:head] + "…" + text[len(text) - (width - 1 - head):]


def _headers(topics: list[str], width: int) -> list[str]:
    """Column headers of at most `width` characters, distinct even when topics share a prefix."""
    heads = [t if len(t) <= width else t[: width - 1] + "…" for t in topics]
    return [h if heads.count(h) == 1 else f"t{i + 1}" for i, h in enumerate(heads)]


def _points(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


def render_table(report: ClassReport, exports: int, width: int = TABLE_WIDTH) -> str:
    """The report as plain text, no line longer than `width` (topics wrap into several blocks)."""
    lines = [
        f"Class report: {len(report.learners)} learner(s), {exports} export(s), {report.answers} answer(s)", "",
        "Score per topic (% of the points earned; - = no answer in that topic)",
    ]
    name_w = min(30, max([7, *map(len, report.learners)]))
    cell = 8
    per_block = max(1, (width - name_w - cell) // cell)
    headers = _headers(report.topics, cell - 1)
    legend = {h: t for h, t in zip(headers, report.topics) if h != t}
    for start in range(0, max(1, len(report.topics)), per_block):
        topics = report.topics[start : start + per_block]
        heads = "".join(f"{h:>{cell}}" for h in headers[start : start + per_block])
        lines.append(f"{'learner':<{name_w}}{'all':>{cell}}" + heads)
        for learner in report.learners:
            scores = [report.by_learner_topic.get((learner, t)) for t in topics]
            cells = "".join(f"{_pct(s.percent if s else None):>{cell}}" for s in scores)
            lines.append(f"{_cut(learner, name_w):<{name_w}}{_pct(report.by_learner[learner].percent):>{cell}}{cells}")
        lines.append("")
    if legend:
        line = "Topics:"
        for head, topic in legend.items():
            entry = f" {head} = {_cut(topic, width - 12)};"
            if len(line) + len(entry) > width:  # never split an entry over two lines
                lines.append(line)
                line = " "
            line += entry
        lines += [line, ""]

    lines.append("Questions, hardest first (right = answers fully right)")
    q_w = min(40, max([8, *(len(q) for q, _, _ in report.questions)]))
    t_w = min(20, max([5, *(len(t) for _, t, _ in report.questions)]))
    lines.append(f"{'question':<{q_w}}  {'topic':<{t_w}}{'answers':>9}{'right':>7}{'rate':>7}")
    for question, topic, tally in report.questions:
        lines.append(
            f"{_cut(question, q_w):<{q_w}}  {_cut(topic, t_w):<{t_w}}{tally.answers:>9}{tally.correct:>7}"
            f"{_pct(tally.success):>7}"
        )
    lines += ["", "Activity per learner",
              f"{'learner':<{name_w}}{'attempts':>10}{'answers':>9}{'right':>7}{'score':>7}"]
    for learner in report.learners:
        tally = report.by_learner[learner]
        lines.append(
            f"{_cut(learner, name_w):<{name_w}}{len(tally.attempts):>10}{tally.answers:>9}{tally.correct:>7}"
            f"{_pct(tally.percent):>7}"
        )
    return "\n".join(lines) + "\n"


REPORT_CSV_COLUMNS = ("section", "learner", "topic", "question_id", "attempts", "answers", "correct",
                      "earned", "max_points", "percent")


def report_csv(report: ClassReport) -> str:
    """The report as one long CSV: a `section` column (learner, topic, question) tells the rows apart.

    `percent` is the share of points earned for learner and topic rows, the share of answers fully
    right for question rows.
    """
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(REPORT_CSV_COLUMNS)

    def numbers(tally: Tally, percent: float | None) -> list[str]:
        return [str(tally.answers), str(tally.correct), _points(tally.earned), _points(tally.max_points),
                "" if percent is None else f"{percent:.1f}"]

    for learner in report.learners:
        tally = report.by_learner[learner]
        writer.writerow(["learner", learner, "", "", len(tally.attempts), *numbers(tally, tally.percent)])
        for topic in report.topics:
            cell = report.by_learner_topic.get((learner, topic))
            if cell is not None:
                writer.writerow(["topic", learner, topic, "", len(cell.attempts), *numbers(cell, cell.percent)])
    for question, topic, tally in report.questions:
        writer.writerow(["question", "", topic, question, len(tally.attempts), *numbers(tally, tally.success)])
    return buffer.getvalue()
