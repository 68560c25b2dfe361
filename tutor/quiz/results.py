"""Exports of a learner's quiz answers (CSV, JSON) and the class report built from many of them.

An export has one row per answer (CSV) or one object per attempt holding its answers (JSON);
times are ISO 8601 in UTC. The report reads any mix of both, skips what it cannot read (with the
reason) and counts each answer once even when two exports of one learner overlap: answers are
keyed by (learner, attempt uuid, question id).

Exports are written by learners, so they are untrusted: a file is read only if it is a regular file
of at most `EXPORT_LIMIT` bytes, and refused whole when a name, id or topic holds a line break or a
terminal control, when a score is impossible (not finite, earned > max_points, max_points outside
0…`MAX_POINTS`), when its version is not the integer 1, or when a CSV names two learners. Text cells
of the CSVs tutor writes are made formula-safe for spreadsheets (`csv_cell`) and read back exactly.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tutor.quiz.model import TOPICS
from tutor.safety import CONTROL_PATTERN, REPLACEMENT, InputRefused, clean_text, read_input
from tutor.store.records import AttemptRow

EXPORT_FORMAT = "tutor-export"
EXPORT_VERSION = 1
CSV_COLUMNS: tuple[str, ...] = (
    "learner", "module", "bank", "attempt", "kind", "mode", "lang", "state", "question_id", "topic",
    "answer", "correct", "credit", "earned", "max_points", "hints", "seconds", "started_at", "answered_at",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("learner", "attempt", "question_id", "topic", "correct", "earned", "max_points")


def iso(timestamp: float | None) -> str | None:
    """A POSIX time as ISO 8601 UTC text (e.g. 2025-01-31T09:05:00Z), None stays None."""
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _number(value: float) -> str:
    text = repr(round(float(value), 4))
    return text[:-2] if text.endswith(".0") else text


# -- export ------------------------------------------------------------------------------------


def export_rows(learner: str, attempts: Iterable[AttemptRow]) -> list[dict[str, str]]:
    """One CSV row (column → text) per answer; the answer itself as JSON text, `correct` as 1/0."""
    rows = []
    for attempt in attempts:
        for answer in attempt.answers:
            rows.append({
                "learner": learner, "module": attempt.module, "bank": attempt.bank, "attempt": attempt.uuid,
                "kind": attempt.kind, "mode": attempt.mode, "lang": attempt.lang, "state": attempt.state,
                "question_id": answer.question_id, "topic": answer.topic,
                "answer": json.dumps(answer.answer, ensure_ascii=False), "correct": "1" if answer.correct else "0",
                "credit": _number(answer.credit), "earned": _number(answer.earned),
                "max_points": _number(answer.max_points), "hints": str(answer.hints),
                "seconds": _number(answer.seconds), "started_at": iso(attempt.started_at) or "",
                "answered_at": iso(answer.answered_at) or "",
            })
    return rows


# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A number as we write it: a spreadsheet reads it as a number, and it must stay one.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# Columns of learners' or instructors' text (the others are numbers and times tutor writes itself).
_CSV_TEXT_COLUMNS = frozenset(CSV_COLUMNS) - {"correct", "credit", "earned", "max_points", "hints", "seconds",
                                              "started_at", "answered_at"}


def csv_cell(text: str) -> str:
    """`text` safe in a spreadsheet: a leading `'` when it would start a formula (OWASP rule).

    A plain number (-2.5) is left alone. Text already starting with `'` before such a character gets one
    more, so `csv_text` gives back exactly what was written.
    """
    rest = text.lstrip("'")
    if rest[:1] in _FORMULA_STARTS and (len(rest) < len(text) or not _PLAIN_NUMBER.fullmatch(text)):
        return "'" + text
    return text


def csv_text(cell: str) -> str:
    """The text `csv_cell` neutralised (a CSV export read back gives the names it was written with)."""
    if cell.startswith("'") and cell.lstrip("'")[:1] in _FORMULA_STARTS:
        return cell[1:]
    return cell


def export_csv(learner: str, attempts: Iterable[AttemptRow]) -> str:
    """The CSV export (header always present, even with no answer); text cells are `csv_cell`-safe."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in export_rows(learner, attempts):
        writer.writerow({name: csv_cell(value) if name in _CSV_TEXT_COLUMNS else value for name, value in row.items()})
    return buffer.getvalue()


