"""Publishing a learner's snapshot: one atomic file write, and a background publisher that never slows an answer.

`write_snapshot` replaces `<login>.json` in the class directory atomically: a temporary file of an
unguessable name, created exclusively and without following links, made 0640 whatever the umask,
synced, then renamed over our own file. A `<login>.json` that is not ours (a learner squatting on
another's name, or a symbolic link) is refused, never written through.

`Publisher` runs in a thread of its own, with its own store connection (opened there: a store's
connection belongs to the thread that opened it). The app and plain mode only call `request()`,
which takes a lock for a few instructions and returns: the answer is already in the local store by
then (the quiz's write queue commits it first), and nothing the class directory does (full, read
only, on a hung network file system) reaches the learner's keys. Requests made while a snapshot is
written coalesce into one more; a failure is retried at the next request, on a timer, and at exit.
"""

from __future__ import annotations

import os
import secrets
import stat
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.classroom.directory import FILE_MODE, Notice, learner_file, owner_name
from tutor.classroom.snapshot import build_snapshot, encode

if TYPE_CHECKING:
    from tutor.store.interface import Store

__all__ = ["PublishError", "Publisher", "write_snapshot"]

RETRY_EVERY = 30.0  # seconds between retries while the class directory refuses our file
CLOSE_WAIT = 2.0  # seconds the last publication may delay the exit (a hung network file system)


class PublishError(Exception):
    """The snapshot could not be written: a notice (key and values) to show in the learner's language."""

    def __init__(self, key: str, **values: object) -> None:
        self.notice = Notice(key, dict(values))
        super().__init__(self.notice.text("en"))


def write_snapshot(directory: Path, login: str, payload: bytes) -> Path:
    """Replace `<directory>/<login>.json` with `payload`, atomically; raises `PublishError`."""
    target = learner_file(directory, login)
    uid = os.geteuid()
    try:
        present = os.lstat(target)
    except FileNotFoundError:
        present = None
    except OSError as error:
        raise PublishError("class.publish.failed", path=str(target), reason=error.strerror or str(error)) from error
    if present is not None and (not stat.S_ISREG(present.st_mode) or present.st_uid != uid):
        raise PublishError("class.setup.squatted", file=str(target), owner=owner_name(present.st_uid))
    # Hidden and unguessable: other learners cannot list the directory, nor predict the name to race us.
    temporary = directory / f".{login}.{secrets.token_hex(8)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(temporary, flags, FILE_MODE)
    except OSError as error:
        raise PublishError("class.publish.failed", path=str(target), reason=error.strerror or str(error)) from error
    try:
        try:
            os.fchmod(descriptor, FILE_MODE)  # the umask may have taken the group's read away
            view = memoryview(payload)
            while view:
                view = view[os.write(descriptor, view):]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, target)  # the sticky directory lets us replace only our own file
    except OSError as error:
        with suppress(OSError):  # cleaning up: the first error is the one that matters
            os.unlink(temporary)
        raise PublishError("class.publish.failed", path=str(target), reason=error.strerror or str(error)) from error
    except BaseException:
        with suppress(OSError):  # cleaning up: the first error is the one that matters
            os.unlink(temporary)
        raise
    return target


class Publisher:
    """Publishes one learner's snapshot from a background thread (see the module's docstring).

    `open_store` opens the learner's store for reading; it is called in the publisher's thread.
    """

    def __init__(self, directory: Path, login: str, *, name: str, lang: str, open_store: Callable[[], Store],
                 retry_every: float = RETRY_EVERY, clock: Callable[[], float] = time.time) -> None:
        self.directory = directory
        self.login = login
        self.name = name
        self.lang = lang
        self._open_store = open_store
        self._retry_every = retry_every
        self._clock = clock
        self._changed = threading.Condition()
        self._wanted = 0  # requests so far
        self._done = 0  # the request the last good publication covered
        self._tried = 0  # the request the last attempt covered, good or not
        self._closing = False
        self.error: Notice | None = None  # why the last attempt failed (None: it did not)
        self.published = 0  # files written
        self._thread = threading.Thread(target=self._run, name=f"tutor-class-publisher-{login}", daemon=True)

    def start(self) -> Publisher:
        """Start the thread and publish once (the learner appears on the dashboard at once)."""
        self._thread.start()
        self.request()
        return self

    def request(self) -> None:
        """Ask for a publication soon; returns at once (called after each write of a quiz attempt)."""
        with self._changed:
            self._wanted += 1
            self._changed.notify_all()

    @property
    def up_to_date(self) -> bool:
        """Whether every request so far is published."""
        with self._changed:
            return self._done == self._wanted

    def wait(self, timeout: float) -> bool:
        """Wait until every request made so far was tried (published or failed); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            target = self._wanted
            while self._tried < target:
                left = deadline - time.monotonic()
                if left <= 0 or not self._thread.is_alive():
                    return False
                self._changed.wait(left)
            return True

    def wait_up_to_date(self, timeout: float) -> bool:
        """Wait until every request made so far is published (retries included); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            target = self._wanted
            while self._done < target:
                left = deadline - time.monotonic()
                if left <= 0 or not self._thread.is_alive():
                    return False
                self._changed.wait(left)
            return True

    def close(self, timeout: float = CLOSE_WAIT) -> Notice | None:
        """Publish a last time (waiting at most `timeout`) and stop; why the class lacks our latest results, if so."""
        if self._thread.is_alive():
            with self._changed:
                self._wanted += 1
                self._closing = True
                self._changed.notify_all()
            self._thread.join(timeout)
        with self._changed:
            if self._done == self._wanted:
                return None
            return self.error or Notice("class.publish.late", {"path": str(self.directory)})

    def _next(self) -> int | None:
        """Block until there is something to publish (a request, a retry due, closing); None: stop."""
        with self._changed:
            while True:
                if self._wanted > self._tried:
                    return self._wanted
                if self._closing:
                    return None
                if self._done < self._tried:  # the last attempt failed: retry on the timer
                    if not self._changed.wait(self._retry_every):
                        return self._wanted
                    continue
                self._changed.wait()

    def _run(self) -> None:
        store: Store | None = None
        try:
            while (target := self._next()) is not None:
                try:
                    if store is None:
                        store = self._open_store()
                    snapshot = build_snapshot(store, login=self.login, name=self.name, lang=self.lang,
                                              now=self._clock())
                    write_snapshot(self.directory, self.login, encode(snapshot))
                except PublishError as failure:
                    self._finished(target, failure.notice)
                except Exception as failure:  # noqa: BLE001 - a store that cannot be read now: say why, retry later
                    if store is not None:
                        with suppress(Exception):
                            store.close()
                        store = None  # reopened on the next try (a store moved aside meanwhile)
                    reason = str(failure) or type(failure).__name__
                    self._finished(target, Notice("class.publish.store", {"reason": reason}))
                else:
                    self.published += 1
                    self._finished(target, None)
        finally:
            if store is not None:
                with suppress(Exception):
                    store.close()
            with self._changed:
                self._changed.notify_all()

    def _finished(self, target: int, error: Notice | None) -> None:
        with self._changed:
            self._tried = max(self._tried, target)
            if error is None:
                self._done = max(self._done, target)
            self.error = error
            self._changed.notify_all()
