"""Review cards and saved configurations in the store (schema version 3), on both backends."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tutor.store.sqlite import SQLiteStore

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


Opener = Callable[[Path], SQLiteStore]


@pytest.fixture
def store(tmp_path: Path, open_test_store: Opener) -> Iterator[SQLiteStore]:
    opened = open_test_store(tmp_path / "me.sqlite3")
    opened.review_fuzz = False
    yield opened


def test_scheduling_due_and_counts(store: SQLiteStore) -> None:
    assert store.review_counts(T0) == (0, 0) and store.review_due(T0) == [] and not store.has_review("a")
    due_a = store.schedule_review("a", 1, T0)  # Again: back in a minute
    due_b = store.schedule_review("b", 3, T0)  # Good: ten minutes
    assert due_a == T0 + timedelta(minutes=1) and due_b == T0 + timedelta(minutes=10)
    assert store.has_review("a") and store.review_due_at("b") == due_b
    assert store.review_due(T0) == []
    assert store.review_counts(T0 + timedelta(minutes=5)) == (1, 2)
    assert store.review_due(T0 + timedelta(hours=1)) == ["a", "b"]  # soonest due first
    later = store.schedule_review("a", 3, due_a)
    assert later == due_a + timedelta(minutes=10)
    assert store.review_due(T0 + timedelta(minutes=10)) == ["b"]


def test_cards_survive_a_reopen(tmp_path: Path, open_test_store: Opener) -> None:
    path = tmp_path / "me.sqlite3"
    store = open_test_store(path)
    store.review_fuzz = False
    first = store.schedule_review("q", 3, T0)
    store.close()
    store = open_test_store(path)
    store.review_fuzz = False
    second = store.schedule_review("q", 3, first)  # the learning step moved on: not a new card
    assert second - first >= timedelta(days=1)  # a new card rated Good would come back in 10 minutes
    assert store._db.execute("SELECT reviews FROM review_cards").fetchone() == (2,)


def test_after_answer_queues_misses_and_moves_queued_cards(store: SQLiteStore) -> None:
    assert store.after_answer("right", True, 1.0, 0, T0) is None and not store.has_review("right")
    assert store.after_answer("wrong", False, 0.0, 0, T0) == T0 + timedelta(minutes=1)
    assert store.after_answer("hinted", True, 1.0, 1, T0) is not None and store.has_review("hinted")
    # A right answer to a queued question moves it along instead of being ignored.
    moved = store.after_answer("wrong", True, 1.0, 0, T0 + timedelta(minutes=1))
    assert moved == T0 + timedelta(minutes=11)


def test_times_must_be_aware(store: SQLiteStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.schedule_review("q", 1, datetime(2025, 3, 1))
    with pytest.raises(ValueError, match="timezone-aware"):
        store.review_due(datetime(2025, 3, 1))
    with pytest.raises(ValueError):
        store.schedule_review("q", 9, T0)
    assert not store.has_review("q")  # a refused rating writes nothing


def test_saved_configurations(store: SQLiteStore) -> None:
    store.save_config("small", "estimate", {"model": "distilbert-base-uncased", "lora_r": 8})
    store.save_config("sampling", "sample", {"temperature": 0.7, "tokens": ["a", "b"]})
    store.save_config("small", "estimate", {"model": "bert-base-uncased"})  # replaced, not doubled
    configs = store.saved_configs()
    assert [c.name for c in configs] == ["small", "sampling"]  # most recently saved first
    name, kind, data, saved_at = configs[0]
    assert (name, kind, data) == ("small", "estimate", {"model": "bert-base-uncased"}) and saved_at > 0
    assert [c.name for c in store.saved_configs("sample")] == ["sampling"]
    assert store.delete_config("small") is True and store.delete_config("small") is False
    assert [c.name for c in store.saved_configs()] == ["sampling"]


def test_counting_due_cards_does_not_load_fsrs(tmp_path: Path) -> None:
    """The home screen asks for review counts; that alone must not pay for importing fsrs."""
    code = (
        "import sys\nfrom pathlib import Path\nfrom tutor.store.sqlite import SQLiteStore\n"
        f"s, _ = SQLiteStore.open(Path({str(tmp_path / 'x.sqlite3')!r}))\n"
        "s.review_counts(); s.open_attempts(); s.sections_read_all(); s.last_module(); s.close()\n"
        "print('fsrs' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
