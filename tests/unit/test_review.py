"""FSRS scheduling of review: ratings from quiz outcomes, stable card ids, reproducible intervals."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Rating, State
from hypothesis import given
from hypothesis import strategies as st

from tutor.store.review import (
    as_utc,
    card_from_json,
    card_id_for,
    card_to_json,
    make_scheduler,
    needs_review,
    new_card,
    rating_for,
    review,
)

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def test_card_ids_are_stable_positive_and_distinct() -> None:
    ids = {card_id_for(f"gen:f1-from-confusion:{seed}") for seed in range(2000)}
    assert len(ids) == 2000 and all(0 < i < 2**63 for i in ids)
    expected = int.from_bytes(hashlib.sha256(b"bert-1").digest()[:8], "big") & (2**63 - 1)
    assert card_id_for("bert-1") == card_id_for("bert-1") == expected


@pytest.mark.parametrize(
    ("correct", "credit", "hints", "rating", "queued"),
    [
        (False, 0.0, 0, Rating.Again, True),   # wrong
        (False, 0.0, 2, Rating.Again, True),   # wrong even with hints
        (False, 0.5, 0, Rating.Hard, True),    # partly right
        (True, 0.8, 1, Rating.Hard, True),     # right, but after a hint
        (True, 1.0, 0, Rating.Good, False),    # right without help
    ],
)
def test_quiz_outcomes_map_to_ratings(correct: bool, credit: float, hints: int, rating: Rating, queued: bool) -> None:
    assert rating_for(correct, credit, hints) == rating
    assert needs_review(correct, hints) is queued


def test_without_fuzz_the_intervals_are_the_fsrs_defaults() -> None:
    scheduler = make_scheduler(fuzz=False)
    assert scheduler.enable_fuzzing is False and make_scheduler().enable_fuzzing is True
    card = review(None, "q", Rating.Again, T0, scheduler)
    assert card.card_id == card_id_for("q") and card.state == State.Learning
    assert card.due - T0 == timedelta(minutes=1)  # first learning step
    card = review(card, "q", Rating.Good, card.due, scheduler)
    assert card.last_review is not None and card.due - card.last_review == timedelta(minutes=10)  # second learning step
    card = review(card, "q", Rating.Good, card.due, scheduler)
    assert card.last_review is not None and card.state == State.Review
    assert card.due - card.last_review >= timedelta(days=1)
    again = review(card, "q", Rating.Good, card.due, make_scheduler(fuzz=False))
    twice = review(card, "q", Rating.Good, card.due, make_scheduler(fuzz=False))
    assert again.due == twice.due and again.due > card.due


def test_cards_round_trip_through_json() -> None:
    card = review(new_card("q", T0), "q", Rating.Hard, T0, make_scheduler(False))
    back = card_from_json(card_to_json(card))
    assert back.to_dict() == card.to_dict() and back.due.tzinfo is not None


def test_times_must_be_timezone_aware() -> None:
    assert as_utc(None).tzinfo == UTC
    paris = timezone(timedelta(hours=1))
    assert as_utc(datetime(2025, 3, 1, 10, 0, tzinfo=paris)) == T0
    assert as_utc(datetime(2025, 3, 1, 10, 0, tzinfo=paris)).tzinfo == UTC
    with pytest.raises(ValueError, match="timezone-aware"):
        as_utc(datetime(2025, 3, 1))
    with pytest.raises(ValueError):
        review(None, "q", 7, T0, make_scheduler(False))  # no such rating


@given(st.lists(st.sampled_from([1, 2, 3, 4]), min_size=1, max_size=12))
def test_a_card_is_always_due_after_its_review(ratings: list[int]) -> None:
    scheduler = make_scheduler(fuzz=True)
    card, now = None, T0
    for rating in ratings:
        card = review(card, "q", rating, now, scheduler)
        assert card.due > now and card.last_review == now
        now = card.due
