"""Quiz attempts in the store: answers committed one by one, resume data, statistics, resets.

Every test runs on both backends (`open_test_store`, tests/pg_server.py): SQLite, and the class's
PostgreSQL database, where the server is also checked to hold the same rows at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tutor.store.records import TopicMastery
from tutor.store.sqlite import SQLiteStore


def start(store: SQLiteStore, module: str = "fine-tuning", **overrides: Any) -> int:
    fields: dict[str, Any] = dict(
        bank="fine-tuning", module=module, kind="quiz", mode="exam", lang="fr", seed=2**32 - 1,
        settings={"topics": ("bert", "gpt"), "count": 3, "difficulty": None},
        question_ids=["bert-1", "gen:f1-from-confusion:42", "gpt-2"], time_limit=600.0, pass_mark=70.0,
    )
    fields.update(overrides)
    return store.start_attempt(**fields)


def answer(store: SQLiteStore, attempt: int, question_id: str, *, topic: str = "bert", right: bool = True,
           earned: float | None = None, hints: int = 0, value: object = "a") -> None:
    points = 2.0
    got = earned if earned is not None else (points if right else 0.0)
    store.record_answer(
        attempt, question_id=question_id, topic=topic, answer=value, earned=got, max_points=points,
        credit=got / points, correct=right, hints=hints, seconds=4.5,
    )


Opener = Callable[[Path], SQLiteStore]


@pytest.fixture
def store(tmp_path: Path, open_test_store: Opener) -> Iterator[SQLiteStore]:
    yield open_test_store(tmp_path / "me.sqlite3")


def test_an_attempt_resumes_with_its_questions_answers_hints_and_clock(tmp_path: Path,
                                                                       open_test_store: Opener) -> None:
    path = tmp_path / "me.sqlite3"
    store = open_test_store(path)
    attempt = start(store)
    store.record_hints(attempt, "gpt-2", 1)
    answers: list[object] = [["b", "c"], {"left-1": "right-2"}, 3.25, True]
    store.record_answer(attempt, question_id="bert-1", topic="bert", answer=answers[0], earned=1.0, max_points=2.0,
                        credit=0.5, correct=False, hints=0, seconds=3.0)
    store.record_answer(attempt, question_id="gen:f1-from-confusion:42", topic="metrics", answer=answers[2],
                        earned=1.5, max_points=2.0, credit=1.0, correct=True, hints=1, seconds=20.0)
    store.update_elapsed(attempt, 42.5)
    store.close()  # as if the SSH link dropped: nothing must be lost

    store = open_test_store(path)
    [row] = store.open_attempts()
    assert row.id == attempt and len(row.uuid) == 36 and row.state == "open" and row.ended_at is None
    assert (row.bank, row.module, row.kind, row.mode, row.lang, row.seed) == (
        "fine-tuning", "fine-tuning", "quiz", "exam", "fr", 2**32 - 1)
    assert row.settings == {"topics": ["bert", "gpt"], "count": 3, "difficulty": None}
    assert row.question_ids == ["bert-1", "gen:f1-from-confusion:42", "gpt-2"]
    assert row.time_limit == 600.0 and row.pass_mark == 70.0 and row.elapsed == 42.5
    assert [a.question_id for a in row.answers] == ["bert-1", "gen:f1-from-confusion:42"]
    first = row.answers[0]
    assert (first.answer, first.earned, first.max_points, first.credit, first.correct, first.hints) == (
        ["b", "c"], 1.0, 2.0, 0.5, False, 0)
    assert row.answer_for("gen:f1-from-confusion:42").answer == 3.25  # type: ignore[union-attr]
    assert row.hints == {"gpt-2": 1, "gen:f1-from-confusion:42": 1}
    store.close()


def test_the_first_answer_to_a_question_is_the_one_kept(store: SQLiteStore) -> None:
    attempt = start(store)
    answer(store, attempt, "bert-1", right=False, value="first")
    answer(store, attempt, "bert-1", right=True, value="second")
    [kept] = store.attempt(attempt).answers  # type: ignore[union-attr]
    assert kept.answer == "first" and not kept.correct
    other = start(store)
    answer(store, other, "bert-1", right=True)  # another attempt may answer it again
    assert [s.attempts for s in store.question_stats()] == [2]


def test_answers_of_every_json_shape_round_trip(store: SQLiteStore) -> None:
    attempt = start(store)
    values: list[object] = ["texte « accentué »", True, 0.1, ["a", "b"], {"x": [1, 2]}, "", None]
    for index, value in enumerate(values):
        answer(store, attempt, f"q{index}", value=value)
    answer(store, attempt, "nan", value=float("nan"))
    got = {a.question_id: a.answer for a in store.attempt(attempt).answers}  # type: ignore[union-attr]
    assert [got[f"q{i}"] for i in range(len(values))] == values
    assert got["nan"] == "nan"  # strict JSON has no NaN
    with pytest.raises(TypeError):
        answer(store, attempt, "set", value={1, 2})


def test_hints_only_ever_go_up(store: SQLiteStore) -> None:
    attempt = start(store)
    store.record_hints(attempt, "bert-1", 2)
    store.record_hints(attempt, "bert-1", 1)
    assert store.attempt(attempt).hints == {"bert-1": 2}  # type: ignore[union-attr]


def test_finishing_abandoning_and_listing(store: SQLiteStore) -> None:
    first, second, third = start(store), start(store), start(store)
    store.finish_attempt(first, 100.0)
    store.finish_attempt(second, 7.0, state="abandoned")
    store.update_elapsed(first, 999.0)  # the clock of a closed attempt no longer moves
    assert [a.id for a in store.open_attempts()] == [third]
    assert [a.id for a in store.attempts()] == [third, second, first]
    assert [a.id for a in store.attempts(limit=1)] == [third]
    assert [a.id for a in store.attempts(state="abandoned")] == [second]
    finished = store.attempt(first)
    assert finished is not None and finished.state == "finished" and finished.elapsed == 100.0
    assert finished.ended_at is not None and finished.ended_at >= finished.started_at
    assert store.attempt(12345) is None
    with pytest.raises(ValueError, match="finished"):
        store.finish_attempt(third, 1.0, state="paused")


def test_an_answer_needs_an_existing_attempt(store: SQLiteStore) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        answer(store, 999, "bert-1")


def test_question_stats_put_the_most_missed_first_and_topics_add_up(store: SQLiteStore) -> None:
    for right in (False, False, True):
        attempt = start(store)
        answer(store, attempt, "hard", topic="gpt", right=right)
        answer(store, attempt, "easy", topic="bert", right=True)
        answer(store, attempt, "half", topic="bert", right=False, earned=1.0)
    stats = store.question_stats()
    assert [(s.question_id, s.attempts, s.correct, s.missed) for s in stats] == [
        ("half", 3, 0, 3), ("hard", 3, 1, 2), ("easy", 3, 3, 0)]
    assert stats[0].topic == "bert" and stats[0].last_answered_at > 0
    assert store.topic_mastery() == {"bert": TopicMastery(9.0, 12.0, 6), "gpt": TopicMastery(2.0, 6.0, 3)}
    assert store.topic_mastery("other-module") == {} and store.question_stats("other-module") == []


def test_sections_read_all(store: SQLiteStore) -> None:
    assert store.sections_read_all() == {}
    store.mark_read("m1", "a")
    store.mark_read("m1", "b")
    store.mark_read("m2", "a")
    assert store.sections_read_all() == {"m1": {"a", "b"}, "m2": {"a"}}


def test_reset_module_forgets_only_that_module(store: SQLiteStore) -> None:
    store.review_fuzz = False
    for module in ("m1", "m2"):
        store.mark_read(module, "s")
        store.set_position(module, "s")
        attempt = start(store, module=module)
        store.record_hints(attempt, f"{module}-q", 1)
        answer(store, attempt, f"{module}-q", right=False)
        store.schedule_review(f"{module}-q", 1)
    store.schedule_review("never-answered", 1, module="m1")
    store.reset_module("m1")
    assert store.sections_read("m1") == set() and store.position("m1") is None
    assert [a.module for a in store.attempts()] == ["m2"]
    assert [s.question_id for s in store.question_stats()] == ["m2-q"]
    assert not store.has_review("m1-q") and not store.has_review("never-answered") and store.has_review("m2-q")
    orphans = store._db.execute(
        "SELECT (SELECT COUNT(*) FROM answers), (SELECT COUNT(*) FROM attempt_hints)").fetchone()
    assert orphans == (1, 1)  # the answers and hints of m1 went with its attempt


def test_reset_all_forgets_everything(store: SQLiteStore) -> None:
    store.mark_read("m", "s")
    store.set_position("m", "s")
    attempt = start(store)
    answer(store, attempt, "q", right=False)
    store.after_answer("q", False, 0.0, 0)
    store.save_config("mine", "estimate", {"model": "bert-base-uncased"})
    store.reset_all()
    assert store.sections_read_all() == {} and store.last_module() is None
    assert store.attempts() == [] and store.question_stats() == [] and store.topic_mastery() == {}
    assert store.review_counts() == (0, 0) and store.saved_configs() == []
    assert start(store) > 0  # the store still works after a reset
