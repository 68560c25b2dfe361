"""Store writes that could not be made yet (read-only database, full disk), kept in order and retried.

Every write on the learner's path (an answer, the exam clock, the end of an attempt, a review card,
a section read, a position) goes through one `PendingWrites` queue per session. A write that
raises `sqlite3.Error` is kept in memory, in order, and retried before the next write, on a timer
in the full-screen app, and once more at exit, so the learner is told once and goes on instead of
facing a traceback. Writes wait behind earlier ones, so an attempt is never finished before its
answers are in; a later write with the same `key` (the exam clock, a position) replaces an
earlier one still waiting. Used by the full-screen app and plain mode alike; no UI here.

`PendingWrites.listener`, when set, is told after every write of a quiz attempt (opened, answered,
its clock, finished) and after waiting writes went in: a learner in a class publishes their results
then (tutor.classroom.publish; the listener only wakes a background thread, it never writes).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tutor.i18n.catalogue import t

if TYPE_CHECKING:
    from tutor.quiz.model import Question
    from tutor.quiz.session import AnswerRecord, QuizSession, QuizSettings
    from tutor.store.interface import Store

# What a write is, for the messages: an answer is what the learner loses most visibly.
ANSWER = "answer"
PROGRESS = "progress"

REASONS = ("full", "readonly", "locked", "other")
_FULL, _READONLY, _BUSY, _LOCKED = 13, 8, 5, 6  # SQLite's primary result codes


def reason_of(error: BaseException) -> str:
    """Why a write failed, as one of `REASONS` (SQLite's result code, else the error's text)."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        primary = code & 0xFF  # extended codes keep the primary one in the low byte
        if primary == _FULL:
            return "full"
        if primary == _READONLY:
            return "readonly"
        if primary in (_BUSY, _LOCKED):
            return "locked"
    text = str(error).lower()
    if "full" in text:
        return "full"
    if "readonly" in text or "read-only" in text:
        return "readonly"
    if "locked" in text or "busy" in text:
        return "locked"
    return "other"


def reason_text(reason: str, lang: str, error: str = "") -> str:
    """The reason in words ("the disk is full")."""
    return t(f"quiz.unsaved_reason.{reason if reason in REASONS else 'other'}", lang, error=error)


@dataclass(eq=False)
class AttemptRef:
    """An attempt's id in the store; None while the write that opens it is still waiting.

    Writes of the attempt read `id` when they run, so answers given while the attempt could not
    be opened are written after it once the store accepts writes again. Compared by identity.
    """

    id: int | None = None


@dataclass(frozen=True)
class WriteResult:
    """The outcome of one write as the learner should hear it."""

    saved: bool
    kind: str = PROGRESS
    reason: str = ""
    error: str = ""
    first: bool = False  # nothing was waiting before: the learner has not been told yet

    @property
    def tell(self) -> bool:
        """Whether to tell the learner: every unsaved answer, and the first of any other write."""
        return not self.saved and (self.kind == ANSWER or self.first)

    def message(self, lang: str) -> str:
        """"Your answer could not be saved: the disk is full. It is kept and will be saved …"."""
        key = "quiz.unsaved_answer" if self.kind == ANSWER else "quiz.unsaved_progress"
        return t(key, lang, reason=reason_text(self.reason, lang, self.error))


SAVED = WriteResult(True)


@dataclass
class _Pending:
    kind: str
    work: Callable[[Any], object]
    key: Hashable | None


@dataclass
class PendingWrites:
    """One session's store writes: made at once when possible, else kept in order and retried."""

    store: Any  # a Store; Any so tests may give a stand-in that fails on demand
    _queue: list[_Pending] = field(default_factory=list)
    reason: str = ""  # of the last failure, while something waits
    error: str = ""
    listener: Callable[[], None] | None = None  # told when an attempt changed (see the module's docstring)

    def __len__(self) -> int:
        return len(self._queue)

    def count(self, kind: str) -> int:
        """How many waiting writes are of `kind` (ANSWER: answers not yet in the store)."""
        return sum(1 for item in self._queue if item.kind == kind)

    def write(self, work: Callable[[Store], object], kind: str = PROGRESS, key: Hashable | None = None) -> WriteResult:
        """Run `work(store)` now, after whatever waits; keep it for later when the store refuses it."""
        self.flush()
        if self._queue:  # an earlier write still fails: this one waits behind it, in order
            self._keep(_Pending(kind, work, key))
            return WriteResult(False, kind, self.reason, self.error)
        try:
            work(self.store)
        except sqlite3.Error as failure:
            self._failed(failure)
            self._keep(_Pending(kind, work, key))
            return WriteResult(False, kind, self.reason, self.error, first=True)
        return SAVED

    def flush(self) -> int:
        """Retry the waiting writes in order, stopping at the first that fails; how many went in."""
        done = 0
        while self._queue:
            item = self._queue[0]
            try:
                item.work(self.store)
            except sqlite3.Error as failure:
                self._failed(failure)
                break
            self._queue.pop(0)
            done += 1
        if not self._queue:
            self.reason = self.error = ""
        if done:
            self.changed()
        return done

    def changed(self) -> None:
        """Tell the listener that an attempt changed; nothing it does can fail a write."""
        if self.listener is not None:
            with suppress(Exception):  # the answer is in the store already; publishing is extra
                self.listener()

    def _failed(self, failure: sqlite3.Error) -> None:
        self.reason, self.error = reason_of(failure), str(failure)

    def _keep(self, item: _Pending) -> None:
        if item.key is not None:
            self._queue = [waiting for waiting in self._queue if waiting.key != item.key]
        self._queue.append(item)

    def exit_lines(self, lang: str, where: str = "") -> list[str]:
        """What to say at exit about writes that never went in (none when everything is saved)."""
        if not self._queue:
            return []
        reason = reason_text(self.reason, lang, self.error)
        answers, others = self.count(ANSWER), len(self._queue) - self.count(ANSWER)
        lines = []
        if answers:
            lines.append(t("quiz.unsaved_exit_answers", lang, count=answers, reason=reason))
        if others:
            lines.append(t("quiz.unsaved_exit_other", lang, count=others, reason=reason))
        if where:
            lines.append(t("quiz.unsaved_exit_where", lang, path=where))
        return lines


