"""Sub-commands for instructors: `tutor export` (a learner's answers) and `tutor report` (a class).

Light at import time: only argparse here; the store and the report are imported by the handlers.

`tutor export` of a learner who has never answered anything (no database yet) is not an error:
it writes an empty export (the CSV header, or a JSON document without attempts), says so on
stderr and exits 0, so a script collecting a whole class never stops on one absent learner. No
database is created by exporting.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.cli.options import add_common_options
from tutor.errors import EXIT_OK, EXIT_USAGE, UsageError

if TYPE_CHECKING:
    from tutor.quiz.results import ClassReport, Tally

TABLE_WIDTH = 100
NNBSP_SEMICOLON = "\u202f;"  # French: a narrow no-break space before ";"


def register(subparsers: Any, root_parser: argparse.ArgumentParser) -> None:
    """Add `export` and `report` to `subparsers`."""
    from tutor.cli.options import parser_lang
    from tutor.i18n.catalogue import t

    lang = parser_lang(root_parser)
    export = subparsers.add_parser(
        "export", help=t("help.export", lang), description=t("help.export.description", lang),
    )
    export.add_argument("--format", choices=("csv", "json"), default="csv", help=t("help.export.format", lang))
    export.add_argument("--out", metavar=t("help.metavar.file", lang), help=t("help.export.out", lang))
    export.add_argument("--force", action="store_true", help=t("help.export.force", lang))
    add_common_options(export, root=False)
    export.set_defaults(handler=run_export)

    report = subparsers.add_parser(
        "report", help=t("help.report", lang), description=t("help.report.description", lang),
    )
    report.add_argument("paths", nargs="+", metavar=t("help.metavar.file", lang) + "|" + t("help.metavar.dir", lang),
                        help=t("help.report.paths", lang))
    report.add_argument("--format", choices=("table", "csv"), default="table", help=t("help.report.format", lang))
    add_common_options(report, root=False)
    report.set_defaults(handler=run_report)


def run_export(args: argparse.Namespace) -> int:
    """`tutor export`: the learner's answers as CSV or JSON, to stdout or --out."""
    import json
    import time

    from tutor.cli.lang import args_lang
    from tutor.i18n.catalogue import t
    from tutor.quiz.results import export_csv, export_document
    from tutor.store import configured_url, open_store
    from tutor.store.interface import StoreError
    from tutor.store.learners import database_path, learner_name

    lang = args_lang(args)
    out = getattr(args, "out", None)
    if out is not None and Path(out).exists() and not getattr(args, "force", False):
        # Checked before reading anything: an export must never silently replace a file.
        raise UsageError("cli.export.exists", path=out)
    learner = learner_name(getattr(args, "learner", None))
    path = database_path(learner)
    from tutor.settings import load_settings

    # The learner's class database, if any (their settings file may name it): it may hold progress made elsewhere.
    database_url = configured_url(load_settings(learner=learner)[0].database_url)
    attempts = []
    if not path.exists() and database_url is None:
        print(t("cli.export.no_progress", lang, learner=learner, path=str(path)), file=sys.stderr)
    else:
        try:
            # recover=False: exporting only reads; a damaged file is left as it is and named (exit 2).
            store, notice = open_store(path, lang, recover=False, database_url=database_url)
        except StoreError as error:
            raise UsageError(str(error)) from error
        if notice is not None:
            print(f"tutor: {notice.message}", file=sys.stderr)
        try:
            attempts = list(reversed(store.attempts()))  # oldest first reads like a history
        except StoreError as error:  # damage met while reading
            raise UsageError(str(error)) from error
        finally:
            store.close()
    if args.format == "json":
        text = json.dumps(export_document(learner, attempts, time.time()), ensure_ascii=False, indent=2) + "\n"
    else:
        text = export_csv(learner, attempts)
    _write(text, out)
    if out is not None:
        print(t("cli.export.written", lang, path=out, count=len(attempts)), file=sys.stderr)
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    """`tutor report`: aggregate exports into a class report (table or CSV).

    Exports come from learners: each file that cannot be read, or that breaks a rule (a control
    character in a name, more points earned than the question is worth, two learners in one file), is
    named with its reason on stderr and skipped; the report goes on with the others. Two exports of
    one learner are merged (see `merge_exports`), and where they disagree it is said.
    """
    from tutor.cli.lang import args_lang
    from tutor.i18n.catalogue import t
    from tutor.locations import display_path
    from tutor.quiz.results import ExportError, class_report, export_files, merge_exports, one_line, read_export

    lang = args_lang(args)
    given = [Path(p) for p in args.paths]
    for missing in (p for p in given if not p.exists()):
        print(t("cli.report.missing", lang, path=one_line(str(missing))), file=sys.stderr)
    files, problems = export_files([p for p in given if p.exists()], lang)
    for problem in problems:
        print(problem, file=sys.stderr)
    exports = []
    for file in files:
        shown = display_path(file)
        try:
            exports.append((one_line(shown), read_export(file)))
        except ExportError as error:
            print(error.located(shown, lang), file=sys.stderr)
    if not exports:
        print(t("cli.error", lang, message=t("cli.report.none_read", lang)), file=sys.stderr)
        return EXIT_USAGE
    answers, clashes = merge_exports(exports)
    for clash in clashes:
        print(clash.text(lang), file=sys.stderr)
    report = class_report(answers)
    sys.stdout.write(report_csv(report) if args.format == "csv" else render_table(report, len(exports), lang=lang))
    return EXIT_OK


