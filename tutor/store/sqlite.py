"""The SQLite backend of the progress store (`tutor.store.interface.Store`): one database per learner.

Each write is its own transaction, committed before the call returns, so a dropped SSH link or a
killed process loses nothing already recorded. WAL mode, a busy timeout and a bounded retry let
several `tutor` windows of the same learner write at once. The schema is versioned and
forward-only; `MIGRATIONS[n]` brings a database from version n-1 to n, so upgrades keep existing
progress. Version 1: reading; 2: quiz attempts (`sqlite_quiz`); 3: review cards and saved
simulator configurations (`sqlite_review`).

A damaged database (a bad header, pages overwritten, a schema that does not match its version) is
found when it is opened (`PRAGMA quick_check`, through a read-only connection: opening costs about
1.6 ms more for 2,000 answers, linear in size) and kept aside, byte for byte, under a name no other
file has (`<name>.corrupt-<time>-<pid>-<random>`), then a new one is started. Several
processes finding the same damage at once agree: each opener holds a shared lock (`.tutor-store.lock`
in the learners directory) while it opens, the one that moves the file holds it exclusively, and the
others then open the new database it started.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Self

from tutor.locations import make_private_dir
from tutor.store.interface import OpenNotice, StoreError
from tutor.store.sqlite_base import BUSY_TIMEOUT_SECONDS, StoreDamaged, backoff, is_busy, is_damage
from tutor.store.sqlite_quiz import QuizStoreMixin
from tutor.store.sqlite_review import ReviewStoreMixin

if TYPE_CHECKING:
    from tutor.store.interface import Store

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "SQLiteStore", "SchemaMismatch"]

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
# Open, find damage, move it aside, open again: a third damaged file in a row is not a race any more.
RECOVERY_ROUNDS = 3
# Never a learner's file: plain names and hashed stems never start with a dot.
LOCK_NAME = ".tutor-store.lock"
SIDECARS = ("-wal", "-shm")  # SQLite's files beside the database, moved with it (the WAL holds its latest pages)


class SchemaMismatch(sqlite3.DatabaseError):
    """The file says it is schema version n but lacks tables or columns that version has: damaged."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


