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
    from tutor.quiz.item_analysis import ItemAnalysis
    from tutor.quiz.results import Answer, ClassReport, Tally

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
    report.add_argument("--items", action="store_true", help=t("help.report.items", lang))
    report.add_argument("--json", action="store_true", help=t("help.report.json", lang))
    report.add_argument("--bank", action="append", metavar="BANK", help=t("help.report.bank", lang))
    report.add_argument("--all-attempts", action="store_true", help=t("help.report.all_attempts", lang))
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
    items = getattr(args, "items", False)
    # Checked before reading anything: an option that would be ignored is a mistake worth saying.
    for option, given_option in (("--json", getattr(args, "json", False)), ("--bank", getattr(args, "bank", None)),
                                 ("--all-attempts", getattr(args, "all_attempts", False))):
        if given_option and not items:
            raise UsageError("report.items.needs_items", option=option)
    if getattr(args, "json", False) and args.format == "csv":
        raise UsageError("report.items.json_or_csv")
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
    if items:
        return run_items(answers, args, lang)
    report = class_report(answers)
    sys.stdout.write(report_csv(report) if args.format == "csv" else render_table(report, len(exports), lang=lang))
    return EXIT_OK


def run_items(answers: list[Answer], args: argparse.Namespace, lang: str) -> int:
    """`tutor report --items`: Moodle's item analysis of each test (bank and mode) the answers hold.

    An item analysis only makes sense within one test, so each (bank, mode) is analysed on its own,
    one after the other; `--bank` keeps only the banks named. Exit 2 when no finished quiz attempt is
    left to analyse (none in the exports, or none of the banks asked for).
    """
    import json

    from tutor.quiz.item_analysis import analyse, attempts_from_answers, by_test
    from tutor.quiz.results import one_line

    every = bool(getattr(args, "all_attempts", False))
    groups = by_test(attempts_from_answers(answers, every_attempt=every))
    wanted = getattr(args, "bank", None)
    if not groups:
        raise UsageError("report.items.none")
    if wanted:
        found = sorted({bank for (bank, _), _ in groups})
        groups = [group for group in groups if group[0][0] in wanted]
        if not groups:
            raise UsageError("report.items.no_bank", wanted=", ".join(one_line(w) for w in wanted),
                             banks=", ".join(found) or "-")
    analyses = [(bank, mode, len({a.learner for a in attempts}), analyse(attempts))
                for (bank, mode), attempts in groups]
    if getattr(args, "json", False):
        # allow_nan=False: the analysis never holds NaN or infinity (undefined is None); say so loudly if it did.
        text = json.dumps(items_document(analyses, every), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    elif args.format == "csv":
        text = items_csv(analyses)
    else:
        text = "\n".join(render_items(bank, mode, learners, analysis, every, lang=lang)
                         for bank, mode, learners, analysis in analyses)
    sys.stdout.write(text)
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


# -- item analysis (`tutor report --items`) -------------------------------------------------------

ITEMS_WIDTH = 80
ITEMS_FORMAT = "tutor-item-analysis"
ITEMS_CSV_COLUMNS = ("section", "bank", "mode", "question_id", "attempts", "facility", "sd", "discrimination",
                     "efficiency", "flags", "mean", "alpha", "error_ratio", "standard_error")


def _wrapped(text: str, width: int = ITEMS_WIDTH) -> list[str]:
    import textwrap

    # textwrap breaks at ASCII spaces only: French no-break spaces (before ":" and "%") stay unbroken.
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def _fraction_pct(value: float | None, lang: str) -> str:
    """A fraction as Moodle shows it, a percentage with one decimal ("-" when undefined)."""
    from tutor.i18n.numbers import fmt_percent

    return "-" if value is None else fmt_percent(value, lang, 1, fraction=True)


def render_items(bank: str, mode: str, learners: int, analysis: ItemAnalysis, every_attempt: bool,
                 width: int = ITEMS_WIDTH, lang: str = "en") -> str:
    """One test's item analysis as text in `lang`, no line longer than `width` (but a question id's cut)."""
    from tutor.i18n.catalogue import t
    from tutor.quiz.results import one_line

    def word(key: str) -> str:
        return t(f"report.items.{key}", lang)

    mode_name = t(f"quiz.{mode}", lang) if mode in ("practice", "exam") else (one_line(mode) or word("no_mode"))
    lines = _wrapped(t("report.items.heading", lang, bank=one_line(bank) or word("unnamed"), mode=mode_name), width)
    counted = "report.items.counted_all" if every_attempt else "report.items.counted_first"
    lines += _wrapped(t(counted, lang, attempts=analysis.test.attempts, learners=learners), width)
    lines.append("")

    heads = [word(key) for key in ("attempts", "facility", "sd", "discrimination", "efficiency")]
    rows = [[fmt_count(item.attempts, lang), *(_fraction_pct(value, lang) for value in (
        item.facility, item.sd, item.discrimination, item.efficiency))] for item in analysis.items]
    # Each number column as wide as its heading or widest number, plus a space between columns.
    widths = [max([len(head), *(len(row[i]) for row in rows)]) + 2 for i, head in enumerate(heads)]
    widths[0] = max([len(heads[0]), *(len(row[0]) for row in rows)]) + 1
    flag_words = {flag: word(f"flag.{flag}") for flag in ("negative-discrimination", "too-easy", "too-hard")}
    flags_w = max([len(word("flags")), *map(len, flag_words.values())])
    numbers_w = sum(widths)
    ids = [one_line(item.question_id) for item in analysis.items]
    # The question column takes what is left: two spaces, the longest flag and the comma that may follow it.
    q_w = max(8, min(max([len(word("question")), *map(len, ids)]), width - numbers_w - 2 - flags_w - 1))
    lines.append(f"{word('question'):<{q_w}}" + "".join(f"{h:>{w}}" for h, w in zip(heads, widths, strict=True))
                 + f"  {word('flags')}")
    for question, row, item in zip(ids, rows, analysis.items, strict=True):
        start = f"{_cut(question, q_w):<{q_w}}" + "".join(f"{c:>{w}}" for c, w in zip(row, widths, strict=True))
        shown = [flag_words[flag] for flag in item.flags]
        line = start
        for index, flag in enumerate(shown):  # flags that do not fit go on the next lines, under the first
            piece = ("  " if index == 0 else ", ") + flag
            if index and len(line) + len(piece) > width:
                lines.append(line + ",")
                line = " " * (len(start) + 2) + flag
            else:
                line += piece
        lines.append(line)
    lines.append("")
    lines += _wrapped(word("legend"), width) + _wrapped(word("undefined"), width)
    flagged = sum(1 for item in analysis.items if item.flags)
    if flagged:
        lines += _wrapped(t("report.items.flagged", lang, count=flagged), width)
    test = analysis.test
    lines += ["", *_wrapped(t("report.items.test", lang, mean=_fraction_pct(test.mean, lang),
                               sd=_fraction_pct(test.sd, lang)), width)]
    if test.alpha is not None:
        lines += _wrapped(t("report.items.alpha", lang, alpha=_fraction_pct(test.alpha, lang),
                            error_ratio=_fraction_pct(test.error_ratio, lang),
                            standard_error=_fraction_pct(test.standard_error, lang)), width)
        if test.form == "random":
            lines += _wrapped(word("random_form"), width)
    elif test.alpha_missing is not None:
        lines += _wrapped(word(f"alpha_missing.{test.alpha_missing}"), width)
    return "\n".join(lines) + "\n"


def items_document(analyses: list[tuple[str, str, int, ItemAnalysis]], every_attempt: bool) -> dict[str, Any]:
    """The item analyses as one JSON document: fractions (Moodle's percentages / 100), null where undefined."""
    import dataclasses

    from tutor.quiz.item_analysis import FLAGS, TOO_EASY, TOO_HARD

    return {
        "format": ITEMS_FORMAT, "version": 1, "attempts_counted": "all" if every_attempt else "first",
        "flags": list(FLAGS), "too_easy": TOO_EASY, "too_hard": TOO_HARD,
        "tests": [
            {"bank": bank, "mode": mode, "learners": learners, "test": dataclasses.asdict(analysis.test),
             "items": [dataclasses.asdict(item) | {"flags": list(item.flags)} for item in analysis.items]}
            for bank, mode, learners, analysis in analyses
        ],
    }


def items_csv(analyses: list[tuple[str, str, int, ItemAnalysis]]) -> str:
    """The item analyses as one long CSV, the same in every language: an `item` row per question, a `test`
    row per test; fractions with a decimal point, an empty cell where undefined."""
    import csv
    import io

    from tutor.quiz.results import csv_cell

    def number(value: float | None) -> str:
        return "" if value is None else repr(value)

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ITEMS_CSV_COLUMNS)
    for bank, mode, _, analysis in analyses:
        for item in analysis.items:
            # Banks and question ids are text from exports: made formula-safe (csv_cell).
            writer.writerow(["item", csv_cell(bank), csv_cell(mode), csv_cell(item.question_id), item.attempts,
                             number(item.facility), number(item.sd), number(item.discrimination),
                             number(item.efficiency), " ".join(item.flags), "", "", "", ""])
        test = analysis.test
        writer.writerow(["test", csv_cell(bank), csv_cell(mode), "", test.attempts, "", number(test.sd), "", "", "",
                         number(test.mean), number(test.alpha), number(test.error_ratio),
                         number(test.standard_error)])
    return buffer.getvalue()
