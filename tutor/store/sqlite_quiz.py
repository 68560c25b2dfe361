"""Quiz attempts in the progress store: each answer is committed the moment it is given.

An attempt is stored with everything needed to rebuild it (bank, seed, settings, question ids,
generated ids included), so an interrupted quiz resumes with the same questions, the answers
already given, the hints already paid for and the clock where it stopped.
"""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from tutor.store.records import ATTEMPT_STATES, AnswerRow, AttemptRow, QuestionStat, TopicMastery
from tutor.store.sqlite_base import StoreBase, to_json

_ATTEMPT_COLUMNS = (
    "id, uuid, bank, module, kind, mode, lang, seed, settings, question_ids, time_limit, pass_mark,"
    " started_at, ended_at, elapsed, state"
)
_ANSWER_COLUMNS = "question_id, topic, answer, earned, max_points, credit, correct, hints, seconds, answered_at"


class QuizStoreMixin(StoreBase):
    """Attempts, answers and hints (schema version 2)."""

    def start_attempt(
        self, *, bank: str, module: str, kind: str, mode: str, lang: str, seed: int, settings: dict[str, Any],
        question_ids: list[str], time_limit: float | None, pass_mark: float,
    ) -> int:
        """Record a new open attempt and return its id (a uuid4 also names it in exports)."""
        import uuid  # only when a quiz starts: keeps it off the start-up path

        values = (
            str(uuid.uuid4()), bank, module, kind, mode, lang, int(seed), to_json(settings),
            to_json(list(question_ids)), time_limit, float(pass_mark), time.time(),
        )

        def work(db: sqlite3.Connection) -> int:
            cursor = db.execute(
                "INSERT INTO attempts (uuid, bank, module, kind, mode, lang, seed, settings, question_ids,"
                " time_limit, pass_mark, started_at, elapsed, state)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'open')",
                values,
            )
            return int(cursor.lastrowid or 0)

        return self._write(work)

    def record_answer(
        self, attempt_id: int, *, question_id: str, topic: str, answer: object, earned: float,
        max_points: float, credit: float, correct: bool, hints: int, seconds: float,
    ) -> None:
        """Record an answer, committed before returning; a second answer to the same question is ignored.

        `answer` must be JSON-able (str, bool, number, list, dict); raises TypeError otherwise.
        """
        values = (
            attempt_id, question_id, topic, to_json(answer), float(earned), float(max_points),
            float(credit), int(bool(correct)), int(hints), float(seconds), time.time(),
        )

        def work(db: sqlite3.Connection) -> None:
            db.execute(
                f"INSERT OR IGNORE INTO answers (attempt_id, {_ANSWER_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            if hints > 0:
                _upsert_hints(db, attempt_id, question_id, int(hints))

        self._write(work)

    def record_hints(self, attempt_id: int, question_id: str, hints: int) -> None:
        """Record hints taken before answering, so a resumed attempt still charges for them."""
        self._write(lambda db: _upsert_hints(db, attempt_id, question_id, int(hints)))

    def update_elapsed(self, attempt_id: int, elapsed: float) -> None:
        """Save the quiz clock of an open attempt (the UI calls this every few seconds)."""
        self._write(lambda db: db.execute(
            "UPDATE attempts SET elapsed = ? WHERE id = ? AND state = 'open'", (float(elapsed), attempt_id)
        ))

    def finish_attempt(self, attempt_id: int, elapsed: float, state: str = "finished") -> None:
        """Close an attempt as "finished" or "abandoned" with its final clock."""
        if state not in ATTEMPT_STATES[1:]:
            raise ValueError(f"an attempt ends as 'finished' or 'abandoned', not {state!r}")
        self._write(lambda db: db.execute(
            "UPDATE attempts SET state = ?, elapsed = ?, ended_at = ? WHERE id = ?",
            (state, float(elapsed), time.time(), attempt_id),
        ))

    def attempt(self, attempt_id: int) -> AttemptRow | None:
        """One attempt with its answers, or None when there is no such attempt."""
        rows = self._read(lambda db: _load(db, f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE id = ?", (attempt_id,)))
        return rows[0] if rows else None

    def attempts(self, limit: int | None = None, state: str | None = None) -> list[AttemptRow]:
        """Attempts, newest first; optionally only those in `state`, at most `limit` of them."""
        sql = f"SELECT {_ATTEMPT_COLUMNS} FROM attempts"
        params: list[Any] = []
        if state is not None:
            sql += " WHERE state = ?"
            params.append(state)
        sql += " ORDER BY started_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._read(lambda db: _load(db, sql, tuple(params)))

    def open_attempts(self) -> list[AttemptRow]:
        """Attempts not finished nor abandoned (resumable), newest first."""
        return self.attempts(state="open")

    def question_stats(self, module: str | None = None) -> list[QuestionStat]:
        """Per question: answers, fully right answers, last answer time; most often missed first.

        Every recorded answer counts, abandoned attempts included: each is evidence of what the
        learner knows. The topic is the one of the latest answer.
        """
        # With a single MAX() aggregate, SQLite takes the bare `topic` from the row holding the max.
        sql = (
            "SELECT question_id, topic, COUNT(*), SUM(correct), MAX(answered_at) FROM answers"
            + (" WHERE attempt_id IN (SELECT id FROM attempts WHERE module = ?)" if module else "")
            + " GROUP BY question_id"
        )
        rows = self._db.execute(sql, (module,) if module else ()).fetchall()
        stats = [
            QuestionStat(r[0], r[1], int(r[2]), int(r[3]), float(r[4]))
            for r in rows if _is_number(r[3]) and _is_number(r[4])  # a damaged row is left out, not a crash
        ]
        return sorted(stats, key=lambda s: (-s.missed, -s.attempts, -s.last_answered_at, s.question_id))

    def topic_mastery(self, module: str | None = None) -> dict[str, TopicMastery]:
        """Per topic: points earned, points available and number of answers, over every answer."""
        sql = (
            "SELECT topic, SUM(earned), SUM(max_points), COUNT(*) FROM answers"
            + (" WHERE attempt_id IN (SELECT id FROM attempts WHERE module = ?)" if module else "")
            + " GROUP BY topic ORDER BY topic"
        )
        rows = self._db.execute(sql, (module,) if module else ())
        return {r[0]: TopicMastery(float(r[1]), float(r[2]), int(r[3])) for r in rows
                if _is_number(r[1]) and _is_number(r[2])}


def _upsert_hints(db: sqlite3.Connection, attempt_id: int, question_id: str, hints: int) -> None:
    # Hints only ever go up: a late write from a slower window must not refund one.
    db.execute(
        "INSERT INTO attempt_hints (attempt_id, question_id, hints) VALUES (?, ?, ?) "
        "ON CONFLICT(attempt_id, question_id) DO UPDATE SET hints = MAX(hints, excluded.hints)",
        (attempt_id, question_id, hints),
    )


def _load(db: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[AttemptRow]:
    # A row that cannot be read back (JSON or a number damaged by hand or by another tool) is
    # skipped: one bad row must not hide every other attempt from the export, stats and resuming.
    result = []
    for row in db.execute(sql, params).fetchall():
        answers = [
            answer for answer in map(_answer_row, db.execute(
                f"SELECT {_ANSWER_COLUMNS} FROM answers WHERE attempt_id = ? ORDER BY answered_at, rowid", (row[0],)
            )) if answer is not None
        ]
        hint_rows = db.execute("SELECT question_id, hints FROM attempt_hints WHERE attempt_id = ?", (row[0],))
        hints = {question: count for question, count in hint_rows if isinstance(question, str) and _is_int(count)}
        attempt = _attempt_row(row, answers, hints)
        if attempt is not None:
            result.append(attempt)
    return result


def _attempt_row(row: tuple[Any, ...], answers: list[AnswerRow], hints: dict[str, int]) -> AttemptRow | None:
    settings, question_ids = _json(row[8]), _json(row[9])
    if not (
        isinstance(settings, dict) and isinstance(question_ids, list)
        and all(isinstance(item, str) for item in question_ids)
        and all(isinstance(value, str) for value in (row[1], row[2], row[3], row[4], row[5], row[6], row[15]))
        and _is_int(row[0]) and _is_int(row[7]) and all(_is_number(value) for value in (row[11], row[12], row[14]))
        and all(value is None or _is_number(value) for value in (row[10], row[13]))
    ):
        return None
    return AttemptRow(
        id=row[0], uuid=row[1], bank=row[2], module=row[3], kind=row[4], mode=row[5], lang=row[6],
        seed=row[7], settings=settings, question_ids=question_ids, time_limit=row[10],
        pass_mark=row[11], started_at=row[12], ended_at=row[13], elapsed=row[14], state=row[15],
        answers=answers, hints=hints,
    )


def _answer_row(a: tuple[Any, ...]) -> AnswerRow | None:
    answer = _json(a[2])
    if (
        answer is _BAD or not isinstance(a[0], str) or not isinstance(a[1], str) or not _is_int(a[7])
        or not all(_is_number(value) for value in (a[3], a[4], a[5], a[8], a[9]))
    ):
        return None
    return AnswerRow(a[0], a[1], answer, a[3], a[4], a[5], bool(a[6]), a[7], a[8], a[9])


_BAD = object()  # what `_json` gives for text that is not JSON (None is valid JSON: null)


def _json(text: object) -> Any:
    if not isinstance(text, (str, bytes)):
        return _BAD
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError, bad UTF-8 bytes, nesting too deep
        return _BAD


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