class SQLiteStore(QuizStoreMixin, ReviewStoreMixin):
    """A learner's progress in one SQLite file (implements `tutor.store.interface.Store`).

    Open with `SQLiteStore.open(path)`, or `tutor.store.open_store(path)` outside this package.
    """

    @classmethod
    def open(cls, path: Path, lang: str | None = None, *,
             recover: bool = True) -> tuple[Self, OpenNotice | None]:
        """Open (creating if needed) the database at `path`; messages are in `lang` (default: the environment's).

        A damaged database is renamed `<name>.corrupt-<time>-<pid>-<random>` and a fresh one is
        started; the returned notice says so. With `recover=False` (exporting: a read must not change
        anything) it is left as it is and `StoreDamaged` says so. Raises `StoreError` when the
        database cannot be opened or created at all (exit 2 on the command line).
        """
        if lang is None:
            from tutor.i18n.catalogue import resolve_lang

            lang = resolve_lang(None)
        try:
            make_private_dir(path.parent)
        except OSError as error:
            raise StoreError("store.cannot_create", lang, path=str(path.parent),
                             reason=error.strerror or str(error)) from error
        notice = None
        for _ in range(RECOVERY_ROUNDS):
            with _directory_lock(path.parent, exclusive=False):
                identity = _identity(path)
                try:
                    return cls._open_checked(path, lang), notice
                except sqlite3.DatabaseError as error:
                    if not _is_damaged_file(error):
                        raise StoreError("store.cannot_open", lang, path=str(path), reason=str(error)) from error
                    reason = _reason(error, lang)
            if not recover:
                raise StoreDamaged("store.damaged_kept", lang, path=str(path), reason=reason)
            # Exclusive: no other tutor is opening this directory's databases while the file moves.
            with _directory_lock(path.parent, exclusive=True):
                if identity is None or _identity(path) != identity:
                    # Another process moved it aside first: open the database it started.
                    notice = OpenNotice(_say("store.moved_aside_elsewhere", lang, path=str(path),
                                             pattern=f"{path.name}.corrupt-*"))
                    continue
                try:
                    aside = _move_aside(path)
                except OSError as move_error:
                    raise StoreError("store.cannot_move_aside", lang, path=str(path), reason=reason,
                                     error=move_error.strerror or str(move_error)) from move_error
                notice = OpenNotice(_say("store.moved_aside", lang, path=str(path), reason=reason, aside=str(aside)))
                try:
                    # Still under the lock: the others wait, then find this new database ready.
                    return cls._open_checked(path, lang), notice
                except sqlite3.DatabaseError as error:
                    if not _is_damaged_file(error):
                        raise StoreError("store.cannot_open", lang, path=str(path), reason=str(error)) from error
        raise StoreError("store.cannot_open", lang, path=str(path), reason=reason)

    @classmethod
    def _open_checked(cls, path: Path, lang: str) -> Self:
        """`_connect`, with a path that is not a regular file refused before SQLite touches it."""
        try:
            info = os.stat(path)
        except FileNotFoundError:
            if os.path.lexists(path):
                # SQLite would create the link's target, wherever it points.
                raise StoreError("store.cannot_open", lang, path=str(path),
                                 reason=_say("store.dangling_link", lang)) from None
        except OSError as error:
            raise StoreError("store.cannot_open", lang, path=str(path), reason=error.strerror or str(error)) from error
        else:
            if not stat.S_ISREG(info.st_mode):
                # A FIFO would block SQLite forever; a device is nobody's progress.
                raise StoreError("store.cannot_open", lang, path=str(path), reason=_say("input.not_regular", lang))
        try:
            store = cls._connect(path, lang)
        except StoreError:
            raise
        except sqlite3.OperationalError as error:
            # Locked, read-only or unreachable: the file may be fine, so never move it aside.
            raise StoreError("store.cannot_open", lang, path=str(path), reason=str(error)) from error
        store.lang = lang
        return store

    @classmethod
    def _connect(cls, path: Path, lang: str) -> Self:
        try:
            # Create the file ourselves so it is owner-only before SQLite writes anything; O_NOFOLLOW
            # and O_EXCL: never through a link planted in its place, never over an existing file.
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o600))
        except FileExistsError:
            pass  # the usual case, or another process created it a moment ago
        for attempt in range(OPEN_RETRIES + 1):
            connection = None
            try:
                # Damage and schema first, through a read-only connection: closing it never
                # checkpoints a WAL into a damaged file nor deletes that WAL, so a file kept aside
                # is kept exactly as it was found. A file it cannot read without writing (a hot
                # rollback journal) is checked by the writing connection instead.
                inspected = _inspect_read_only(path, lang)
                connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
                if not inspected:
                    _inspect(connection, path, lang)
                # Switching a new file to WAL needs an exclusive lock and may report "locked"
                # without waiting when several processes start at once: retry like any write.
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=FULL")
                connection.execute("PRAGMA foreign_keys=ON")
                store = cls(connection, path)
                store.lang = lang
                store._migrate()
                return store
            except sqlite3.OperationalError as error:
                if connection is not None:
                    connection.close()
                if not is_busy(error) or attempt == OPEN_RETRIES:
                    raise
                backoff(attempt)
            except BaseException:
                if connection is not None:
                    connection.close()
                raise
        raise AssertionError("unreachable: the last retry re-raises")

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:  # another, newer tutor upgraded it since `_inspect`
            raise StoreError("store.newer", self.lang, path=str(self.path), version=version, known=SCHEMA_VERSION)

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


# -- opening safely ------------------------------------------------------------------------------


def _say(key: str, lang: str, **values: object) -> str:
    """A catalogue text (imported late: i18n is not needed until something must be said)."""
    from tutor.i18n.catalogue import t

    return t(key, lang, **values)


def _is_damaged_file(error: BaseException) -> bool:
    return isinstance(error, SchemaMismatch) or is_damage(error)


def _reason(error: BaseException, lang: str) -> str:
    """What is wrong with the file, in `lang` for our own findings (SQLite's words are English)."""
    if isinstance(error, SchemaMismatch):
        return _say(error.key, lang, **error.values)
    return str(error)


def _quick_check(connection: sqlite3.Connection) -> None:
    """Raise `sqlite3.DatabaseError` when SQLite's structural check finds damage.

    `quick_check` reads every page of every table and index (not the index-to-table cross check
    of `integrity_check`, three times slower): about 1 ms for 2,000 answers (400 kB), linear in size.
    Pages overwritten anywhere, the last ones included, fail here instead of at some later read.
    """
    rows = connection.execute("PRAGMA quick_check(1)").fetchall()
    if rows != [("ok",)]:
        # SQLite's words when a read meets the same damage; its page-by-page report is for experts,
        # who have the file kept aside to look at.
        raise sqlite3.DatabaseError("database disk image is malformed")


