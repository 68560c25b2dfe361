"""Moving rows between a learner's local cache and the class's PostgreSQL database.

`push` sends the queued changes of the outbox (`tutor.store.outbox`) in order, in batches, each
batch one server transaction, and forgets them locally only once the server has committed: a crash
or a lost network in between sends them again, which the `ON CONFLICT` clauses make harmless.
A per-learner advisory lock keeps two windows of one learner from interleaving their batches. A
change the server refuses for good (a constraint: an answer to an attempt another host has reset)
is moved aside locally with the reason, never dropped; a refusal of another kind (permissions,
a schema not initialised) leaves everything queued and is reported.

`pull` reads one learner's rows back, in the cache's column order (`Table.columns`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from tutor.store import outbox
from tutor.store.outbox import TABLES, Change, Table

if TYPE_CHECKING:
    import sqlite3

    import psycopg

__all__ = ["BATCH", "CONNECT_TIMEOUT", "ServerRefused", "connect", "is_connection_error", "pull", "push"]

BATCH = 500  # changes per server transaction: an answer is 3–4 changes
CONNECT_TIMEOUT = 3  # seconds; libpq's minimum is 2. An unreachable host costs this, once, at start
STATEMENT_TIMEOUT_MS = 15_000
BOOLEAN_COLUMNS = frozenset({"correct"})  # INTEGER 0/1 in SQLite, boolean on the server


class ServerRefused(Exception):
    """The server refused the changes for a reason that retrying will not cure (permissions, schema)."""


def connect(url: str) -> psycopg.Connection[tuple[Any, ...]]:
    """A connection to the class database; the URL's own connect_timeout and options win over ours."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    given = conninfo_to_dict(url)
    extra: dict[str, Any] = {"application_name": "tutor"}
    if "connect_timeout" not in given:
        extra["connect_timeout"] = CONNECT_TIMEOUT
    connection = psycopg.connect(url, autocommit=False, **extra)
    try:
        with connection.transaction():
            # A commit must be on the server's disk before the outbox forgets it: a server set to
            # synchronous_commit=off would lose the last commits in a crash, after tutor had dropped them.
            connection.execute("SET synchronous_commit TO on")
            connection.execute(f"SET statement_timeout TO {STATEMENT_TIMEOUT_MS}")
    except BaseException:
        connection.close()
        raise
    return connection


def is_connection_error(error: BaseException) -> bool:
    """Whether `error` says the server could not be reached or the link broke (retry later)."""
    import psycopg

    if isinstance(error, psycopg.OperationalError):
        return not isinstance(error, psycopg.errors.QueryCanceled)  # a timeout on a live server: still a refusal
    return isinstance(error, psycopg.InterfaceError)


def _is_final(error: BaseException) -> bool:
    """A refusal of this one row (a constraint), not of the whole batch nor of the link."""
    import psycopg

    return isinstance(error, (psycopg.IntegrityError, psycopg.DataError))


def _upsert_sql(table: Table) -> str:
    columns = ", ".join(table.columns)
    marks = ", ".join("%s" for _ in table.columns)
    conflict = ", ".join(("learner", *table.key))
    if table.on_conflict == "nothing":
        action = "DO NOTHING"
    elif table.on_conflict.startswith("max:"):
        column = table.on_conflict.removeprefix("max:")
        action = f"DO UPDATE SET {column} = GREATEST(tutor.{table.name}.{column}, EXCLUDED.{column})"
    else:
        action = "DO UPDATE SET " + ", ".join(f"{column} = EXCLUDED.{column}" for column in table.values)
    return f"INSERT INTO tutor.{table.name} ({columns}) VALUES ({marks}) ON CONFLICT ({conflict}) {action}"


def _delete_sql(table: Table) -> str:
    where = " AND ".join(f"{column} = %s" for column in table.key)
    return f"DELETE FROM tutor.{table.name} WHERE learner = (session_user)::text AND {where}"


_UPSERT = {table.name: _upsert_sql(table) for table in TABLES}
_DELETE = {table.name: _delete_sql(table) for table in TABLES}


def _to_server(table: Table, row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(bool(value) if column in BOOLEAN_COLUMNS else value for column, value in zip(table.columns, row,
                                                                                               strict=True))


def _apply(cursor: psycopg.Cursor[tuple[Any, ...]], db: sqlite3.Connection, changes: list[Change]) -> None:
    sent: set[tuple[str, tuple[Any, ...]]] = set()
    for change in changes:
        name = change.table.name
        key = tuple(change.key.get(column) for column in change.table.key)
        if change.op == "delete":
            cursor.execute(_DELETE[name], key)  # built from the constant TABLES, never input
            sent.discard((name, key))
        elif (name, key) not in sent:  # the row's current values went already in this batch
            row = outbox.row_for(db, change)
            if row is not None:  # gone since: its delete comes later in the queue
                cursor.execute(_UPSERT[name], _to_server(change.table, row))
                sent.add((name, key))


@contextmanager
def _local_write(db: sqlite3.Connection) -> Iterator[None]:
    """One IMMEDIATE transaction on the cache (its busy timeout waits for the learner's own writes)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def push(pg: psycopg.Connection[tuple[Any, ...]], db: sqlite3.Connection, batch: int = BATCH,
         after_batch: Callable[[int], None] | None = None) -> int:
    """Send every queued change, oldest first; the number sent. Raises psycopg's error when the link
    breaks (the rest stays queued) and `ServerRefused` for a refusal retrying will not cure."""
    import psycopg

    total = 0
    while True:
        rejected: list[tuple[Change, str]] = []
        try:
            with pg.transaction(), pg.cursor() as cursor:
                # One learner's batches one after the other, whichever window or host sends them.
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext('tutor-outbox:' || session_user))")
                changes = outbox.pending_changes(db, batch)  # read under the lock: none sent twice at once
                if not changes:
                    return total
                try:
                    with pg.transaction():
                        _apply(cursor, db, changes)
                except psycopg.Error as error:
                    if not _is_final(error):
                        raise
                    for change in changes:  # find the row(s) refused, send the others
                        try:
                            with pg.transaction():
                                _apply(cursor, db, [change])
                        except psycopg.Error as single:
                            if not _is_final(single):
                                raise
                            rejected.append((change, str(single).splitlines()[0]))
        except psycopg.Error as error:
            if is_connection_error(error):
                raise
            raise ServerRefused(str(error).splitlines()[0] if str(error) else type(error).__name__) from error
        with _local_write(db):
            for change, reason in rejected:
                outbox.reject_change(db, change, reason, time.time())
            outbox.forget_changes(db, changes[-1].seq)
        total += len(changes)
        if after_batch is not None:
            after_batch(total)


def pull(pg: psycopg.Connection[tuple[Any, ...]], login: str | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """One learner's rows (the session's own when `login` is None), per table, in `Table.columns` order."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    with pg.transaction(), pg.cursor() as cursor:
        # One snapshot for every table: an answer is never seen without its attempt.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for table in TABLES:
            order = "answered_at, seq" if table.name == "answers" else ", ".join(table.key)
            who = "(session_user)::text" if login is None else "%s"
            cursor.execute(f"SELECT {', '.join(table.columns)} FROM tutor.{table.name}"
                           f" WHERE learner = {who} ORDER BY {order}", () if login is None else (login,))
            rows[table.name] = [
                tuple(int(value) if column in BOOLEAN_COLUMNS else value
                      for column, value in zip(table.columns, row, strict=True))
                for row in cursor.fetchall()
            ]
    return rows
