"""The local side of the shared class database: which tables are copied, and the durable outbox.

A learner whose progress goes to PostgreSQL keeps working on a local SQLite file (the cache,
`tutor.store.postgres.ReplicatedStore`), which serves every read. Triggers on its tables write one
outbox row per changed row, inside the very transaction that changes it, so a change is either
both made and queued or neither: nothing recorded can be forgotten by the replication, whatever
is killed when. An outbox row names the table, the operation (`upsert` or `delete`) and the row's
natural key (JSON text: the attempt's uuid, never its local id, which differs from host to host);
the values are read from the table when the change is sent, so a replay sends the same values
again and, applied with `INSERT … ON CONFLICT` on the server, never duplicates anything.

Refreshing the cache from the server (`replace_rows`) pauses the triggers inside its own
transaction: rows copied from the server are not changes to send back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["TABLES", "TRIGGERS_VERSION", "Change", "Table", "install", "outbox_length", "pending_changes",
           "forget_changes", "reject_change", "rejected_count", "local_rows", "replace_rows", "row_for"]

# Bumped when the triggers change: an older cache gets the new ones when it is opened.
TRIGGERS_VERSION = "1"


@dataclass(frozen=True)
class Table:
    """A table copied to the server: its natural key and its columns (server names, key first)."""

    name: str
    key: tuple[str, ...]
    values: tuple[str, ...]
    on_conflict: str  # "nothing": the first row wins; "replace": the latest row wins; "max:<col>": only goes up
    by_attempt: bool = False  # rows of an attempt: local `attempt_id`, `attempt_uuid` on the server

    @property
    def columns(self) -> tuple[str, ...]:
        """Key columns, then value columns."""
        return self.key + self.values


# In dependency order: attempts before the answers and hints that refer to them.
TABLES: tuple[Table, ...] = (
    Table("sections_read", ("module", "section"), ("read_at",), "nothing"),
    Table("positions", ("module",), ("section", "updated_at"), "replace"),
    Table("attempts", ("uuid",), ("bank", "module", "kind", "mode", "lang", "seed", "settings", "question_ids",
                                  "time_limit", "pass_mark", "started_at", "ended_at", "elapsed", "state"), "replace"),
    Table("answers", ("attempt_uuid", "question_id"), ("topic", "answer", "earned", "max_points", "credit", "correct",
                                                      "hints", "seconds", "answered_at"), "nothing", by_attempt=True),
    Table("attempt_hints", ("attempt_uuid", "question_id"), ("hints",), "max:hints", by_attempt=True),
    Table("review_cards", ("question_id",), ("module", "card", "due", "reviews", "updated_at"), "replace"),
    Table("saved_configs", ("name",), ("kind", "data", "saved_at"), "replace"),
)
BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}

_PAUSED = "NOT EXISTS (SELECT 1 FROM replica WHERE key = 'paused')"


def _key_json(table: Table, row: str) -> str:
    """SQL building the JSON key of the `row` (NEW or OLD) of `table`."""
    parts = []
    for column in table.key:
        if column == "attempt_uuid":
            parts.append(f"'attempt_uuid', (SELECT uuid FROM attempts WHERE id = {row}.attempt_id)")
        else:
            parts.append(f"'{column}', {row}.{column}")
    return f"json_object({', '.join(parts)})"


def _statements() -> Iterator[str]:
    yield ("CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL,"
           " op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')), key TEXT NOT NULL)")
    # Changes the server refused for good (e.g. an answer to an attempt another host reset): kept, not lost.
    yield ("CREATE TABLE IF NOT EXISTS outbox_rejected (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL,"
           " key TEXT NOT NULL, reason TEXT NOT NULL, rejected_at REAL NOT NULL)")
    yield "CREATE TABLE IF NOT EXISTS replica (key TEXT PRIMARY KEY, value TEXT)"
    for table in TABLES:
        for event in ("INSERT", "UPDATE"):
            yield (f"CREATE TRIGGER IF NOT EXISTS outbox_{table.name}_{event.lower()} AFTER {event} ON {table.name}"
                   f" WHEN {_PAUSED} BEGIN INSERT INTO outbox (tbl, op, key)"
                   f" VALUES ('{table.name}', 'upsert', {_key_json(table, 'NEW')}); END")
        if not table.by_attempt:
            # Answers and hints go with their attempt: the server's foreign key cascades the delete.
            yield (f"CREATE TRIGGER IF NOT EXISTS outbox_{table.name}_delete AFTER DELETE ON {table.name}"
                   f" WHEN {_PAUSED} BEGIN INSERT INTO outbox (tbl, op, key)"
                   f" VALUES ('{table.name}', 'delete', {_key_json(table, 'OLD')}); END")


def install(db: sqlite3.Connection) -> None:
    """Create the outbox and its triggers (inside the caller's write transaction); idempotent."""
    row = None
    try:
        row = db.execute("SELECT value FROM replica WHERE key = 'triggers'").fetchone()
    except sqlite3.OperationalError:
        pass  # no replica table yet: a new cache
    if row is not None and row[0] == TRIGGERS_VERSION:
        return
    triggers = db.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'outbox_%'").fetchall()
    for name, in triggers:
        db.execute(f'DROP TRIGGER "{name}"')  # names are ours (outbox_<table>_<event>)
    for statement in _statements():
        db.execute(statement)
    db.execute("INSERT INTO replica (key, value) VALUES ('triggers', ?)"
               " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (TRIGGERS_VERSION,))


@dataclass(frozen=True)
class Change:
    """One queued change: `op` ("upsert" or "delete") of the row of `table` with `key`."""

    seq: int
    table: Table
    op: str
    key: dict[str, Any]


def pending_changes(db: sqlite3.Connection, limit: int) -> list[Change]:
    """The oldest `limit` queued changes, in order (rows naming an unknown table are skipped)."""
    changes = []
    for seq, name, op, key in db.execute("SELECT seq, tbl, op, key FROM outbox ORDER BY seq LIMIT ?", (limit,)):
        table = BY_NAME.get(name)
        try:
            values = json.loads(key)
        except (TypeError, ValueError):
            values = None
        if table is not None and isinstance(values, dict):
            changes.append(Change(seq, table, op, values))
    return changes


def outbox_length(db: sqlite3.Connection) -> int:
    """How many changes wait to be sent."""
    return int(db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])


def rejected_count(db: sqlite3.Connection) -> int:
    """How many changes the server refused for good (kept in `outbox_rejected`)."""
    return int(db.execute("SELECT COUNT(*) FROM outbox_rejected").fetchone()[0])


def forget_changes(db: sqlite3.Connection, upto: int) -> None:
    """Drop the changes up to `upto` (the server has committed them)."""
    db.execute("DELETE FROM outbox WHERE seq <= ?", (upto,))


def reject_change(db: sqlite3.Connection, change: Change, reason: str, when: float) -> None:
    """Move a change the server refuses for good out of the queue, keeping it with the reason."""
    db.execute("INSERT OR REPLACE INTO outbox_rejected (seq, tbl, op, key, reason, rejected_at)"
               " SELECT seq, tbl, op, key, ?, ? FROM outbox WHERE seq = ?", (reason, when, change.seq))
    db.execute("DELETE FROM outbox WHERE seq = ?", (change.seq,))


def _local_select(table: Table) -> str:
    """SELECT of the replicated columns of `table`, in `table.columns` order (uuid for attempt rows)."""
    if table.by_attempt:
        columns = ", ".join(["attempts.uuid", *(f"{table.name}.{c}" for c in table.columns[1:])])
        return f"SELECT {columns} FROM {table.name} JOIN attempts ON attempts.id = {table.name}.attempt_id"
    return f"SELECT {', '.join(table.columns)} FROM {table.name}"


def row_for(db: sqlite3.Connection, change: Change) -> tuple[Any, ...] | None:
    """The current values of the row a change names (None when it is gone since)."""
    table = change.table
    where = " AND ".join(("attempts.uuid = ?" if column == "attempt_uuid" else f"{table.name}.{column} = ?")
                         for column in table.key)
    try:
        params = tuple(change.key[column] for column in table.key)
    except KeyError:
        return None
    row = db.execute(f"{_local_select(table)} WHERE {where}", params).fetchone()
    return tuple(row) if row is not None else None


def local_rows(db: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every replicated row of the cache, per table, in a stable order (for comparisons and views)."""
    result = {}
    for table in TABLES:
        order = ", ".join(f"{index + 1}" for index in range(len(table.columns)))
        result[table.name] = [tuple(row) for row in db.execute(f"{_local_select(table)} ORDER BY {order}")]
    return result


def replace_rows(db: sqlite3.Connection, rows: Mapping[str, Iterable[Sequence[Any]]]) -> None:
    """Make the cache hold exactly `rows` (per table, in `Table.columns` order), inside the caller's transaction.

    Attempts keep their local id when their uuid is already known (a window still open on it goes on
    writing to the same attempt); new ones get the next free id. The outbox triggers are paused.
    """
    db.execute("INSERT OR REPLACE INTO replica (key, value) VALUES ('paused', '1')")
    try:
        ids = dict(db.execute("SELECT uuid, id FROM attempts").fetchall())
        for table in reversed(TABLES):
            db.execute(f"DELETE FROM {table.name}")  # fixed names, never input
        for table in TABLES:
            if table.name == "attempts":
                columns = ("id", *table.columns)
                given = list(rows.get(table.name, ()))
                # Known ids first: a new attempt must not take the id an attempt still to come keeps.
                data: Iterable[Sequence[Any]] = [(ids[row[0]], *row) for row in given if row[0] in ids] + [
                    (None, *row) for row in given if row[0] not in ids]
            elif table.by_attempt:
                columns = ("attempt_id", *table.columns[1:])
                fresh = dict(db.execute("SELECT uuid, id FROM attempts").fetchall())
                data = ((fresh[row[0]], *row[1:]) for row in rows.get(table.name, ()) if row[0] in fresh)
            else:
                columns, data = table.columns, rows.get(table.name, ())
            marks = ", ".join("?" for _ in columns)
            db.executemany(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})", data)
    finally:
        db.execute("DELETE FROM replica WHERE key = 'paused'")
