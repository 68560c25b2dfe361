"""The progress store: one SQLite database per learner, the only code that writes to disk.

Each write is its own transaction, committed before the call returns, so a dropped SSH link or a
killed process loses nothing already recorded. WAL mode, a busy timeout and a bounded retry let
several `tutor` windows of the same learner write at once. The schema is versioned and
forward-only; `MIGRATIONS[n]` brings a database from version n-1 to n, so upgrades keep existing
progress. Version 1: reading; 2: quiz attempts (`store_quiz`); 3: review cards and saved
simulator configurations (`store_review`).
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from tutor.core.store_base import BUSY_TIMEOUT_SECONDS, backoff, is_busy
from tutor.core.store_quiz import (
    ATTEMPT_STATES, AnswerRow, AttemptRow, QuestionStat, QuizStoreMixin, TopicMastery,
)
from tutor.core.store_review import ReviewStoreMixin, SavedConfig
from tutor.core.learners import database_path, learner_name

__all__ = [
    "ATTEMPT_STATES", "BUSY_TIMEOUT_SECONDS", "MIGRATIONS", "SCHEMA_VERSION", "AnswerRow", "AttemptRow",
    "OpenNotice", "QuestionStat", "SavedConfig", "Store", "StoreError", "TopicMastery", "database_path",
    "learner_name",
]

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE sections_read ("
        " module TEXT NOT NULL, section TEXT NOT NULL, read_at REAL NOT NULL,"
        " PRIMARY KEY (module, section))",
        "CREATE TABLE positions ("
        " module TEXT PRIMARY KEY, section TEXT NOT NULL, updated_at REAL NOT NULL)",
    ),
    2: (
        "CREATE TABLE attempts ("
        " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
        " bank TEXT NOT NULL, module TEXT NOT NULL, kind TEXT NOT NULL, mode TEXT NOT NULL,"
        " lang TEXT NOT NULL, seed INTEGER NOT NULL, settings TEXT NOT NULL, question_ids TEXT NOT NULL,"
        " time_limit REAL, pass_mark REAL NOT NULL, started_at REAL NOT NULL, ended_at REAL,"
        " elapsed REAL NOT NULL DEFAULT 0,"
        " state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'finished', 'abandoned')))",
        "CREATE INDEX attempts_by_state ON attempts (state, started_at)",
        "CREATE INDEX attempts_by_module ON attempts (module)",
        "CREATE TABLE answers ("
        " attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,"
        " question_id TEXT NOT NULL, topic TEXT NOT NULL, answer TEXT NOT NULL,"
        " earned REAL NOT NULL, max_points REAL NOT NULL, credit REAL NOT NULL, correct INTEGER NOT NULL,"
        " hints INTEGER NOT NULL, seconds REAL NOT NULL, answered_at REAL NOT NULL,"
        " PRIMARY KEY (attempt_id, question_id))",
        "CREATE INDEX answers_by_question ON answers (question_id, answered_at)",
        "CREATE INDEX answers_by_topic ON answers (topic)",
        "CREATE TABLE attempt_hints ("
        " attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,"
        " question_id TEXT NOT NULL, hints INTEGER NOT NULL,"
        " PRIMARY KEY (attempt_id, question_id))",
    ),
    3: (
        "CREATE TABLE review_cards ("
        " question_id TEXT PRIMARY KEY, module TEXT NOT NULL DEFAULT '', card TEXT NOT NULL,"
        " due REAL NOT NULL, reviews INTEGER NOT NULL DEFAULT 0, updated_at REAL NOT NULL)",
        "CREATE INDEX review_cards_by_due ON review_cards (due)",
        "CREATE INDEX review_cards_by_module ON review_cards (module)",
        "CREATE TABLE saved_configs ("
        " name TEXT PRIMARY KEY, kind TEXT NOT NULL, data TEXT NOT NULL, saved_at REAL NOT NULL)",
    ),
}
SCHEMA_VERSION = max(MIGRATIONS)
OPEN_RETRIES = 8


class StoreError(Exception):
    """The store cannot be opened at all (e.g. its directory is not writable)."""


@dataclass(frozen=True)
class OpenNotice:
    """Something the learner should be told about opening the store (e.g. a file moved aside)."""

    message: str


class Store(QuizStoreMixin, ReviewStoreMixin):
    """A learner's progress. Open with `Store.open(path)`."""

    @classmethod
    def open(cls, path: Path) -> tuple[Store, OpenNotice | None]:
        """Open (creating if needed) the database at `path`.

        A damaged database is renamed `<name>.corrupt-<timestamp>` and a fresh one is started;
        the returned notice says so. Raises `StoreError` only when nothing can be written at all.
        """
        notice = None
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create {path.parent}: {error.strerror or error}") from error
        try:
            return cls._connect(path), None
        except sqlite3.OperationalError as error:
            # Locked, read-only or unreachable: the file may be fine, so never move it aside.
            raise StoreError(f"cannot open {path}: {error}") from error
        except sqlite3.DatabaseError as error:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            aside = path.with_name(f"{path.name}.corrupt-{stamp}")
            try:
                path.rename(aside)
                for suffix in ("-wal", "-shm"):
                    sidecar = path.with_name(path.name + suffix)
                    if sidecar.exists():
                        sidecar.rename(aside.with_name(aside.name + suffix))
            except OSError as move_error:
                raise StoreError(f"{path}: damaged ({error}) and cannot be moved aside: {move_error}") from error
            notice = OpenNotice(
                f"{path}: the progress database was damaged ({error}); it was kept as "
                f"{aside} and a new one was started."
            )
        try:
            return cls._connect(path), notice
        except sqlite3.Error as error:
            raise StoreError(f"cannot open {path}: {error}") from error

    @classmethod
    def _connect(cls, path: Path) -> Store:
        created = not path.exists()
        if created:
            # Create the file ourselves so it is owner-only before SQLite writes anything.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        for attempt in range(OPEN_RETRIES + 1):
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
            try:
                # Switching a new file to WAL needs an exclusive lock and may report "locked"
                # without waiting when several processes start at once: retry like any write.
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=FULL")
                connection.execute("PRAGMA foreign_keys=ON")
                store = cls(connection, path)
                store._migrate()
                return store
            except sqlite3.OperationalError as error:
                connection.close()
                if not is_busy(error) or attempt == OPEN_RETRIES:
                    raise
                backoff(attempt)
            except (sqlite3.Error, StoreError):
                connection.close()
                raise
        raise AssertionError("unreachable: the last retry re-raises")

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer tutor (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); upgrade tutor to use it"
            )

        def step(db: sqlite3.Connection) -> int:
            # Re-read inside the lock: another process may have migrated meanwhile.
            current = int(db.execute("PRAGMA user_version").fetchone()[0])
            if current < SCHEMA_VERSION:
                for statement in MIGRATIONS[current + 1]:
                    db.execute(statement)
                current += 1
                db.execute(f"PRAGMA user_version={current}")
            return current

        # One transaction per version: an interrupted upgrade stops at a consistent version.
        while version < SCHEMA_VERSION:
            version = self._write(step)

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        """Close the database (every write is already committed)."""
        self._db.close()

    # -- lessons -------------------------------------------------------------------------------

    def mark_read(self, module: str, section: str) -> None:
        """Record that the learner read `section` of `module` (the first time counts)."""
        self._write(lambda db: db.execute(
            "INSERT OR IGNORE INTO sections_read (module, section, read_at) VALUES (?, ?, ?)",
            (module, section, time.time()),
        ))

    def sections_read(self, module: str) -> set[str]:
        """Ids of the sections of `module` the learner has read."""
        rows = self._db.execute("SELECT section FROM sections_read WHERE module = ?", (module,))
        return {row[0] for row in rows}

    def sections_read_all(self) -> dict[str, set[str]]:
        """Sections read, per module (one query for the home screen)."""
        result: dict[str, set[str]] = {}
        for module, section in self._db.execute("SELECT module, section FROM sections_read"):
            result.setdefault(module, set()).add(section)
        return result

    def set_position(self, module: str, section: str) -> None:
        """Remember that the learner is on `section` of `module`."""
        self._write(lambda db: db.execute(
            "INSERT INTO positions (module, section, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(module) DO UPDATE SET section = excluded.section, updated_at = excluded.updated_at",
            (module, section, time.time()),
        ))

    def position(self, module: str) -> str | None:
        """The section the learner was last on in `module`, if any."""
        row = self._db.execute("SELECT section FROM positions WHERE module = ?", (module,)).fetchone()
        return row[0] if row else None

    def last_module(self) -> str | None:
        """The module the learner was reading most recently, if any."""
        row = self._db.execute(
            "SELECT module FROM positions ORDER BY updated_at DESC, rowid DESC LIMIT 1"
        ).fetchone()
        return row[0] if row else None

    # -- starting over -------------------------------------------------------------------------

    def reset_module(self, module: str) -> None:
        """Forget everything about one module: reading, attempts (with answers) and review cards."""

        def work(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM sections_read WHERE module = ?", (module,))
            db.execute("DELETE FROM positions WHERE module = ?", (module,))
            # Cards rated before any answer was stored have no module: go by the answers instead.
            db.execute(
                "DELETE FROM review_cards WHERE module = ? OR (module = '' AND question_id IN ("
                " SELECT question_id FROM answers JOIN attempts ON attempts.id = answers.attempt_id"
                " WHERE attempts.module = ?))",
                (module, module),
            )
            db.execute("DELETE FROM attempts WHERE module = ?", (module,))  # answers, hints: cascade

        self._write(work)

    def reset_all(self) -> None:
        """Forget everything the learner did: reading, attempts, review cards, saved configurations."""

        def work(db: sqlite3.Connection) -> None:
            for table in ("sections_read", "positions", "answers", "attempt_hints", "attempts",
                          "review_cards", "saved_configs"):
                db.execute(f"DELETE FROM {table}")  # table names are fixed, never input

        self._write(work)