def _write(text: str, out: str | None) -> None:
    """`text` to stdout, or to the file `out` atomically and readable by its owner only.

    A regular file (new or replaced) is written to a temporary file beside it, synced, then renamed
    over it: a full disk or a crash leaves the old file whole, never a truncated export. The temporary
    file is created 0600 whatever the umask, so the answers are not readable by others on a shared host.
    Anything else that exists (/dev/full, a FIFO, a directory) is opened as before, and fails as before.
    """
    import os
    import stat
    import tempfile

    if out is None:
        sys.stdout.write(text)
        return
    data = text.encode("utf-8")  # no newline translation: the CSV module already wrote its line endings
    target = os.path.realpath(out) if out else out  # through a symlink, as open() would write
    temporary = None
    try:
        try:
            regular_or_new = stat.S_ISREG(os.stat(target).st_mode)
        except FileNotFoundError:
            regular_or_new = True
        if not regular_or_new:
            with open(target, "wb") as stream:
                stream.write(data)
            return
        descriptor, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp",
                                                 dir=os.path.dirname(target) or ".")
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise UsageError("cli.export.cannot_write", path=out, reason=error.strerror or str(error)) from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


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


def _pct(value: float | None, lang: str = "en") -> str:
    from tutor.i18n.numbers import fmt_percent

    return "-" if value is None else fmt_percent(value, lang, 0)


