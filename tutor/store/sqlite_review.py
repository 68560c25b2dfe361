"""Review cards and saved simulator configurations in the progress store (schema version 3).

A review card holds the FSRS state of one question as JSON, with its due time in its own indexed
column, so "how many are due" is one index lookup and never loads `fsrs` (which the home screen
would otherwise pay for at start-up). `fsrs` is imported only when a card is rated.
"""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC
from typing import TYPE_CHECKING, Any

from tutor.store.records import SavedConfig
from tutor.store.sqlite_base import StoreBase, to_json

if TYPE_CHECKING:
    from datetime import datetime

    from fsrs import Card, Scheduler


def _timestamp(now: datetime | None) -> float:
    if now is None:
        return time.time()
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("review times must be timezone-aware (e.g. datetime.now(timezone.utc))")
    return now.timestamp()


class ReviewStoreMixin(StoreBase):
    """Spaced-review cards and saved configurations."""

    review_fuzz: bool = True  # tests turn it off for reproducible intervals
    _scheduler: Scheduler | None = None

    def _review_scheduler(self) -> Scheduler:
        from tutor.store.review import make_scheduler

        if self._scheduler is None or self._scheduler.enable_fuzzing != self.review_fuzz:
            self._scheduler = make_scheduler(self.review_fuzz)
        return self._scheduler

    def schedule_review(
        self, question_id: str, rating: int, now: datetime | None = None, *, module: str | None = None,
    ) -> datetime:
        """Rate the question's card (1 Again, 2 Hard, 3 Good, 4 Easy) at `now`; return when it is due next.

        The card is created on its first rating. Its module (for `reset_module`) is `module`, else
        the module of the latest attempt that answered the question.
        """
        from tutor.store import review

        moment = review.as_utc(now)
        scheduler = self._review_scheduler()

        def work(db: sqlite3.Connection) -> datetime:
            row = db.execute("SELECT card, module FROM review_cards WHERE question_id = ?", (question_id,)).fetchone()
            stored = _stored_card(row[0]) if row else None
            try:
                card = review.review(stored, question_id, rating, moment, scheduler)
            except _CARD_ERRORS:
                if stored is None:
                    raise  # a bad rating, not a bad card
                # A card that reads but cannot be scheduled (a naive date, a nonsense step): start it over.
                card = review.review(None, question_id, rating, moment, scheduler)
            stored_module = row[1] if row and isinstance(row[1], str) else None
            owner = module or stored_module or _module_of(db, question_id)
            db.execute(
                "INSERT INTO review_cards (question_id, module, card, due, reviews, updated_at)"
                " VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT(question_id) DO UPDATE SET module = excluded.module,"
                " card = excluded.card, due = excluded.due, reviews = reviews + 1, updated_at = excluded.updated_at",
                (question_id, owner, review.card_to_json(card), card.due.timestamp(), time.time()),
            )
            return card.due

        return self._write(work)

    def after_answer(
        self, question_id: str, correct: bool, credit: float, hints: int, now: datetime | None = None,
    ) -> datetime | None:
        """Schedule a review after a quiz answer when it calls for one; return the next due time or None.

        A wrong answer, or a right one that needed hints, puts the question in the queue; any answer
        to a question already in the queue moves its card along (a good answer pushes it back).
        """
        from tutor.store.review import needs_review, rating_for

        if not (needs_review(correct, hints) or self.has_review(question_id)):
            return None
        return self.schedule_review(question_id, int(rating_for(correct, credit, hints)), now)

    def has_review(self, question_id: str) -> bool:
        """Whether the question has a review card."""
        row = self._db.execute("SELECT 1 FROM review_cards WHERE question_id = ?", (question_id,)).fetchone()
        return row is not None

    def review_due(self, now: datetime | None = None) -> list[str]:
        """Ids of the questions due for review at `now`, soonest due first."""
        rows = self._db.execute(
            "SELECT question_id FROM review_cards WHERE due <= ? ORDER BY due, question_id", (_timestamp(now),)
        )
        return [row[0] for row in rows]

    def review_counts(self, now: datetime | None = None) -> tuple[int, int]:
        """(cards due at `now`, cards in all)."""
        due, total = self._db.execute(
            "SELECT COALESCE(SUM(due <= ?), 0), COUNT(*) FROM review_cards", (_timestamp(now),)
        ).fetchone()
        return int(due), int(total)

    def review_due_at(self, question_id: str) -> datetime | None:
        """When the question's card is due, or None without a card."""
        from datetime import datetime

        row = self._db.execute("SELECT due FROM review_cards WHERE question_id = ?", (question_id,)).fetchone()
        if row is None or not isinstance(row[0], (int, float)):
            return None  # no card, or a damaged one (it starts over at its next rating)
        try:
            return datetime.fromtimestamp(row[0], UTC)
        except (OverflowError, OSError, ValueError):
            return None

    # -- saved simulator configurations ---------------------------------------------------------

    def save_config(self, name: str, kind: str, data: dict[str, Any]) -> None:
        """Save (or replace) the configuration `name` of simulator `kind`."""
        self._write(lambda db: db.execute(
            "INSERT INTO saved_configs (name, kind, data, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT(name)"
            " DO UPDATE SET kind = excluded.kind, data = excluded.data, saved_at = excluded.saved_at",
            (name, kind, to_json(data), time.time()),
        ))

    def saved_configs(self, kind: str | None = None) -> list[SavedConfig]:
        """Saved configurations (of `kind`, or all), most recently saved first."""
        sql = "SELECT name, kind, data, saved_at FROM saved_configs"
        sql += " WHERE kind = ?" if kind is not None else ""
        rows = self._db.execute(sql + " ORDER BY saved_at DESC, name", (kind,) if kind is not None else ())
        configs = []
        for name, saved_kind, text, saved_at in rows:
            try:
                data = json.loads(text)
            except (TypeError, ValueError, RecursionError):
                continue  # a damaged row is skipped, the others are still offered
            if isinstance(data, dict) and isinstance(name, str) and isinstance(saved_kind, str):
                configs.append(SavedConfig(name, saved_kind, data, saved_at))
        return configs

    def delete_config(self, name: str) -> bool:
        """Delete the configuration `name`; False when there was none."""
        return self._write(lambda db: db.execute("DELETE FROM saved_configs WHERE name = ?", (name,)).rowcount > 0)


# What a damaged card gives when read or scheduled (fsrs builds it from whatever the dict holds).
_CARD_ERRORS = (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError, RecursionError)


def _stored_card(text: object) -> Card | None:
    """The stored card, or None when it cannot be read (then it starts over rather than block the answer)."""
    from tutor.store import review

    if not isinstance(text, (str, bytes)):
        return None
    try:
        return review.card_from_json(text)  # type: ignore[arg-type]  # text checked non-empty above
    except _CARD_ERRORS:
        return None


def _module_of(db: sqlite3.Connection, question_id: str) -> str:
    row = db.execute(
        "SELECT attempts.module FROM answers JOIN attempts ON attempts.id = answers.attempt_id"
        " WHERE answers.question_id = ? ORDER BY answers.answered_at DESC LIMIT 1",
        (question_id,),
    ).fetchone()
    return row[0] if row else ""
