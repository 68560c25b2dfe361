"""Exports of a learner's quiz answers (CSV, JSON) and the class report built from many of them.

An export has one row per answer (CSV) or one object per attempt holding its answers (JSON);
times are ISO 8601 in UTC. The report reads any mix of both, skips what it cannot read (with the
reason) and counts each answer once even when two exports of one learner overlap: answers are
keyed by (learner, attempt uuid, question id).
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tutor.core.store_quiz import AttemptRow
from tutor.quiz.model import TOPICS

EXPORT_FORMAT = "tutor-export"
EXPORT_VERSION = 1
CSV_COLUMNS: tuple[str, ...] = (
    "learner", "module", "bank", "attempt", "kind", "mode", "lang", "state", "question_id", "topic",
    "answer", "correct", "credit", "earned", "max_points", "hints", "seconds", "started_at", "answered_at",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("learner", "attempt", "question_id", "topic", "correct", "earned", "max_points")


class ExportError(ValueError):
    """A file that is not a readable export; the message is the reason."""


def iso(timestamp: float | None) -> str | None:
    """A POSIX time as ISO 8601 UTC text (e.g. 2025-01-31T09:05:00Z), None stays None."""
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


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


def export_csv(learner: str, attempts: Iterable[AttemptRow]) -> str:
    """The CSV export (header always present, even with no answer)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(export_rows(learner, attempts))
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


@dataclass(frozen=True)
class Answer:
    """What the class report needs of one answer."""

    learner: str
    attempt: str
    question_id: str
    topic: str
    correct: bool
    earned: float
    max_points: float


def read_export(path: Path) -> list[Answer]:
    """The answers of one export file (CSV or JSON, told apart by content); raises ExportError."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExportError(f"cannot read: {error.strerror or error}") from error
    try:
        text = data.decode("utf-8-sig")  # a spreadsheet may have added a BOM
    except UnicodeDecodeError as error:
        raise ExportError(f"not UTF-8 text (byte {error.start})") from error
    if not text.strip():
        raise ExportError("empty file")
    return parse_json(text) if text.lstrip().startswith(("{", "[")) else parse_csv(text)


def parse_csv(text: str) -> list[Answer]:
    """Answers of a CSV export; extra columns are ignored, missing required ones are an error."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = reader.fieldnames or []
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ExportError("not a tutor export: missing column(s) " + ", ".join(missing))
    answers = []
    try:
        for row in reader:
            if None in row or any(row.get(c) is None for c in REQUIRED_COLUMNS):
                raise ExportError(f"line {reader.line_num}: {len(columns)} columns expected")
            answers.append(_answer(row, row["learner"], row["attempt"], f"line {reader.line_num}"))
    except csv.Error as error:
        raise ExportError(f"line {reader.line_num}: {error}") from error
    return answers


def parse_json(text: str) -> list[Answer]:
    """Answers of a JSON export (format "tutor-export", version 1)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportError(f"broken JSON (line {error.lineno}, column {error.colno}: {error.msg})") from error
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ExportError(f'not a tutor export (no "format": "{EXPORT_FORMAT}")')
    version = document.get("version")
    if not isinstance(version, int) or version > EXPORT_VERSION:
        raise ExportError(f"export version {version!r} is not supported (this tutor reads {EXPORT_VERSION})")
    learner, attempts = document.get("learner"), document.get("attempts")
    if not isinstance(attempts, list):
        raise ExportError('"attempts" is not a list')
    answers = []
    for index, attempt in enumerate(attempts):
        where = f"attempts[{index}]"
        if not isinstance(attempt, dict) or not isinstance(attempt.get("answers"), list):
            raise ExportError(f'{where}: not an attempt with a list of "answers"')
        for number, answer in enumerate(attempt["answers"]):
            if not isinstance(answer, dict):
                raise ExportError(f"{where}.answers[{number}]: not an object")
            answers.append(_answer(answer, learner, attempt.get("uuid"), f"{where}.answers[{number}]"))
    return answers


def _answer(fields: dict[str, Any], learner: Any, attempt: Any, where: str) -> Answer:
    for name, value in (("learner", learner), ("attempt", attempt), ("question_id", fields.get("question_id")),
                        ("topic", fields.get("topic"))):
        if not isinstance(value, str) or not value.strip():
            raise ExportError(f"{where}: {name} is missing or empty")
    correct = fields.get("correct")
    if isinstance(correct, str) and correct.strip().lower() in ("1", "0", "true", "false"):
        correct = correct.strip().lower() in ("1", "true")
    if not isinstance(correct, bool):
        raise ExportError(f"{where}: correct is {correct!r}, not 1/0 or true/false")
    points = []
    for name in ("earned", "max_points"):
        value = fields.get(name)
        try:
            number = float(value) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else math.nan
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or number < 0:
            raise ExportError(f"{where}: {name} is {value!r}, not a number of points")
        points.append(number)
    return Answer(learner.strip(), attempt, fields["question_id"], fields["topic"], correct, points[0], points[1])


def export_files(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The files to report on (directories searched recursively for *.csv and *.json), and problems."""
    files: list[Path] = []
    problems = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".csv", ".json") and p.is_file())
            if not found:
                problems.append(f"{path}: no .csv or .json file in this directory")
            files += found
        elif path.exists():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or directory")
    seen: set[Path] = set()
    unique = []
    for file in files:  # a file named and also inside a named directory is read once
        if file.resolve() not in seen:
            seen.add(file.resolve())
            unique.append(file)
    return unique, problems


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
    unique = {(a.learner, a.attempt, a.question_id): a for a in answers}
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
