"""Reading the class directory: every learner's file is untrusted input.

A learner writes their own file, and a learner who wants to can write anything into it, or put
another file under someone else's name. So a file is read only if it is a regular file (opened
without following links, without blocking on a FIFO), no larger than `MAX_FILE_BYTES`, and owned
by the user it names (`alice.json` must belong to the uid of `alice`); its JSON must have the
snapshot's shape (tutor.classroom.snapshot) with finite, bounded numbers and short strings, and
every string is cleaned of terminal controls before it reaches a screen or a CSV. A file that
breaks a rule is listed as a problem (its name and why), never a traceback, and the others are
still shown.

`ClassReader` keeps what it read and re-reads only the files whose inode, size, time or owner
changed: the dashboard hands it the names inotify reported, and a full scan costs one `lstat` per
learner.
"""

from __future__ import annotations

import json
import math
import os
import pwd
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.classroom.directory import Notice, login_of, owner_name
from tutor.classroom.snapshot import FORMAT, VERSION
from tutor.quiz.results import MAX_POINTS, one_line

__all__ = [
    "ClassAnswer", "ClassAttempt", "ClassReader", "FileProblem", "FileRefused", "LearnerRecord", "TopicScore",
    "read_learner_file",
]

#: A published file holds at most a few hundred attempts: tens of kB. 4 MB leaves room, refuses a runaway.
MAX_FILE_BYTES = 4_000_000
MAX_TEXT = 200  # characters of any published name, id or topic
MAX_ATTEMPTS = 1_000
MAX_ANSWERS = 1_000  # per attempt
MAX_TOPICS = 500
MAX_SECONDS = 1e11  # a time (epoch seconds) or a duration beyond the year 5000 is not one tutor wrote


@dataclass(frozen=True)
class TopicScore:
    """Points earned and available in a topic, over every answer of a learner."""

    earned: float
    max_points: float
    answers: int

    @property
    def mastery(self) -> float | None:
        """earned / max_points (None without points to earn)."""
        return self.earned / self.max_points if self.max_points > 0 else None


@dataclass(frozen=True)
class ClassAnswer:
    """One answer of a published attempt."""

    question_id: str
    topic: str
    earned: float
    max_points: float
    at: float


@dataclass(frozen=True)
class ClassAttempt:
    """A published attempt: where the learner is in it, and the points of each answer."""

    uuid: str
    bank: str
    module: str
    kind: str
    mode: str
    state: str
    started: float
    ended: float | None
    elapsed: float
    time_limit: float | None
    total: int
    answers: tuple[ClassAnswer, ...]

    @property
    def last_activity(self) -> float:
        """The time of the last answer (the start when none yet)."""
        return max([self.started, *(a.at for a in self.answers)])

    @property
    def reached(self) -> int:
        """The question the learner is on (1-based; the last one once every question is answered)."""
        return max(1, min(self.total, len(self.answers) + 1)) if self.total else 0

    @property
    def score(self) -> tuple[float, float]:
        """(points earned, points available) over the answers given."""
        return sum(a.earned for a in self.answers), sum(a.max_points for a in self.answers)

    def time_left(self, updated: float, now: float) -> float | None:
        """Seconds left at `now` in a timed attempt, counted from the clock published at `updated`.

        The clock runs on since the last publication, as under the default exam rule (`deadline`):
        a learner's tutor publishes the clock every few seconds while the exam is open.
        """
        if self.time_limit is None:
            return None
        return max(0.0, self.time_limit - self.elapsed - max(0.0, now - updated))


@dataclass(frozen=True)
class LearnerRecord:
    """One learner's published snapshot, checked."""

    login: str
    name: str
    lang: str
    updated: float
    topics: Mapping[str, TopicScore]
    attempts: tuple[ClassAttempt, ...]

    @property
    def open_attempts(self) -> list[ClassAttempt]:
        """The attempts still running, most recently active first."""
        running = [a for a in self.attempts if a.state == "open"]
        return sorted(running, key=lambda a: -a.last_activity)


class FileRefused(Exception):
    """A learner's file that is not shown: why, as a notice."""

    def __init__(self, key: str, **values: object) -> None:
        self.notice = Notice(key, dict(values))
        super().__init__(self.notice.text("en"))


@dataclass(frozen=True)
class FileProblem:
    """A file of the class directory that was not shown, and why."""

    file: str
    notice: Notice

    def text(self, lang: str) -> str:
        """`alice.json: why` in `lang`."""
        return t_at(self.file, self.notice.text(lang), lang)


def t_at(file: str, reason: str, lang: str) -> str:
    """`FILE: reason` (French: `FILE : reason`)."""
    from tutor.i18n.catalogue import t

    return one_line(t("class.file.at", lang, file=file, reason=reason))


def uid_of_login(login: str) -> int | None:
    """The uid of `login` from the passwd database (None: no such user)."""
    try:
        return pwd.getpwnam(login).pw_uid
    except KeyError:
        return None


# -- one file ------------------------------------------------------------------------------------