def _inspect_read_only(path: Path, lang: str) -> bool:
    """`_inspect` through a read-only connection; False when SQLite cannot read the file that way."""
    try:
        probe = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.OperationalError:
        return False
    try:
        _inspect(probe, path, lang)
    except sqlite3.OperationalError as error:
        if is_busy(error):
            raise
        return False
    finally:
        probe.close()
    return True


def _inspect(connection: sqlite3.Connection, path: Path, lang: str) -> None:
    """Raise on damage (`DatabaseError`), a schema unlike its version (`SchemaMismatch`), a newer tutor's file."""
    _quick_check(connection)
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise StoreError("store.newer", lang, path=str(path), version=version, known=SCHEMA_VERSION)
    if version < 0:
        raise SchemaMismatch("store.reason.negative_version", version=version)
    missing = _missing_schema(connection, version)
    if missing:
        shown = ", ".join(missing[:3]) + (", …" if len(missing) > 3 else "")  # a notice is one line
        raise SchemaMismatch("store.reason.schema", version=version, missing=shown)


@cache
def _tables_at(version: int) -> dict[str, frozenset[str]]:
    """The tables (and their columns) that a database of schema `version` has, built from MIGRATIONS."""
    connection = sqlite3.connect(":memory:")
    try:
        for number in range(1, version + 1):
            for statement in MIGRATIONS[number]:
                connection.execute(statement)
        return _tables(connection)
    finally:
        connection.close()


def _tables(connection: sqlite3.Connection) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    rows = connection.execute(
        "SELECT m.name, p.name FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS p WHERE m.type = 'table'"
    )
    for table, column in rows:
        found.setdefault(table, set()).add(column)
    return {table: frozenset(columns) for table, columns in found.items()}


def _missing_schema(connection: sqlite3.Connection, version: int) -> list[str]:
    """Tables and `table.column`s schema `version` has that the file lacks (extra ones are fine)."""
    if version == 0:
        return []  # new (or not ours: migrating says so)
    have = _tables(connection)
    missing: list[str] = []
    for table, columns in sorted(_tables_at(version).items()):
        if table not in have:
            missing.append(table)
        else:
            missing += [f"{table}.{column}" for column in sorted(columns - have[table])]
    return missing


def _identity(path: Path) -> tuple[int, int] | None:
    """The file at `path` itself (a link, not its target), to tell whether it was replaced meanwhile."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


@contextmanager
def _directory_lock(directory: Path, exclusive: bool) -> Iterator[None]:
    """Hold `flock` on the directory's lock file: shared while opening a database, exclusive while moving one.

    A file opened for writing, so the exclusive lock also works over NFS (where flock becomes a POSIX
    lock). Where it cannot be taken (no fcntl, a read-only directory, no lock support) opening goes
    on unlocked, as before: the identity check still keeps an opener from moving a file that is not
    the one it found damaged.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield
        return
    flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(directory / LOCK_NAME, flags, 0o600)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        except OSError:
            pass
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _move_aside(path: Path) -> Path:
    """Rename the database (a link stays a link: its target is never touched) and its WAL files aside.

    The new names are first created empty with O_EXCL, so nothing that exists is ever replaced; the
    rename then replaces only that empty placeholder of ours. The WAL goes first: a new database must
    never meet the old WAL, whose pages SQLite would apply to it.
    """
    aside = _reserve_aside_names(path)
    for suffix in (*SIDECARS, ""):
        source, target = path.with_name(path.name + suffix), aside.with_name(aside.name + suffix)
        if os.path.lexists(source):
            os.rename(source, target)
        else:
            target.unlink()
    return aside


def _reserve_aside_names(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{os.getpid()}-{secrets.token_hex(3)}")
        made: list[Path] = []
        try:
            for suffix in ("", *SIDECARS):
                name = aside.with_name(aside.name + suffix)
                os.close(os.open(name, flags, 0o600))
                made.append(name)
            return aside
        except FileExistsError:
            for name in made:
                name.unlink()
    raise FileExistsError(f"no free name for {path.name}.corrupt-{stamp}-*")


if TYPE_CHECKING:  # mypy checks here that the SQLite store keeps the interface (tutor.store.interface)

    def _is_a_store(store: SQLiteStore) -> Store:
        return store
