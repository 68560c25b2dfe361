"""A class across several hosts: its learners read from the class database instead of a directory.

`tutor class postgresql://…` shows the same dashboard, JSON and CSV as `tutor class DIR`: each
learner's rows are read through the instructor's role (tutor.store.postgres_class) into a read-only
`Store`, turned into the snapshot a learner would publish (tutor.classroom.snapshot), and checked by
the same parser as a published file — one model whatever the source. Live updates come from the
database's `NOTIFY tutor_answers` (a login per answer): only the learners named are read again, and
the list of learners is checked again when the channel has been quiet for `QUIET_SECONDS`.

Errors reaching the server are `StoreError` (one line, in the instructor's language).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterable

from tutor.classroom.directory import Notice
from tutor.classroom.reading import FileProblem, FileRefused, LearnerRecord, parse_snapshot
from tutor.classroom.snapshot import build_snapshot, encode
from tutor.store.interface import StoreError

__all__ = ["QUIET_SECONDS", "DatabaseReader", "database_changes", "database_problem", "is_database_url", "shown_url"]

QUIET_SECONDS = 30.0  # without an answer, the learners' list is checked this often (a new role, a reset)
WAIT_SECONDS = 1.0  # one wait on the channel; the watch stops within this once the dashboard closes


def is_database_url(text: str) -> bool:
    """Whether `tutor class` was given a class database rather than a directory."""
    return text.startswith(("postgresql://", "postgres://"))


def shown_url(url: str) -> str:
    """`url` as it may be shown on screen and in JSON: the password replaced by `***`."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.hostname or ""
        netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    except ValueError:  # a port that is no number: show nothing of what follows the scheme
        return url.split("://", 1)[0] + "://…"
    return urlunsplit(parts._replace(netloc=netloc))


def _last_activity(snapshot: dict[str, object]) -> float:
    """The learner's latest answer, start or end: what "updated" means for a file, for rows."""
    times = [0.0]
    attempts = snapshot.get("attempts")
    for attempt in attempts if isinstance(attempts, list) else []:
        times += [float(attempt.get("started") or 0.0), float(attempt.get("ended") or 0.0)]
        times += [float(answer.get("at") or 0.0) for answer in attempt.get("answers", [])]
    return max(times)


class DatabaseReader:
    """The learners of a class database, re-read only when the channel names them (as `ClassReader`)."""

    def __init__(self, url: str, lang: str | None = None) -> None:
        self.url = url
        self.lang = lang
        self._entries: dict[str, LearnerRecord | FileProblem] = {}
        self.reads = 0  # learners read so far

    def refresh(self, changed: Iterable[str] = ()) -> bool:
        """Read the learners named in `changed` and any new one; forget those gone. Raises `StoreError`."""
        from tutor.store.postgres_class import learners

        present = set(learners(self.url, self.lang))
        gone = set(self._entries) - present
        for login in gone:
            del self._entries[login]
        wanted = (present - set(self._entries)) | (present & set(changed))
        for login in sorted(wanted):
            self._entries[login] = self._read(login)
        return bool(gone or wanted)

    def _read(self, login: str) -> LearnerRecord | FileProblem:
        from tutor.store.postgres_class import open_learner_view

        self.reads += 1
        view = open_learner_view(self.url, login, self.lang)
        try:
            attempts = view.attempts(limit=1)
            lang = attempts[0].lang if attempts else (self.lang or "fr")
            snapshot = build_snapshot(view, login=login, name=login, lang=lang, now=0.0)
        finally:
            view.close()
        snapshot["updated"] = _last_activity(snapshot)
        try:
            return parse_snapshot(encode(snapshot), login)
        except FileRefused as refused:  # rows a learner wrote that no published file could hold
            return FileProblem(login, refused.notice)

    @property
    def learners(self) -> list[LearnerRecord]:
        """The learners read, by login."""
        return sorted((e for e in self._entries.values() if isinstance(e, LearnerRecord)), key=lambda r: r.login)

    @property
    def problems(self) -> list[FileProblem]:
        """The learners whose rows could not be shown, with the reason."""
        return sorted((e for e in self._entries.values() if isinstance(e, FileProblem)), key=lambda p: p.file)


async def database_changes(url: str, ready: Callable[[], None] | None = None, *, lang: str | None = None,
                           quiet: float = QUIET_SECONDS) -> AsyncIterator[set[str]]:
    """Yield the logins that answered (an empty set after `quiet` seconds without any: re-check the list).

    Listens on the class database's channel in a thread (psycopg's wait blocks); raises `StoreError`
    when the server goes away, which the dashboard shows.
    """
    from tutor.store.postgres_class import AnswerListener

    listener = await asyncio.to_thread(AnswerListener, url, lang)
    try:
        if ready is not None:
            ready()
        loop = asyncio.get_running_loop()
        quiet_since = loop.time()
        while True:
            logins = await asyncio.to_thread(listener.wait, WAIT_SECONDS)
            if logins:
                quiet_since = loop.time()
                yield logins
            elif loop.time() - quiet_since >= quiet:
                quiet_since = loop.time()
                yield set()
    finally:
        listener.close()


def database_problem(error: StoreError) -> Notice:
    """A failure to read the class database, as a set-up notice the dashboard lists."""
    return Notice(error.key, dict(error.values))
