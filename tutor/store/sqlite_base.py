"""Plumbing shared by the parts of the progress store: transactions that survive a busy database.

Every write goes through `StoreBase._write`: one `BEGIN IMMEDIATE` transaction, committed before
it returns. SQLite's busy timeout makes a writer wait for another process's lock; when even that
runs out (dozens of processes hammering one file), the whole transaction is retried a bounded
number of times, so contention costs time, never a lost write.

Damage found after opening (SQLite's "database disk image is malformed") surfaces from every public
store method as `StoreDamaged`: both a `StoreError` and a `sqlite3.DatabaseError`, so callers that
handle either show one line instead of a traceback; the next `SQLiteStore.open` finds the damage with its
check and keeps the file aside.
"""

from __future__ import annotations

import functools
import inspect
import json
import math
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tutor.store.interface import StoreError

T = TypeVar("T")

BUSY_TIMEOUT_SECONDS = 10.0
LOCK_RETRIES = 8
# SQLite's primary result codes for a file that is not a sound database (extended codes keep them in the low byte).
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


class StoreDamaged(StoreError, sqlite3.DatabaseError):
    """The database file is damaged. A `sqlite3.DatabaseError` too, for callers that catch those."""


def is_damage(error: BaseException) -> bool:
    """Whether `error` says the file itself is damaged ("malformed", "not a database").

    Locked, read-only, full or unreachable files are `OperationalError`s: the file may be fine, so
    they never count (a file must never be moved aside for them).
    """
    if isinstance(error, StoreDamaged):
        return True
    if not isinstance(error, sqlite3.DatabaseError) or isinstance(error, sqlite3.OperationalError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)
    text = str(error).lower()
    return "malformed" in text or "not a database" in text


def _guarded(method: Callable[..., T]) -> Callable[..., T]:
    """`method`, raising `StoreDamaged` instead of SQLite's bare "malformed" `DatabaseError`."""

    @functools.wraps(method)
    def guarded(self: StoreBase, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except StoreDamaged:
            raise
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            raise StoreDamaged("store.damaged_now", self.lang, path=str(self.path), reason=str(error)) from error

    return guarded


def is_busy(error: sqlite3.OperationalError) -> bool:
    """Whether `error` is another connection holding the lock (worth retrying), not a real fault."""
    text = str(error).lower()
    return "locked" in text or "busy" in text


def backoff(attempt: int) -> None:
    """Sleep before retry number `attempt`; jittered so waiting writers do not wake in step."""
    import random  # only under contention: keeps it off the start-up path

    time.sleep(random.uniform(0.02, 0.1) * (attempt + 1))


def to_json(value: Any) -> str:
    """Strict JSON text of `value`; NaN and infinities become the strings "nan", "inf", "-inf".

    Other tools reading an export reject bare NaN, and an answer is what the learner typed anyway.
    Raises TypeError for values JSON cannot hold (e.g. a set).
    """
    return json.dumps(_finite(value), ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    return value


class StoreBase:
    """The connection and the transaction helpers every part of the store uses."""

    lang: str | None = None  # the language of store messages (set by `SQLiteStore.open`)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Every public method of every part of the store reports damage the same way, including
        # reads that iterate a cursor inside the method, without a try block in each of them.
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if not name.startswith("_") and inspect.isfunction(value):
                setattr(cls, name, _guarded(value))

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` in one write transaction, committed before returning, retried when locked."""
        for attempt in range(LOCK_RETRIES + 1):
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                if is_busy(error) and attempt < LOCK_RETRIES:
                    backoff(attempt)
                    continue
                raise
            try:
                result = work(self._db)
                self._db.execute("COMMIT")
                return result
            except BaseException as error:
                if self._db.in_transaction:
                    try:
                        self._db.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass  # a damaged or vanished file: the error that matters is the first one
                if isinstance(error, sqlite3.OperationalError) and is_busy(error) and attempt < LOCK_RETRIES:
                    backoff(attempt)
                    continue
                raise
        raise AssertionError("unreachable: the last retry re-raises")

    def _read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run several queries against one snapshot, so a concurrent write never shows half-done."""
        self._db.execute("BEGIN")
        try:
            return work(self._db)
        finally:
            if self._db.in_transaction:
                self._db.execute("COMMIT")