def export_document(learner: str, attempts: Iterable[AttemptRow], exported_at: float) -> dict[str, Any]:
    """The JSON export: every attempt (even without answers) with its settings and answers."""
    return {
        "format": EXPORT_FORMAT, "version": EXPORT_VERSION, "learner": learner, "exported_at": iso(exported_at),
        "attempts": [
            {
                "uuid": a.uuid, "bank": a.bank, "module": a.module, "kind": a.kind, "mode": a.mode, "lang": a.lang,
                "state": a.state, "seed": a.seed, "settings": a.settings, "question_ids": a.question_ids,
                "time_limit": a.time_limit, "pass_mark": a.pass_mark, "started_at": iso(a.started_at),
                "ended_at": iso(a.ended_at), "elapsed": a.elapsed, "hints": a.hints,
                "answers": [
                    {
                        "question_id": r.question_id, "topic": r.topic, "answer": r.answer, "correct": r.correct,
                        "credit": r.credit, "earned": r.earned, "max_points": r.max_points, "hints": r.hints,
                        "seconds": r.seconds, "answered_at": iso(r.answered_at),
                    }
                    for r in a.answers
                ],
            }
            for a in attempts
        ],
    }


# -- reading exports back ------------------------------------------------------------------------

#: Largest export `tutor report` reads: 50 MB is about 450,000 answers, far beyond one learner's year,
#: and keeps a class report's memory bounded (probe 2.34: 100 MB took about 1 GB and 26 s).
EXPORT_LIMIT = 50_000_000
#: Most points one question may be worth in an export; a bank's points are small positive numbers.
MAX_POINTS = 1000.0
# Columns of names read back from their formula-safe form (`csv_text`).
_CSV_NAMES = ("learner", "attempt", "question_id", "topic", "bank", "mode", "kind", "state")
# What an answer says of its attempt (optional: CSV columns, or keys of a JSON attempt).
_ATTEMPT_SETTINGS = ("bank", "mode", "kind", "state", "started_at")
# One-line fields (names, ids, topics) take no line break, tab or line separator either: a newline
# in a learner's name would forge a row of the instructor's table.
_LINE_BREAKS = re.compile("[\t\n\u2028\u2029]")


class ExportError(ValueError):
    """A file that is not a readable export: a catalogue key (tutor.i18n.strings.report), its values,
    and where in the file (`line`/`column`, or `where`, a JSON path such as attempts[0].answers[2])."""

    def __init__(self, key: str, *, line: int | None = None, column: int | None = None, where: str | None = None,
                 **values: object) -> None:
        self.key, self.values, self.line, self.column, self.where = key, values, line, column, where
        super().__init__(self.reason("en"))

    def reason(self, lang: str) -> str:
        """Why the file was refused, in `lang` (with its JSON path when there is one)."""
        from tutor.i18n.catalogue import t

        reason = t(self.key, lang, **self.values)
        return one_line(t("report.at", lang, where=self.where, reason=reason) if self.where else reason)

    def located(self, path: str, lang: str) -> str:
        """`PATH[:LINE[:COL]]: reason`, one line: how `tutor report` names a skipped file."""
        place = one_line(path)
        if self.line is not None:
            place += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        return f"{place}: {self.reason(lang)}"


def one_line(text: str) -> str:
    """`text` safe to print on one line of a terminal: controls and line breaks shown as U+FFFD."""
    return _LINE_BREAKS.sub(REPLACEMENT, clean_text(text))


def _shown(value: object) -> str:
    """A bad value as a message quotes it: short, one line, never a container's whole content."""
    if isinstance(value, (dict, list)):
        return "{…}" if isinstance(value, dict) else "[…]"
    try:
        text = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else f"{str(value)[:12]}…"
    except ValueError:  # an integer beyond Python's 4,300 digits for str()
        text = "…"
    return one_line(text if len(text) <= 40 else text[:39] + "…")


