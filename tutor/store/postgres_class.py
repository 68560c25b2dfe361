"""What an instructor reads from the class database: who the learners are, a read-only store per
learner, and a wait on the answers as they come in.

For `tutor class`, connected as a member of `tutor_instructor` (see `tutor.store.postgres_schema`):

- `learners(url)`: the logins of the class (members of `tutor_learner`, and anyone with rows);
- `open_learner_view(url, login)`: that learner's rows, read once into an in-memory SQLite store, so
  every `Store` read answers exactly as the learner's own store does (the same code); every write
  raises `StoreError` (`database.view_read_only`);
- `AnswerListener(url)`: `wait(timeout)` returns the logins that answered since the last call
  (`NOTIFY tutor_answers`), to refresh only those.

Errors: `StoreError`, one line (a bad URL, an unreachable server, a role that may not read).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.store import outbox
from tutor.store.interface import StoreError
from tutor.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

    import psycopg

    from tutor.store.interface import Store

__all__ = ["AnswerListener", "LearnerView", "learners", "open_learner_view"]


def _connect(url: str, lang: str | None) -> psycopg.Connection[tuple[Any, ...]]:
    try:
        import psycopg
    except ImportError:
        raise StoreError("database.no_driver", lang) from None
    from tutor.store.postgres import check_url
    from tutor.store.postgres_sync import connect

    check_url(url, lang)
    try:
        return connect(url)
    except psycopg.Error as error:
        raise StoreError("database.unreachable", lang, reason=" ".join(str(error).split())) from error


def _read(url: str, lang: str | None, work: Callable[[psycopg.Connection[tuple[Any, ...]]], Any]) -> Any:
    import psycopg

    connection = _connect(url, lang)
    try:
        return work(connection)
    except psycopg.Error as error:
        raise StoreError("database.refused", lang, reason=" ".join(str(error).split())) from error
    finally:
        connection.close()


def learners(url: str, lang: str | None = None) -> list[str]:
    """The class's learner logins, sorted: members of `tutor_learner` and anyone with progress rows."""
    from tutor.store.postgres_schema import LEARNER_ROLE

    def work(pg: psycopg.Connection[tuple[Any, ...]]) -> list[str]:
        with pg.transaction():
            rows = pg.execute(
                "SELECT member.rolname FROM pg_auth_members AS m JOIN pg_roles AS member ON member.oid = m.member"
                " JOIN pg_roles AS grp ON grp.oid = m.roleid WHERE grp.rolname = %s"
                " UNION SELECT learner FROM tutor.attempts UNION SELECT learner FROM tutor.sections_read"
                " ORDER BY 1", (LEARNER_ROLE,)).fetchall()
        return [str(row[0]) for row in rows]

    result: list[str] = _read(url, lang, work)
    return result


class LearnerView(SQLiteStore):
    """One learner's progress as read from the server, in memory: every read of `Store`, no write."""

    _loaded = False

    def _write(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        if self._loaded:
            raise StoreError("database.view_read_only", self.lang)
        return super()._write(work)


def open_learner_view(url: str, login: str, lang: str | None = None) -> Store:
    """A read-only `Store` of `login`'s rows in the class database (a snapshot taken now)."""
    from tutor.store.postgres_sync import pull

    rows = _read(url, lang, lambda pg: pull(pg, login))
    connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    view = LearnerView(connection, Path(f"postgresql:{login}"))
    view.lang = lang
    view._migrate()
    view._write(outbox.install)  # the table that pauses the outbox (never filled here)
    view._write(lambda db: outbox.replace_rows(db, rows))
    view._loaded = True
    return view


class AnswerListener:
    """Waits for `NOTIFY tutor_answers`: which learners answered since the last `wait`.

    Use as a context manager (or call `close`). Any role may listen; the payload is a login only.
    """

    def __init__(self, url: str, lang: str | None = None) -> None:
        from psycopg import sql

        from tutor.store.postgres_schema import CHANNEL

        self.lang = lang
        self._connection = _connect(url, lang)
        self._connection.autocommit = True  # LISTEN takes effect at once, notifications arrive between queries
        self._connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(CHANNEL)))

    def wait(self, timeout: float) -> set[str]:
        """The logins whose answers arrived, waiting up to `timeout` seconds for the first one."""
        import psycopg

        found: set[str] = set()
        try:
            for notify in self._connection.notifies(timeout=timeout, stop_after=1):
                found.add(notify.payload)
            # Whatever else already arrived, without waiting again.
            for notify in self._connection.notifies(timeout=0):
                found.add(notify.payload)
        except psycopg.Error as error:
            raise StoreError("database.unreachable", self.lang, reason=" ".join(str(error).split())) from error
        return found

    def close(self) -> None:
        """Stop listening."""
        self._connection.close()

    def __enter__(self) -> AnswerListener:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


if TYPE_CHECKING:  # mypy checks here that a learner's view keeps the interface

    def _is_a_store(view: LearnerView) -> Store:
        return view
