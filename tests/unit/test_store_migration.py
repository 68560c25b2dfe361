"""A database written by schema version 1 keeps its progress when opened by this tutor.

tests/fixtures/store_v1.sqlite3 was made by the version-1 store itself (commit 525f522): the learner
read sections intro and strategies of fine-tuning and section a of other-module, and was last on
fine-tuning/strategies.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import FIXTURES
from tutor.store.sqlite import MIGRATIONS, SCHEMA_VERSION, SQLiteStore

V1 = FIXTURES / "store_v1.sqlite3"


def test_the_fixture_is_a_version_1_database() -> None:
    # Read the header rather than open it: even a read-only open of a WAL file leaves sidecars.
    header = V1.read_bytes()[:100]
    assert header.startswith(b"SQLite format 3\x00")
    assert int.from_bytes(header[60:64], "big") == 1  # user_version


def test_version_1_progress_survives_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "learner.sqlite3"
    shutil.copyfile(V1, path)
    store, notice = SQLiteStore.open(path)
    assert notice is None and store.schema_version == SCHEMA_VERSION == max(MIGRATIONS) >= 3
    assert store.sections_read_all() == {"fine-tuning": {"intro", "strategies"}, "other-module": {"a"}}
    assert store.position("fine-tuning") == "strategies" and store.position("other-module") == "a"
    assert store.last_module() == "fine-tuning"

    # The new tables work on the upgraded file.
    attempt = store.start_attempt(
        bank="fine-tuning", module="fine-tuning", kind="quiz", mode="practice", lang="en", seed=1,
        settings={}, question_ids=["q"], time_limit=None, pass_mark=70.0,
    )
    store.record_answer(attempt, question_id="q", topic="bert", answer="x", earned=0.0, max_points=1.0,
                        credit=0.0, correct=False, hints=0, seconds=1.0)
    store.review_fuzz = False
    store.after_answer("q", False, 0.0, 0, datetime(2025, 1, 1, tzinfo=UTC))
    store.save_config("c", "estimate", {"model": "bert-base-uncased"})
    store.close()

    store, _ = SQLiteStore.open(path)  # a second open finds nothing to migrate
    assert [a.answers[0].question_id for a in store.attempts()] == ["q"]
    assert store.review_counts(datetime(2030, 1, 1, tzinfo=UTC)) == (1, 1)
    assert [c.name for c in store.saved_configs()] == ["c"]
    assert store.sections_read("fine-tuning") == {"intro", "strategies"}
    store.close()


def test_migrations_are_numbered_without_gaps() -> None:
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION + 1))
