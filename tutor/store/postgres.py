"""The PostgreSQL backend: a class's progress in one server database, with a local copy that never waits.

`open_replicated` (called by `tutor.store.open_store` when a database URL is configured) gives a
`ReplicatedStore`: the learner's own SQLite store (`SQLiteStore`, every read and write, the same code
and so the same behaviour) in a cache file of its own (`<learner>.pg-<hash>.sqlite3`, one per learner
and database), plus the outbox of `tutor.store.outbox`, filled by triggers in the same transaction
as each change. A `Replicator` sends the outbox to the server:

- right after each write, from a background thread, so an answer never waits for the network;
- when the server does not answer, again after 1 s, doubling up to 30 s (a write does not bring
  the next try forward, so a learner answering offline costs no connection attempts);
- when the store is closed (the end of the session), once more, synchronously (unless an attempt
  made after the last change found the server away in the last 5 s: no connect timeout at exit).

At open, when the server answers and nothing is queued, the cache is refreshed from the server, so
a learner who moves to another host resumes exactly where they stopped (attempts are matched by
uuid; local ids never leave the host). When it does not answer, the learner works on the local
copy and the open notice says so.

A write that fails locally raises `sqlite3.Error` as with the SQLite backend (the quiz's
`PendingWrites` keeps it); the server's own troubles never raise from a learner's write.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.store import outbox
from tutor.store.interface import OpenNotice, StoreError
from tutor.store.sqlite import SQLiteStore
from tutor.store.sqlite_base import BUSY_TIMEOUT_SECONDS

if TYPE_CHECKING:
    from collections.abc import Callable

    import psycopg

    from tutor.store.interface import Store

__all__ = ["ReplicatedStore", "Replicator", "cache_path", "check_url", "open_replicated", "url_error"]

URL_SCHEMES = ("postgresql://", "postgres://")
RETRY_FIRST, RETRY_MAX = 1.0, 30.0  # seconds between background attempts while the server is away
CLOSE_JOIN_SECONDS = 10.0
RECENT_FAILURE = 5.0  # seconds: a server that failed to answer this recently is not tried again at exit


def _say(key: str, lang: str | None, **values: object) -> str:
    from tutor.i18n.catalogue import resolve_lang, t

    return t(key, lang or resolve_lang(None), **values)


def url_error(url: str) -> str | None:
    """Why `url` is not a usable database URL (a catalogue key), or None when it is."""
    if not url.startswith(URL_SCHEMES):
        return "database.bad_url_scheme"
    try:
        from psycopg.conninfo import conninfo_to_dict
    except ImportError:
        return "database.no_driver"
    try:
        conninfo_to_dict(url)
    except Exception:  # psycopg.ProgrammingError: libpq's own parser refused it
        return "database.bad_url"
    return None


def check_url(url: str, lang: str | None) -> str:
    """`url`, or `StoreError` naming what is wrong with it (the URL is never echoed: it may hold a password)."""
    problem = url_error(url)
    if problem is not None:
        raise StoreError(problem, lang)
    return url


def cache_path(path: Path, url: str) -> Path:
    """The learner's cache for the database `url`, next to `path` (their SQLite file).

    Named from the server, port, database and user, never the password: a new password keeps the
    same cache, another database or login gets its own.
    """
    from psycopg.conninfo import conninfo_to_dict

    parts = {key: str(value) for key, value in conninfo_to_dict(url).items()
             if key in ("host", "hostaddr", "port", "dbname", "user", "service")}
    digest = hashlib.sha256(repr(sorted(parts.items())).encode("utf-8")).hexdigest()[:12]
    return path.with_name(f"{path.name.removesuffix('.sqlite3')}.pg-{digest}.sqlite3")


def _reason(error: BaseException) -> str:
    """The server's error on one line (libpq's messages span several)."""
    text = " ".join(str(error).split())
    return text or type(error).__name__


class Replicator:
    """Sends one cache's outbox to the server: in a background thread after writes, or at once on request."""

    def __init__(self, path: Path, url: str) -> None:
        self.path = path
        self.url = url
        self.last_error = ""  # why the last attempt failed ("" after a success)
        # When the last failed attempt started, and when the last change was written (monotonic): an
        # attempt made after the last change that failed need not be repeated at exit.
        self._failed_at: float | None = None
        self._changed_at = 0.0
        self._lock = threading.Lock()  # one push at a time in this process (the thread or `sync`)
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._pg: psycopg.Connection[tuple[Any, ...]] | None = None
        self._db: sqlite3.Connection | None = None

    # -- the connections (used under self._lock only) ----------------------------------------------

    def _local(self) -> sqlite3.Connection:
        if self._db is None:
            # Its own connection: the learner's one belongs to their thread and may be mid-write.
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                                       check_same_thread=False)
        return self._db

    def _server(self) -> psycopg.Connection[tuple[Any, ...]]:
        from tutor.store.postgres_sync import connect

        if self._pg is not None and self._pg.closed:
            self._pg = None
        if self._pg is None:
            self._pg = connect(self.url)
        return self._pg

    def _drop_server(self) -> None:
        if self._pg is not None:
            try:
                self._pg.close()
            except Exception:  # a broken link: nothing more to say to it
                pass
            self._pg = None

    def with_server(self, work: Callable[[psycopg.Connection[tuple[Any, ...]]], Any]) -> Any:
        """Run `work(connection)` under the lock; a broken link is dropped (the next call reconnects)."""
        with self._lock:
            return self.with_server_locked(work)

    def with_server_locked(self, work: Callable[[psycopg.Connection[tuple[Any, ...]]], Any]) -> Any:
        """`with_server` for a caller already holding `lock` (always taken before the cache's write lock)."""
        from tutor.store.postgres_sync import is_connection_error

        try:
            return work(self._server())
        except Exception as error:
            if is_connection_error(error):
                self._drop_server()
            raise

    @property
    def lock(self) -> threading.Lock:
        """Held while talking to the server; taken before the cache's write lock, never after."""
        return self._lock

    # -- sending -----------------------------------------------------------------------------------

    def push_now(self) -> bool:
        """Send what is queued; True when nothing is left. Never raises: the reason is `last_error`."""
        from tutor.store.postgres_sync import is_connection_error, push

        started = time.monotonic()
        with self._lock:
            # A connection kept from before may be to a server that has restarted since: that one
            # fails at its first use, and a new connection is tried at once.
            for fresh in (self._pg is None, True):
                try:
                    push(self._server(), self._local())
                except Exception as error:  # offline, refused, or the cache is busy: all retried later
                    self.last_error = _reason(error)
                    if is_connection_error(error):
                        self._drop_server()
                    if fresh or not is_connection_error(error):
                        self._failed_at = started
                        return False
                else:
                    self.last_error = ""
                    self._failed_at = None
                    return True
            return False

    def pending(self) -> int:
        """How many changes wait to be sent."""
        with self._lock:
            return outbox.outbox_length(self._local())

    def rejected(self) -> int:
        """How many changes the server refused for good (kept aside in the cache)."""
        with self._lock:
            return outbox.rejected_count(self._local())

    def poke(self) -> None:
        """A change was written: send it soon, from the background thread (started on first use)."""
        self._changed_at = time.monotonic()
        if self._stopping.is_set():
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="tutor-replicator", daemon=True)
            self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        delay: float | None = None  # None: wait for the next write
        while True:
            self._wake.wait(delay)
            self._wake.clear()
            failed = self._failed_at
            if delay is not None and failed is not None:
                # While the server is away, a write does not bring the next try forward: one attempt
                # per delay, not one per answer.
                self._stopping.wait(max(0.0, delay - (time.monotonic() - failed)))
            if self._stopping.is_set():
                return
            if self.push_now():
                delay = None
            else:
                delay = RETRY_FIRST if delay is None else min(delay * 2, RETRY_MAX)

    def close(self) -> bool:
        """Stop the thread, send what is left once more, close the connections; True when nothing waits."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(CLOSE_JOIN_SECONDS)
        failed = self._failed_at
        # The server failed to answer an attempt made after the last change, a moment ago: trying
        # again would most likely keep the learner waiting a connect timeout for nothing at exit.
        # The queue is on disk and goes at the next start.
        tried = failed is not None and failed >= self._changed_at and time.monotonic() - failed < RECENT_FAILURE
        done = False if tried else self.push_now()
        with self._lock:
            self._drop_server()
            if self._db is not None:
                self._db.close()
                self._db = None
        return done


class ReplicatedStore(SQLiteStore):
    """A learner's store in a class database: a local SQLite cache serving everything, sent to PostgreSQL.

    Implements `tutor.store.interface.Store` exactly as `SQLiteStore` does (it is one); `sync`,
    `pending_changes` and `replication_error` tell about the copy on the server.
    """

    _replicator: Replicator | None = None

    def _write(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        result = super()._write(work)
        if self._replicator is not None:
            self._replicator.poke()
        return result

    def sync(self) -> bool:
        """Send every queued change now; True when the server has them all (else see `replication_error`)."""
        return self._replicator.push_now() if self._replicator is not None else True

    def pending_changes(self) -> int:
        """How many changes wait to be sent to the server."""
        return self._replicator.pending() if self._replicator is not None else 0

    def rejected_changes(self) -> int:
        """How many changes the server refused for good (kept in the cache's `outbox_rejected`)."""
        return self._replicator.rejected() if self._replicator is not None else 0

    def replication_error(self) -> str:
        """Why the last attempt to reach the server failed ("" when it did not)."""
        return self._replicator.last_error if self._replicator is not None else ""

    def refresh(self) -> bool:
        """Replace the cache by the server's rows when nothing is queued; False when it could not.

        The cache is locked for writing first and the outbox checked inside that lock, so a change
        made meanwhile by another window is never overwritten by an older copy from the server.
        """
        if self._replicator is None:
            return False
        from tutor.store.postgres_sync import pull

        replicator = self._replicator

        def work(db: sqlite3.Connection) -> bool:
            if outbox.outbox_length(db):
                return False
            rows = replicator.with_server_locked(pull)
            outbox.replace_rows(db, rows)
            return True

        # The replicator's lock first, as its thread takes them: never the cache's lock, then it.
        with replicator.lock:
            return bool(SQLiteStore._write(self, work))  # not ours: a refresh is nothing to send

    def close(self) -> None:
        """Send what is left (once, synchronously), then close the cache."""
        if self._replicator is not None:
            self._replicator.close()
            self._replicator = None
        super().close()


def open_replicated(path: Path, url: str, lang: str | None = None, *,
                    recover: bool = True) -> tuple[ReplicatedStore, OpenNotice | None]:
    """Open the learner's store in the class database `url`, with its cache next to `path`.

    Raises `StoreError` for a bad URL, a missing driver or a cache that cannot be opened; a server
    that cannot be reached or refuses is only told (the notice), the learner works locally.
    """
    try:
        import psycopg
    except ImportError:
        raise StoreError("database.no_driver", lang) from None
    check_url(url, lang)
    store, notice = ReplicatedStore.open(cache_path(path, url), lang, recover=recover)
    try:
        SQLiteStore._write(store, outbox.install)
    except sqlite3.Error as error:
        store.close()
        raise StoreError("store.cannot_open", lang, path=str(store.path), reason=str(error)) from error
    replicator = Replicator(store.path, url)
    store._replicator = replicator
    problem = _start(store, replicator, psycopg)
    if problem:
        text = _say("database.offline", store.lang, reason=problem)
        notice = OpenNotice(f"{notice.message}\n{text}" if notice else text)
    return store, notice


def _start(store: ReplicatedStore, replicator: Replicator, psycopg: Any) -> str:
    """Check the server's schema, send what waits, refresh the cache; the problem in words, or ""."""
    from tutor.store.postgres_schema import SERVER_SCHEMA_VERSION, server_schema_version

    try:
        version = replicator.with_server(lambda pg: _version(pg, server_schema_version))
    except psycopg.Error as error:
        return _reason(error)
    if version == 0:
        return _say("database.not_initialised", store.lang)
    if version > SERVER_SCHEMA_VERSION:
        return _say("database.newer", store.lang, version=version, known=SERVER_SCHEMA_VERSION)
    if not replicator.push_now():
        return replicator.last_error
    try:
        store.refresh()
    except (psycopg.Error, sqlite3.Error) as error:
        return _reason(error)
    return ""


def _version(pg: psycopg.Connection[tuple[Any, ...]], read: Callable[[Any], int]) -> int:
    with pg.transaction():
        return read(pg)


if TYPE_CHECKING:  # mypy checks here that the replicated store keeps the interface

    def _is_a_store(store: ReplicatedStore) -> Store:
        return store
