"""The learner's progress store: behind one interface, kept in SQLite, or in a class's PostgreSQL database.

interface (`Store`, the methods every backend offers; `StoreError`; `OpenNotice`) · records (what a
store gives back: attempts, answers, statistics, saved configurations) · learners (who the learner
is and where their files live) · review (spaced review: FSRS cards and ratings) · exports (files the
learner asks tutor to write) · sqlite, sqlite_base, sqlite_quiz, sqlite_review (the SQLite
backend: opening, migrations and damage recovery; transactions; quiz attempts; review cards and
saved configurations) · outbox, postgres, postgres_sync, postgres_schema, postgres_class (the
PostgreSQL backend: a local SQLite cache whose changes are queued and sent to the server; the
server's schema, roles and row-level security; the instructor's read-only views).

The app, plain mode and the command line call `open_store` and use the `Store` interface; only this
package knows which backend it is. Importing it imports nothing heavy (no sqlite3 until a store is
opened, no psycopg unless a database URL is configured).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from tutor.store.interface import OpenNotice, Store

__all__ = ["configured_url", "open_store"]


def open_store(path: Path, lang: str | None = None, *, recover: bool = True,
               database_url: str | None = None) -> tuple[Store, OpenNotice | None]:
    """Open (creating if needed) the learner's store at `path` (`tutor.store.learners.database_path`).

    Messages are in `lang`. A damaged store is kept aside and a new one started, which the notice
    says; with `recover=False` (exporting: a read must not change anything) it raises instead.
    Raises `StoreError` when the store cannot be opened at all. The one place that picks the
    backend: PostgreSQL (`tutor.store.postgres.open_replicated`, a local cache next to `path` sent
    to the class database) when `configured_url` finds a database URL, else SQLite
    (`tutor.store.sqlite.SQLiteStore.open`).
    """
    url = configured_url(database_url)
    if url is not None:
        from tutor.store.postgres import open_replicated  # psycopg is loaded only here

        return open_replicated(path, url, lang, recover=recover)
    from tutor.store.sqlite import SQLiteStore

    return SQLiteStore.open(path, lang, recover=recover)


def configured_url(settings_url: str | None = None, environ: Mapping[str, str] | None = None) -> str | None:
    """The class database URL: `TUTOR_DATABASE_URL` when set and not empty, else the settings file's
    `database_url`, else None (the SQLite store)."""
    env = os.environ if environ is None else environ
    for candidate in (env.get("TUTOR_DATABASE_URL"), settings_url):
        if candidate and candidate.strip():
            return candidate.strip()
    return None