class AttemptWriter:
    """The store writes of one quiz attempt, the same in the full-screen app and in plain mode."""

    def __init__(self, pending: PendingWrites, attempt: AttemptRef) -> None:
        self.pending = pending
        self.attempt = attempt

    @classmethod
    def open(cls, pending: PendingWrites, library: Any, session: QuizSession) -> tuple[AttemptWriter, WriteResult]:
        """Open a new attempt for `session` (kept for later, like any write, when the store refuses it)."""
        from tutor.quiz.session import settings_to_dict

        settings: QuizSettings = session.settings
        bank = library.bank(settings.bank, session.lang)
        ref = AttemptRef()
        module = bank.module if bank else ""
        question_ids = [q.id for q in session.questions]
        stored_settings = settings_to_dict(settings)

        def start(store: Store) -> None:
            ref.id = store.start_attempt(
                bank=settings.bank, module=module, kind=settings.kind, mode=settings.mode, lang=session.lang,
                seed=session.seed, settings=stored_settings, question_ids=question_ids,
                time_limit=settings.time_limit, pass_mark=session.pass_mark,
            )

        opened = pending.write(start, PROGRESS)
        pending.changed()
        return cls(pending, ref), opened

    def answer(self, session: QuizSession, record: AnswerRecord) -> WriteResult:
        """The answer, the clock with it, then its review card: the learner hears of the answer first."""
        question: Question = session.question(record.question_id)
        grade, ref = record.grade, self.attempt
        moment = datetime.now(UTC)  # a review written late still counts from the answer
        stored = _jsonable(record.answer)
        answered = self.pending.write(lambda store: store.record_answer(
            _id(ref), question_id=question.id, topic=question.topic, answer=stored, earned=grade.earned,
            max_points=grade.max_points, credit=grade.credit, correct=grade.correct, hints=record.hints_used,
            seconds=record.seconds,
        ), ANSWER)
        clock = self.clock(session.elapsed)
        review = self.pending.write(
            lambda store: store.after_answer(question.id, grade.correct, grade.credit, record.hints_used, moment))
        self.pending.changed()
        return _worst(answered, clock, review)

    def hints(self, question_id: str, count: int) -> WriteResult:
        """Hints taken before answering (charged even if the quiz is left)."""
        ref = self.attempt
        return self.pending.write(lambda store: store.record_hints(_id(ref), question_id, count),
                                  key=("hints", id(ref), question_id))

    def clock(self, elapsed: float) -> WriteResult:
        """The attempt's clock (a later save replaces one still waiting)."""
        ref = self.attempt
        result = self.pending.write(lambda store: store.update_elapsed(_id(ref), elapsed), key=("clock", id(ref)))
        self.pending.changed()  # the class sees the time left
        return result

    def finish(self, elapsed: float, state: str = "finished") -> WriteResult:
        """Close the attempt with its final clock."""
        ref = self.attempt
        result = self.pending.write(lambda store: store.finish_attempt(_id(ref), elapsed, state=state))
        self.pending.changed()
        return result

    @property
    def saved(self) -> bool:
        """Nothing of this session waits (what the results may claim)."""
        return not self.pending


def _id(ref: AttemptRef) -> int:
    if ref.id is None:  # only if its opening was dropped; never in order, as it runs first
        raise sqlite3.OperationalError("the attempt was never opened")
    return ref.id


def _worst(*results: WriteResult) -> WriteResult:
    """The result to report for several writes: an unsaved answer first, then any unsaved write."""
    unsaved: Sequence[WriteResult] = [r for r in results if not r.saved]
    if not unsaved:
        return SAVED
    answer = next((r for r in unsaved if r.kind == ANSWER), None)
    chosen = answer or unsaved[0]
    first = any(r.first for r in unsaved)
    return WriteResult(False, chosen.kind, chosen.reason, chosen.error, first)


def _jsonable(answer: object) -> object:
    """Sets become sorted lists so answers can be stored as JSON."""
    return sorted(answer) if isinstance(answer, (set, frozenset)) else answer