def read_learner_file(path: Path, uid_of: Callable[[str], int | None] = uid_of_login) -> LearnerRecord:
    """The snapshot in `path` (named `<login>.json`), checked; raises `FileRefused`."""
    login = login_of(path.name)
    if login is None:
        raise FileRefused("class.file.bad_name")
    expected = uid_of(login)
    if expected is None:
        raise FileRefused("class.file.no_user", login=login)
    flags = os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if os.path.islink(path):
            raise FileRefused("class.file.not_regular") from error
        raise FileRefused("class.file.cannot_read", reason=error.strerror or str(error)) from error
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused("class.file.not_regular")
        if info.st_uid != expected:
            raise FileRefused("class.file.wrong_owner", owner=owner_name(info.st_uid), login=login)
        if info.st_size > MAX_FILE_BYTES:
            raise FileRefused("class.file.too_large", megabytes=MAX_FILE_BYTES // 1_000_000)
        chunks, remaining = [], MAX_FILE_BYTES + 1
        while remaining > 0 and (chunk := os.read(descriptor, min(remaining, 1 << 20))):
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
    except OSError as error:
        raise FileRefused("class.file.cannot_read", reason=error.strerror or str(error)) from error
    finally:
        os.close(descriptor)
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused("class.file.too_large", megabytes=MAX_FILE_BYTES // 1_000_000)
    return parse_snapshot(data, login)


def parse_snapshot(data: bytes, login: str) -> LearnerRecord:
    """A snapshot's bytes, checked against its shape (see tutor.classroom.snapshot); raises `FileRefused`."""
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise FileRefused("class.file.not_utf8", byte=error.start) from error
    except RecursionError as error:  # [[[[…]]]] nested deeper than Python recurses
        raise FileRefused("class.file.bad_json", reason="nested too deeply") from error
    except ValueError as error:  # JSONDecodeError, or an integer of more digits than Python converts
        raise FileRefused("class.file.bad_json", reason=one_line(str(error).split(";")[0])) from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FileRefused("class.file.not_snapshot", format=FORMAT)
    version = document.get("version")
    if type(version) is not int or version != VERSION:  # bool is an int: `true` is not version 1
        raise FileRefused("class.file.version", version=_shown(version), supported=VERSION)
    if document.get("login") != login:
        raise FileRefused("class.file.other_login", named=_shown(document.get("login")), login=login)
    topics_data = _typed(document, "topics", dict, "topics")
    if len(topics_data) > MAX_TOPICS:
        raise FileRefused("class.file.too_many", field="topics", limit=MAX_TOPICS)
    topics = {}
    for topic, value in topics_data.items():
        where = f"topics.{_shown(topic)}"
        entry = _typed({"t": value}, "t", dict, where)
        earned = _points(entry, "earned", where)
        max_points = _points(entry, "max_points", where, limit=MAX_POINTS * MAX_ANSWERS * MAX_ATTEMPTS)
        if earned > max_points + 1e-9:
            raise FileRefused("class.file.earned_above", field=where)
        answers = entry.get("answers")
        if type(answers) is not int or not 0 <= answers <= MAX_ANSWERS * MAX_ATTEMPTS:
            raise FileRefused("class.file.bad_field", field=f"{where}.answers")
        topics[_text(topic, where)] = TopicScore(earned, max_points, answers)
    attempts_data = _typed(document, "attempts", list, "attempts")
    if len(attempts_data) > MAX_ATTEMPTS:
        raise FileRefused("class.file.too_many", field="attempts", limit=MAX_ATTEMPTS)
    attempts = tuple(_attempt(item, f"attempts[{index}]") for index, item in enumerate(attempts_data))
    return LearnerRecord(
        login=login,
        name=_text(document.get("name"), "name"),
        lang=_text(document.get("lang"), "lang"),
        updated=_seconds(document, "updated", "updated"),
        topics=topics,
        attempts=attempts,
    )


def _attempt(value: object, where: str) -> ClassAttempt:
    item = _typed({"a": value}, "a", dict, where)
    answers_data = _typed(item, "answers", list, f"{where}.answers")
    if len(answers_data) > MAX_ANSWERS:
        raise FileRefused("class.file.too_many", field=f"{where}.answers", limit=MAX_ANSWERS)
    answers = []
    for index, answer in enumerate(answers_data):
        place = f"{where}.answers[{index}]"
        entry = _typed({"a": answer}, "a", dict, place)
        earned, max_points = _points(entry, "earned", place), _points(entry, "max_points", place)
        if earned > max_points + 1e-9:
            raise FileRefused("class.file.earned_above", field=place)
        answers.append(ClassAnswer(_text(entry.get("question"), f"{place}.question"),
                                   _text(entry.get("topic"), f"{place}.topic"), earned, max_points,
                                   _seconds(entry, "at", place)))
    state = _text(item.get("state"), f"{where}.state")
    if state not in ("open", "finished", "abandoned"):
        raise FileRefused("class.file.bad_field", field=f"{where}.state")
    total = item.get("total")
    if type(total) is not int or not 0 <= total <= MAX_ANSWERS:
        raise FileRefused("class.file.bad_field", field=f"{where}.total")
    return ClassAttempt(
        uuid=_text(item.get("uuid"), f"{where}.uuid"), bank=_text(item.get("bank"), f"{where}.bank"),
        module=_text(item.get("module"), f"{where}.module", empty=True),
        kind=_text(item.get("kind"), f"{where}.kind"), mode=_text(item.get("mode"), f"{where}.mode"),
        state=state, started=_seconds(item, "started", where),
        ended=None if item.get("ended") is None else _seconds(item, "ended", where),
        elapsed=_seconds(item, "elapsed", where),
        time_limit=None if item.get("time_limit") is None else _seconds(item, "time_limit", where),
        total=total, answers=tuple(answers),
    )


def _typed(container: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = container.get(key)
    if not isinstance(value, kind):
        raise FileRefused("class.file.bad_field", field=where)
    return value


def _number(container: Mapping[str, Any], key: str, where: str, limit: float) -> float:
    value = container.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FileRefused("class.file.bad_field", field=f"{where}.{key}")
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any float (10**400)
        number = math.inf
    if not math.isfinite(number) or not 0 <= number <= limit:
        raise FileRefused("class.file.bad_field", field=f"{where}.{key}")
    return number


def _points(container: Mapping[str, Any], key: str, where: str, limit: float = MAX_POINTS) -> float:
    return _number(container, key, where, limit)


def _seconds(container: Mapping[str, Any], key: str, where: str) -> float:
    return _number(container, key, where, MAX_SECONDS)


def _text(value: object, where: str, *, empty: bool = False) -> str:
    """A published string: one line, controls shown as U+FFFD, at most `MAX_TEXT` characters."""
    if not isinstance(value, str) or len(value) > MAX_TEXT or not (empty or value.strip()):
        raise FileRefused("class.file.bad_field", field=where)
    return one_line(value)


def _shown(value: object) -> str:
    """A bad value as a message quotes it: short, one line."""
    if isinstance(value, (dict, list)):
        return "{…}" if isinstance(value, dict) else "[…]"
    text = value if isinstance(value, str) else repr(value) if not isinstance(value, int) else str(value)[:20]
    return one_line(text if len(text) <= 40 else text[:39] + "…")


# -- the directory -------------------------------------------------------------------------------

Signature = tuple[int, int, int, int, int]


class ClassReader:
    """The learners' files of one class directory, re-read only when they change."""

    def __init__(self, directory: Path, uid_of: Callable[[str], int | None] = uid_of_login) -> None:
        self.directory = directory
        self._uid_of = uid_of
        self._entries: dict[str, tuple[Signature, LearnerRecord | FileProblem]] = {}
        self.reads = 0  # files parsed so far (the benchmark and the tests count them)

    def refresh(self, changed: Iterable[str] = ()) -> bool:
        """Bring every learner's file up to date; whether anything changed.

        The directory is listed and each file's inode, time, size, owner and mode compared with the
        last read (one `lstat` per learner): only files that differ are read again, and those named
        in `changed` always are (inotify said so, and two publications within one tick of the file
        system's clock may leave the same size and time, and a reused inode, behind). Raises
        OSError when the directory cannot be listed.
        """
        present = {name for name in os.listdir(self.directory) if self._wanted(name)}
        gone = set(self._entries) - present
        for name in gone:
            del self._entries[name]
        forced = set(changed)
        updated = bool(gone)
        for name in sorted(present):
            updated |= self._refresh_one(name, force=name in forced)
        return updated

    @staticmethod
    def _wanted(name: str) -> bool:
        # Temporary files of a publication are hidden (`.alice.<random>.tmp`); only `*.json` is published.
        return name.endswith(".json") and not name.startswith(".")

    def _refresh_one(self, name: str, force: bool) -> bool:
        path = self.directory / name
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return self._entries.pop(name, None) is not None
        except OSError as error:
            return self._store(name, (0, 0, 0, 0, 0),
                               FileProblem(name, Notice("class.file.cannot_read",
                                                        {"reason": error.strerror or str(error)})))
        signature = (info.st_ino, info.st_mtime_ns, info.st_size, info.st_uid, info.st_mode)
        known = self._entries.get(name)
        if known is not None and known[0] == signature and not force:
            return False
        self.reads += 1
        try:
            entry: LearnerRecord | FileProblem = read_learner_file(path, self._uid_of)
        except FileRefused as refused:
            entry = FileProblem(name, refused.notice)
        return self._store(name, signature, entry)

    def _store(self, name: str, signature: Signature, entry: LearnerRecord | FileProblem) -> bool:
        self._entries[name] = (signature, entry)
        return True

    @property
    def learners(self) -> list[LearnerRecord]:
        """The learners whose files were read, by login."""
        return sorted((e for _, e in self._entries.values() if isinstance(e, LearnerRecord)), key=lambda r: r.login)

    @property
    def problems(self) -> list[FileProblem]:
        """The files not shown, by name."""
        return sorted((e for _, e in self._entries.values() if isinstance(e, FileProblem)), key=lambda p: p.file)
