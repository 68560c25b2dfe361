"""Spaced review of missed questions, scheduled by FSRS (the `fsrs` package, version 6).

A question enters the review queue when it was answered wrong, or right only with hints; each
later answer to it (in a review session or an ordinary quiz) moves its card along. Quiz outcomes
map to FSRS ratings as follows:

    =====================================  ===========
    outcome                                rating
    =====================================  ===========
    wrong (no credit at all)               Again
    partly right (some credit, not full)   Hard
    right, but after taking hints          Hard
    right without hints                    Good
    =====================================  ===========

`Easy` is never inferred from a quiz answer (a right answer may still be a lucky guess); a review
screen may offer it to the learner explicitly through `Store.schedule_review`.

FSRS 6 requires timezone-aware UTC datetimes; `as_utc` converts any aware datetime to that.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler


def card_id_for(question_id: str) -> int:
    """A stable, positive 63-bit card id for a question id (same id on every machine)."""
    digest = hashlib.sha256(question_id.encode("utf-8")).digest()
    # 63 bits keep it positive in SQLite's and JSON's signed 64-bit integers.
    return int.from_bytes(digest[:8], "big") & (2**63 - 1) or 1


def as_utc(moment: datetime | None) -> datetime:
    """`moment` (now when None) as an aware UTC datetime; a naive datetime is refused (ValueError)."""
    if moment is None:
        return datetime.now(UTC)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("review times must be timezone-aware (e.g. datetime.now(timezone.utc))")
    return moment.astimezone(UTC)


def make_scheduler(fuzz: bool = True) -> Scheduler:
    """An FSRS scheduler with the default parameters; `fuzz=False` makes intervals reproducible."""
    return Scheduler(enable_fuzzing=fuzz)


def new_card(question_id: str, now: datetime | None = None) -> Card:
    """A fresh card for `question_id`, due at `now`."""
    return Card(card_id=card_id_for(question_id), due=as_utc(now))


def rating_for(correct: bool, credit: float, hints_used: int) -> Rating:
    """The FSRS rating of a quiz answer (see the table in the module docstring)."""
    if not correct:
        return Rating.Hard if credit > 0 else Rating.Again
    return Rating.Hard if hints_used > 0 else Rating.Good


def needs_review(correct: bool, hints_used: int) -> bool:
    """Whether an answer puts its question in the review queue: wrong, or right only with hints."""
    return not correct or hints_used > 0


def review(card: Card | None, question_id: str, rating: int, now: datetime | None, scheduler: Scheduler) -> Card:
    """The card after rating it `rating` (1 Again … 4 Easy) at `now`; a new card when `card` is None."""
    moment = as_utc(now)
    current = card if card is not None else new_card(question_id, moment)
    updated, _log = scheduler.review_card(current, Rating(int(rating)), review_datetime=moment)
    return updated


def card_to_json(card: Card) -> str:
    """The card as JSON text (fsrs's own dictionary form)."""
    return json.dumps(card.to_dict(), separators=(",", ":"))


def card_from_json(text: str) -> Card:
    """A card back from `card_to_json`."""
    return Card.from_dict(json.loads(text))