def render_table(report: ClassReport, exports: int, width: int = TABLE_WIDTH, lang: str = "en") -> str:
    """The report as plain text in `lang`, no line longer than `width` (topics wrap into several blocks)."""
    from tutor.i18n.catalogue import t

    def word(key: str) -> str:
        return t(f"cli.report.{key}", lang)

    def pct(value: float | None) -> str:
        return _pct(value, lang)

    lines = [
        t("cli.report.title", lang, learners=len(report.learners), exports=exports, answers=report.answers), "",
        word("per_topic"),
    ]
    name_w = min(30, max([7, len(word("learner")), *map(len, report.learners)]))
    cell = 8
    per_block = max(1, (width - name_w - cell) // cell)
    headers = _headers(report.topics, cell - 1)
    legend = {h: t for h, t in zip(headers, report.topics, strict=True) if h != t}
    for start in range(0, max(1, len(report.topics)), per_block):
        topics = report.topics[start : start + per_block]
        heads = "".join(f"{h:>{cell}}" for h in headers[start : start + per_block])
        lines.append(f"{word('learner'):<{name_w}}{word('all'):>{cell}}" + heads)
        for learner in report.learners:
            scores = [report.by_learner_topic.get((learner, t)) for t in topics]
            cells = "".join(f"{pct(s.percent if s else None):>{cell}}" for s in scores)
            lines.append(f"{_cut(learner, name_w):<{name_w}}{pct(report.by_learner[learner].percent):>{cell}}{cells}")
        lines.append("")
    if legend:
        line = word("topics")
        for head, topic in legend.items():
            entry = f" {head} = {_cut(topic, width - 12)}{NNBSP_SEMICOLON if lang == 'fr' else ';'}"
            if len(line) + len(entry) > width:  # never split an entry over two lines
                lines.append(line)
                line = " "
            line += entry
        lines += [line, ""]

    lines.append(word("hardest"))
    q_w = min(40, max([8, len(word("question")), *(len(q) for q, _, _ in report.questions)]))
    t_w = min(20, max([5, len(word("topic")), *(len(t) for _, t, _ in report.questions)]))
    # Numeric columns are as wide as their (translated) heading plus a space, at least as before.
    a_w, r_w, p_w = (max(default, len(word(key)) + 1) for key, default in (("answers", 9), ("right", 7), ("rate", 7)))
    lines.append(f"{word('question'):<{q_w}}  {word('topic'):<{t_w}}{word('answers'):>{a_w}}{word('right'):>{r_w}}"
                 f"{word('rate'):>{p_w}}")
    for question, topic, tally in report.questions:
        lines.append(
            f"{_cut(question, q_w):<{q_w}}  {_cut(topic, t_w):<{t_w}}{fmt_count(tally.answers, lang):>{a_w}}"
            f"{fmt_count(tally.correct, lang):>{r_w}}{pct(tally.success):>{p_w}}"
        )
    at_w, s_w = max(10, len(word("attempts")) + 1), max(7, len(word("score")) + 1)
    lines += ["", word("activity"),
              f"{word('learner'):<{name_w}}{word('attempts'):>{at_w}}{word('answers'):>{a_w}}{word('right'):>{r_w}}"
              f"{word('score'):>{s_w}}"]
    for learner in report.learners:
        tally = report.by_learner[learner]
        lines.append(
            f"{_cut(learner, name_w):<{name_w}}{fmt_count(len(tally.attempts), lang):>{at_w}}"
            f"{fmt_count(tally.answers, lang):>{a_w}}{fmt_count(tally.correct, lang):>{r_w}}{pct(tally.percent):>{s_w}}"
        )
    return "\n".join(lines) + "\n"


def fmt_count(value: int, lang: str) -> str:
    """A count as the learner's language writes it (1 875 / 1,875)."""
    from tutor.i18n.numbers import fmt_int

    return fmt_int(value, lang)


REPORT_CSV_COLUMNS = ("section", "learner", "topic", "question_id", "attempts", "answers", "correct",
                      "earned", "max_points", "percent")


def report_csv(report: ClassReport) -> str:
    """The report as one long CSV: a `section` column (learner, topic, question) tells the rows apart.

    CSV is data for a spreadsheet or a script, not text for a reader: its column names and numbers
    (decimal point) are the same in every language.

    `percent` is the share of points earned for learner and topic rows, the share of answers fully
    right for question rows.
    """
    import csv
    import io

    from tutor.quiz.results import csv_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(REPORT_CSV_COLUMNS)

    def numbers(tally: Tally, percent: float | None) -> list[str]:
        return [str(tally.answers), str(tally.correct), _points(tally.earned), _points(tally.max_points),
                "" if percent is None else f"{percent:.1f}"]

    for learner in report.learners:
        tally = report.by_learner[learner]
        # Learners' names, topics and question ids are text from exports: made formula-safe (csv_cell).
        writer.writerow(["learner", csv_cell(learner), "", "", len(tally.attempts), *numbers(tally, tally.percent)])
        for topic in report.topics:
            cell = report.by_learner_topic.get((learner, topic))
            if cell is not None:
                writer.writerow(["topic", csv_cell(learner), csv_cell(topic), "", len(cell.attempts),
                                 *numbers(cell, cell.percent)])
    for question, topic, tally in report.questions:
        writer.writerow(["question", "", csv_cell(topic), csv_cell(question), len(tally.attempts),
                         *numbers(tally, tally.success)])
    return buffer.getvalue()
