"""The learner's progress store: behind one interface, kept in SQLite today.

interface (`Store`, the methods every backend offers; `StoreError`; `OpenNotice`) · records (what a
store gives back: attempts, answers, statistics, saved configurations) · learners (who the learner
is and where their files live) · review (spaced review: FSRS cards and ratings) · exports (files the
learner asks tutor to write) · sqlite, sqlite_base, sqlite_quiz, sqlite_review (the SQLite
backend: opening, migrations and damage recovery; transactions; quiz attempts; review cards and
saved configurations).

The app, plain mode and the command line call `open_store` and use the `Store` interface; only this
package knows it is SQLite. Importing it imports nothing heavy (no sqlite3 until a store is opened).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from tutor.store.interface import OpenNotice, Store

__all__ = ["open_store"]


def open_store(path: Path, lang: str | None = None, *, recover: bool = True) -> tuple[Store, OpenNotice | None]:
    """Open (creating if needed) the learner's store at `path` (`tutor.store.learners.database_path`).

    Messages are in `lang`. A damaged store is kept aside and a new one started, which the notice
    says; with `recover=False` (exporting: a read must not change anything) it raises instead.
    Raises `StoreError` when the store cannot be opened at all. The one place that picks the
    backend: SQLite (`tutor.store.sqlite.SQLiteStore.open`).
    """
    from tutor.store.sqlite import SQLiteStore

    return SQLiteStore.open(path, lang, recover=recover)
