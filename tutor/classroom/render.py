"""The class view for scripts: `tutor class DIR --json` and `--format csv`, the same data as the dashboard.

JSON (`"format": "tutor-class-view"`, version 1): `learners` (each with their mastery per topic),
`topics` (the class per topic), `running` (open quizzes and exams), `questions` (hardest first),
`problems` (files not shown, with why) and `setup` (what is wrong with the directory). Shares are
fractions (0.75), times ISO 8601 UTC, durations seconds; undefined values are null.

CSV: one table in long form, its first column `section` saying what a row is — `mastery` (a learner
in a topic), `topic` (the class in a topic), `running`, `question`, `problem`, `setup` — and the
columns a section does not use left empty, so `section == "question"` filters one table out.
Numbers are written for machines (a dot, no grouping); text cells are made formula-safe.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from tutor.classroom.model import ClassView
from tutor.quiz.results import csv_cell, iso

__all__ = ["CSV_COLUMNS", "VIEW_FORMAT", "view_csv", "view_document"]

VIEW_FORMAT = "tutor-class-view"
CSV_COLUMNS = (
    "section", "login", "name", "topic", "question_id", "bank", "mode", "earned", "max_points", "answers", "learners",
    "share", "discrimination", "flags", "reached", "total", "time_left", "last_activity", "updated", "file", "reason",
)
_TEXT = frozenset({"login", "name", "topic", "question_id", "bank", "mode", "flags", "file", "reason"})


def _share(earned: float, max_points: float) -> float | None:
    return earned / max_points if max_points > 0 else None


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def view_document(view: ClassView, lang: str) -> dict[str, Any]:
    """The view as JSON-ready data (messages in `lang`)."""
    return {
        "format": VIEW_FORMAT, "version": 1, "directory": view.directory, "generated": iso(view.generated),
        "learners": [{
            "login": r.login, "name": r.name, "lang": r.lang, "updated": iso(r.updated),
            "topics": {topic: {"earned": s.earned, "max_points": s.max_points, "answers": s.answers,
                               "mastery": _round(s.mastery)} for topic, s in r.topics.items()},
            "attempts": len(r.attempts), "running": len(r.open_attempts),
        } for r in view.learners],
        "topics": [{"topic": row.topic, "earned": row.earned, "max_points": row.max_points, "answers": row.answers,
                    "learners": row.learners, "mastery": _round(row.mastery)} for row in view.class_topics],
        "running": [{"login": r.login, "name": r.name, "bank": r.bank, "mode": r.mode, "kind": r.kind,
                     "reached": r.reached, "total": r.total, "answered": r.answered, "time_limit": r.time_limit,
                     "time_left": _round(r.time_left, 1), "last_activity": iso(r.last_activity),
                     "idle": round(r.idle, 1)} for r in view.running],
        "questions": [{"question_id": q.question_id, "topic": q.topic, "bank": q.bank, "answers": q.answers,
                       "learners": q.learners, "facility": _round(q.facility),
                       "discrimination": _round(q.discrimination), "flags": list(q.flags)} for q in view.questions],
        "problems": [{"file": p.file, "reason": p.notice.text(lang)} for p in view.problems],
        "setup": [notice.text(lang) for notice in view.setup],
    }


def _rows(view: ClassView, lang: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for record in view.learners:
        for topic in view.topics:
            score = record.topics.get(topic)
            if score is not None:
                rows.append({"section": "mastery", "login": record.login, "name": record.name, "topic": topic,
                             "earned": score.earned, "max_points": score.max_points, "answers": score.answers,
                             "share": _round(score.mastery), "updated": iso(record.updated)})
    for row in view.class_topics:
        rows.append({"section": "topic", "topic": row.topic, "earned": row.earned, "max_points": row.max_points,
                     "answers": row.answers, "learners": row.learners, "share": _round(row.mastery)})
    for running in view.running:
        rows.append({"section": "running", "login": running.login, "name": running.name, "bank": running.bank,
                     "mode": running.mode, "answers": running.answered, "reached": running.reached,
                     "total": running.total, "time_left": _round(running.time_left, 1),
                     "last_activity": iso(running.last_activity)})
    for question in view.questions:
        rows.append({"section": "question", "question_id": question.question_id, "topic": question.topic,
                     "bank": question.bank, "answers": question.answers, "learners": question.learners,
                     "share": _round(question.facility), "discrimination": _round(question.discrimination),
                     "flags": " ".join(question.flags)})
    rows += [{"section": "problem", "file": p.file, "reason": p.notice.text(lang)} for p in view.problems]
    rows += [{"section": "setup", "reason": notice.text(lang)} for notice in view.setup]
    return rows


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name in _TEXT:
        return csv_cell(str(value))
    if isinstance(value, float):
        text = repr(round(value, 4))
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def view_csv(view: ClassView, lang: str) -> str:
    """The view as one long CSV table (see the module's docstring)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in _rows(view, lang):
        writer.writerow([_cell(name, row.get(name)) for name in CSV_COLUMNS])
    return buffer.getvalue()
