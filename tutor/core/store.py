"""The progress store: one SQLite database per learner, the only code that writes to disk.

Each write is its own transaction, committed before the call returns, so a dropped SSH link or a
killed process loses nothing already recorded. WAL mode and a busy timeout let two `tutor`
windows of the same learner write at once. The schema is versioned; `MIGRATIONS[n]` brings a
database from version n-1 to n, so upgrades keep existing progress.
"""

from __future__ import annotations

import getpass
import os
import re
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tutor.locations import data_dir

BUSY_TIMEOUT_SECONDS = 10.0

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE sections_read ("
        " module TEXT NOT NULL, section TEXT NOT NULL, read_at REAL NOT NULL,"
        " PRIMARY KEY (module, section))",
        "CREATE TABLE positions ("
        " module TEXT PRIMARY KEY, section TEXT NOT NULL, updated_at REAL NOT NULL)",
    ),
}
SCHEMA_VERSION = max(MIGRATIONS)


class StoreError(Exception):
    """The store cannot be opened at all (e.g. its directory is not writable)."""


def learner_name(cli_value: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """`--learner`, else `TUTOR_LEARNER`, else the login name."""
    env = os.environ if environ is None else environ
    for candidate in (cli_value, env.get("TUTOR_LEARNER")):
        if candidate and candidate.strip():
            return candidate.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return "learner"


def database_path(learner: str) -> Path:
    """Where the learner's database lives; the name is made safe for any file system."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", learner).strip("._") or "learner"
    return data_dir() / "learners" / f"{safe}.sqlite3"


@dataclass(frozen=True)
class OpenNotice:
    """Something the learner should be told about opening the store (e.g. a file moved aside)."""

    message: str


class Store:
    """A learner's progress. Open with `Store.open(path)`."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

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
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
            store = cls(connection, path)
            store._migrate()
        except (sqlite3.Error, StoreError):
            connection.close()
            raise
        return store

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer tutor (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); upgrade tutor to use it"
            )
        while version < SCHEMA_VERSION:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                # Re-read inside the lock: another process may have migrated meanwhile.
                version = self._db.execute("PRAGMA user_version").fetchone()[0]
                if version < SCHEMA_VERSION:
                    for statement in MIGRATIONS[version + 1]:
                        self._db.execute(statement)
                    version += 1
                    self._db.execute(f"PRAGMA user_version={version}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

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
        self._db.execute(
            "INSERT OR IGNORE INTO sections_read (module, section, read_at) VALUES (?, ?, ?)",
            (module, section, time.time()),
        )

    def sections_read(self, module: str) -> set[str]:
        """Ids of the sections of `module` the learner has read."""
        rows = self._db.execute("SELECT section FROM sections_read WHERE module = ?", (module,))
        return {row[0] for row in rows}

    def set_position(self, module: str, section: str) -> None:
        """Remember that the learner is on `section` of `module`."""
        self._db.execute(
            "INSERT INTO positions (module, section, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(module) DO UPDATE SET section = excluded.section, updated_at = excluded.updated_at",
            (module, section, time.time()),
        )

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

    def reset_module(self, module: str) -> None:
        """Forget the reading progress of one module."""
        self._db.execute("BEGIN IMMEDIATE")
        self._db.execute("DELETE FROM sections_read WHERE module = ?", (module,))
        self._db.execute("DELETE FROM positions WHERE module = ?", (module,))
        self._db.execute("COMMIT")