@dataclass(frozen=True)
class Answer:
    """What the class report needs of one answer, and what item analysis needs of its attempt.

    The attempt's settings (bank, mode, kind, state, start) are "" when the export does not give
    them; they do not take part in comparisons, so two copies of one answer are still one answer.
    """

    learner: str
    attempt: str
    question_id: str
    topic: str
    correct: bool
    earned: float
    max_points: float
    bank: str = field(default="", compare=False)
    mode: str = field(default="", compare=False)
    kind: str = field(default="", compare=False)
    state: str = field(default="", compare=False)
    started_at: str = field(default="", compare=False)


def read_export(path: Path, limit: int = EXPORT_LIMIT) -> list[Answer]:
    """The answers of one export file (CSV or JSON, told apart by content); raises ExportError.

    Only a regular file of at most `limit` bytes is read (a FIFO or /dev/zero is refused, never waited on).
    """
    try:
        data = read_input(path, limit)
    except InputRefused as error:
        raise ExportError(error.key, megabytes=limit // 1_000_000) from error
    except OSError as error:
        raise ExportError("report.cannot_read", reason=error.strerror or str(error)) from error
    try:
        text = data.decode("utf-8-sig")  # a spreadsheet may have added a BOM
    except UnicodeDecodeError as error:
        raise ExportError("report.not_utf8", byte=error.start) from error
    if not text.strip():
        raise ExportError("report.empty")
    return parse_json(text) if text.lstrip().startswith(("{", "[")) else parse_csv(text)


def parse_csv(text: str) -> list[Answer]:
    """Answers of a CSV export; extra columns are ignored, missing required ones are an error.

    Every row must name the same learner: one export is one learner's answers.
    """
    reader = csv.DictReader(io.StringIO(text, newline=""))
    answers: list[Answer] = []
    first: tuple[str, int] | None = None  # the file's learner and the line that named it
    try:
        columns = reader.fieldnames or []
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise ExportError("report.missing_columns", line=1, columns=", ".join(missing))
        for row in reader:
            line = reader.line_num
            if None in row or any(row.get(c) is None for c in REQUIRED_COLUMNS):
                raise ExportError("report.column_count", line=line, count=len(columns))
            # The names were made formula-safe on export (csv_cell): read them back as they were.
            fields = row | {name: csv_text(row[name]) for name in _CSV_NAMES if row.get(name) is not None}
            answer = _answer(fields, fields["learner"], fields["attempt"], fields, line=line)
            if first is None:
                first = (answer.learner, line)
            elif answer.learner != first[0]:
                raise ExportError("report.mixed_learners", line=line, learner=answer.learner, first=first[0],
                                  first_line=str(first[1]))
            answers.append(answer)
    except csv.Error as error:
        raise ExportError("report.broken_csv", line=reader.line_num, reason=str(error)) from error
    return answers


def parse_json(text: str) -> list[Answer]:
    """Answers of a JSON export (format "tutor-export", version 1)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportError("report.broken_json", line=error.lineno, column=error.colno, reason=error.msg) from error
    except RecursionError as error:  # e.g. [[[[…]]]] 200,000 deep
        raise ExportError("report.too_deep") from error
    except ValueError as error:  # e.g. an integer of more digits than Python converts (4,300)
        raise ExportError("report.bad_json", reason=str(error).split(";")[0]) from error
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ExportError("report.not_export", format=EXPORT_FORMAT)
    version = document.get("version")
    # bool is an int in Python: "version": true must not pass for 1.
    if type(version) is not int or not 1 <= version <= EXPORT_VERSION:
        raise ExportError("report.version", version=_shown(version), supported=EXPORT_VERSION)
    learner, attempts = document.get("learner"), document.get("attempts")
    if not isinstance(attempts, list):
        raise ExportError("report.attempts_not_list")
    answers = []
    for index, attempt in enumerate(attempts):
        where = f"attempts[{index}]"
        if not isinstance(attempt, dict) or not isinstance(attempt.get("answers"), list):
            raise ExportError("report.not_attempt", where=where)
        for number, answer in enumerate(attempt["answers"]):
            if not isinstance(answer, dict):
                raise ExportError("report.not_object", where=f"{where}.answers[{number}]")
            answers.append(_answer(answer, learner, attempt.get("uuid"), attempt, where=f"{where}.answers[{number}]"))
    return answers


def _answer(fields: dict[str, Any], learner: Any, attempt: Any, settings: dict[str, Any], *, line: int | None = None,
            where: str | None = None) -> Answer:
    """One answer checked: one-line names and ids without controls, points within 0 ≤ earned ≤ max_points.

    `settings` holds the attempt's bank, mode, kind, state and start (the CSV row, or the JSON attempt).
    They are optional: one that is absent or not text is unknown (""). The bank and the mode are shown
    (`tutor report --items` heads a test with them), so they are refused with a control or a line break
    like the names; the others are only compared.
    """
    texts = []
    for name, value in (("learner", learner), ("attempt", attempt), ("question_id", fields.get("question_id")),
                        ("topic", fields.get("topic"))):
        if not isinstance(value, str) or not value.strip():
            raise ExportError("report.missing_field", line=line, where=where, field=name)
        bad = CONTROL_PATTERN.search(value) or _LINE_BREAKS.search(value)
        if bad:
            raise ExportError("report.control", line=line, where=where, field=name,
                              code=f"U+{ord(bad.group()):04X}")
        texts.append(clean_text(value))  # a no-op after the check above; kept as the boundary's guarantee
    correct = fields.get("correct")
    if isinstance(correct, str) and correct.strip().lower() in ("1", "0", "true", "false"):
        correct = correct.strip().lower() in ("1", "true")
    if not isinstance(correct, bool):
        raise ExportError("report.bad_correct", line=line, where=where, value=_shown(correct))
    points = []
    for name in ("earned", "max_points"):
        value = fields.get(name)
        try:
            number = float(value) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else math.nan
        except (ValueError, OverflowError):  # OverflowError: an integer beyond any float (10**400)
            number = math.nan
        if not math.isfinite(number) or number < 0:
            raise ExportError("report.bad_points", line=line, where=where, field=name, value=_shown(value))
        points.append(number)
    earned, max_points = points
    if max_points > MAX_POINTS:
        raise ExportError("report.max_points", line=line, where=where, value=max_points, limit=MAX_POINTS)
    if earned > max_points + 1e-9:
        raise ExportError("report.earned_above", line=line, where=where, earned=earned, max_points=max_points)
    about: dict[str, str] = {}
    for name in _ATTEMPT_SETTINGS:
        value = settings.get(name)
        if not isinstance(value, str):
            value = ""
        bad = CONTROL_PATTERN.search(value) or _LINE_BREAKS.search(value)
        if bad and name in ("bank", "mode"):
            raise ExportError("report.control", line=line, where=where, field=name, code=f"U+{ord(bad.group()):04X}")
        about[name] = value.strip()
    learner_text, attempt_text, question_id, topic = texts
    return Answer(learner_text.strip(), attempt_text, question_id, topic, correct, earned, max_points, **about)


def export_files(paths: Sequence[Path], lang: str = "en") -> tuple[list[Path], list[str]]:
    """The files to report on (directories searched recursively for *.csv and *.json), and problems."""
    from tutor.i18n.catalogue import t

    files: list[Path] = []
    problems = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".csv", ".json") and p.is_file())
            if not found:
                problems.append(t("report.no_exports_in_dir", lang, path=one_line(str(path))))
            files += found
        elif path.exists():
            files.append(path)
        else:
            problems.append(t("cli.report.missing", lang, path=one_line(str(path))))
    seen: set[Path] = set()
    unique = []
    for file in files:  # a file named and also inside a named directory is read once
        if file.resolve() not in seen:
            seen.add(file.resolve())
            unique.append(file)
    return unique, problems


# -- several exports of one class ----------------------------------------------------------------


@dataclass(frozen=True)
class Clash:
    """Two exports that disagree: `key` names the case in the catalogue, `values` fill it in."""

    key: str
    values: dict[str, str]

    def text(self, lang: str) -> str:
        """The warning in `lang`, one line."""
        from tutor.i18n.catalogue import t

        return one_line(t(self.key, lang, **self.values))


def merge_exports(exports: Iterable[tuple[str, list[Answer]]]) -> tuple[list[Answer], list[Clash]]:
    """The answers of many exports (name, answers), each counted once, and where exports disagree.

    Two exports of one learner (a CSV and a JSON, or an old and a new export) are merged: an answer
    is keyed by (learner, attempt uuid, question id) and kept once. When two files give one key
    different scores, the first file read is kept and the clash reported. An attempt uuid claimed by
    two learners is reported too: it means an export was copied under another name. Nothing in an
    export proves who wrote it; these checks only make a copy or a forgery visible.
    """
    kept: dict[tuple[str, str, str], tuple[Answer, str]] = {}
    owner: dict[str, tuple[str, str]] = {}  # attempt uuid → (learner, file)
    clashes: list[Clash] = []
    reported: set[tuple[str, ...]] = set()
    for name, answers in exports:
        for answer in answers:
            key = (answer.learner, answer.attempt, answer.question_id)
            earlier = kept.get(key)
            if earlier is None:
                kept[key] = (answer, name)
            elif earlier[0] != answer and earlier[1] != name and ("score", *key, name) not in reported:
                reported.add(("score", *key, name))
                clashes.append(Clash("report.clash_score", {
                    "path": name, "other": earlier[1], "learner": answer.learner, "attempt": answer.attempt,
                    "question": answer.question_id}))
            first = owner.setdefault(answer.attempt, (answer.learner, name))
            if first[0] != answer.learner and ("owner", answer.attempt, answer.learner) not in reported:
                reported.add(("owner", answer.attempt, answer.learner))
                clashes.append(Clash("report.clash_learner", {
                    "path": name, "other": first[1], "learner": answer.learner, "first": first[0],
                    "attempt": answer.attempt}))
    return [answer for answer, _ in kept.values()], clashes


# -- the class report ----------------------------------------------------------------------------


@dataclass
class Tally:
    """Answers, fully right answers and points of a group of answers."""

    answers: int = 0
    correct: int = 0
    earned: float = 0.0
    max_points: float = 0.0
    attempts: set[str] = field(default_factory=set)

    def add(self, answer: Answer) -> None:
        """Count one answer in."""
        self.answers += 1
        self.correct += answer.correct
        self.earned += answer.earned
        self.max_points += answer.max_points
        self.attempts.add(answer.attempt)

    @property
    def percent(self) -> float | None:
        """Share of the points earned, in percent (None without points)."""
        return 100.0 * self.earned / self.max_points if self.max_points > 0 else None

    @property
    def success(self) -> float:
        """Share of the answers fully right, in percent."""
        return 100.0 * self.correct / self.answers if self.answers else 0.0


@dataclass
class ClassReport:
    """Scores of every learner per topic, per-question success and activity per learner.

    An attempt counts for a learner when it holds at least one answer (CSV exports carry no
    attempt without answers, so this keeps CSV and JSON exports of one learner in agreement).
    """

    learners: list[str]
    topics: list[str]
    by_learner_topic: dict[tuple[str, str], Tally]
    by_learner: dict[str, Tally]
    questions: list[tuple[str, str, Tally]]  # (question id, topic, tally), hardest first
    answers: int


def class_report(answers: Iterable[Answer]) -> ClassReport:
    """Aggregate answers (duplicates across overlapping exports counted once)."""
    unique: dict[tuple[str, str, str], Answer] = {}
    for answer in answers:  # the first of two copies is kept, as `merge_exports` keeps it
        unique.setdefault((answer.learner, answer.attempt, answer.question_id), answer)
    by_learner_topic: dict[tuple[str, str], Tally] = {}
    by_learner: dict[str, Tally] = {}
    by_question: dict[str, Tally] = {}
    topic_of: dict[str, str] = {}
    for answer in unique.values():
        by_learner_topic.setdefault((answer.learner, answer.topic), Tally()).add(answer)
        by_learner.setdefault(answer.learner, Tally()).add(answer)
        by_question.setdefault(answer.question_id, Tally()).add(answer)
        topic_of[answer.question_id] = answer.topic
    questions = sorted(
        ((qid, topic_of[qid], tally) for qid, tally in by_question.items()),
        key=lambda item: (item[2].success, -item[2].answers, item[0]),
    )
    return ClassReport(
        learners=sorted(by_learner, key=str.casefold),
        topics=sorted({a.topic for a in unique.values()}, key=_topic_order),
        by_learner_topic=by_learner_topic, by_learner=by_learner, questions=questions, answers=len(unique),
    )


def _topic_order(topic: str) -> tuple[int, str]:
    # The course's topics in course order, any other (an instructor's own bank) after them.
    return (TOPICS.index(topic) if topic in TOPICS else len(TOPICS), topic)
