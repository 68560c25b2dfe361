"""The progress store as the rest of tutor sees it: one interface, whatever keeps the data.

`Store` lists every method the full-screen app, plain mode, the quiz's write queue and the command
line call on a learner's store; `tutor.store.sqlite.SQLiteStore` implements it (one SQLite file per
learner), and a second backend (a server database shared by a class) implements the same methods
and returns the same records (`tutor.store.records`). Callers open a store with
`tutor.store.open_store`, annotate it with `Store`, and catch `StoreError`: nothing above this
package names SQLite.

The contract every implementation keeps (the SQLite one's tests check it):
- each write is committed before the method returns (a killed process loses nothing recorded);
- a write the backend cannot make now (read-only, full, locked) raises, and changes nothing;
  `tutor.quiz.pending` keeps it and retries it later (it reads SQLite's error codes today: a second
  backend adds its own reasons there);
- a store that cannot be used at all raises `StoreError`, shown as one line (exit 2 on the command
  line), never a traceback;
- times are seconds since the epoch (floats), or timezone-aware datetimes for review cards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from datetime import datetime

    from tutor.store.records import AttemptRow, QuestionStat, SavedConfig, TopicMastery

__all__ = ["OpenNotice", "Store", "StoreError"]


class StoreError(Exception):
    """The store cannot be used (e.g. its directory is not writable): one line, exit 2 on the command line.

    `StoreError("store.key", lang, **values)` names a catalogue entry (tutor.i18n.strings.store);
    `text(lang)` gives it in another language. Any other first argument is shown as written.
    """

    def __init__(self, key: str, lang: str | None = None, **values: object) -> None:
        self.key = key
        self.lang = lang
        self.values = values
        super().__init__(self.text(lang))

    def text(self, lang: str | None = None) -> str:
        """The message in `lang` (else the language it was raised in, else the environment's)."""
        from tutor.i18n.catalogue import STRINGS, resolve_lang, t

        if self.key not in STRINGS:
            return self.key
        return t(self.key, lang or self.lang or resolve_lang(None), **self.values)


@dataclass(frozen=True)
class OpenNotice:
    """Something the learner should be told about opening the store (e.g. a file moved aside)."""

    message: str


@runtime_checkable
class Store(Protocol):
    """A learner's progress: sections read, quiz attempts and answers, review cards, saved configurations."""

    def close(self) -> None:
        """Release the store (every write is already committed)."""
        ...

    # -- lessons -------------------------------------------------------------------------------

    def mark_read(self, module: str, section: str) -> None:
        """Record that the learner read `section` of `module` (the first time counts)."""
        ...

    def sections_read(self, module: str) -> set[str]:
        """Ids of the sections of `module` the learner has read."""
        ...

    def sections_read_all(self) -> dict[str, set[str]]:
        """Sections read, per module."""
        ...

    def set_position(self, module: str, section: str) -> None:
        """Remember that the learner is on `section` of `module`."""
        ...

    def position(self, module: str) -> str | None:
        """The section the learner was last on in `module`, if any."""
        ...

    def last_module(self) -> str | None:
        """The module the learner was reading most recently, if any."""
        ...

    # -- starting over -------------------------------------------------------------------------

    def reset_module(self, module: str) -> None:
        """Forget everything about one module: reading, attempts (with answers) and review cards."""
        ...

    def reset_all(self) -> None:
        """Forget everything the learner did: reading, attempts, review cards, saved configurations."""
        ...

    # -- quiz attempts -------------------------------------------------------------------------

    def start_attempt(
        self, *, bank: str, module: str, kind: str, mode: str, lang: str, seed: int, settings: dict[str, Any],
        question_ids: list[str], time_limit: float | None, pass_mark: float,
    ) -> int:
        """Record a new open attempt and return its id."""
        ...

    def record_answer(
        self, attempt_id: int, *, question_id: str, topic: str, answer: object, earned: float,
        max_points: float, credit: float, correct: bool, hints: int, seconds: float,
    ) -> None:
        """Record an answer (JSON-able); a second answer to the same question is ignored."""
        ...

    def record_hints(self, attempt_id: int, question_id: str, hints: int) -> None:
        """Record hints taken before answering (the count only ever goes up)."""
        ...

    def update_elapsed(self, attempt_id: int, elapsed: float) -> None:
        """Save the quiz clock of an open attempt."""
        ...

    def finish_attempt(self, attempt_id: int, elapsed: float, state: str = "finished") -> None:
        """Close an attempt as "finished" or "abandoned" with its final clock."""
        ...

    def attempt(self, attempt_id: int) -> AttemptRow | None:
        """One attempt with its answers, or None when there is no such attempt."""
        ...

    def attempts(self, limit: int | None = None, state: str | None = None) -> list[AttemptRow]:
        """Attempts, newest first; optionally only those in `state`, at most `limit` of them."""
        ...

    def open_attempts(self) -> list[AttemptRow]:
        """Attempts not finished nor abandoned (resumable), newest first."""
        ...

    def question_stats(self, module: str | None = None) -> list[QuestionStat]:
        """Per question: answers, fully right answers, last answer time; most often missed first."""
        ...

    def topic_mastery(self, module: str | None = None) -> dict[str, TopicMastery]:
        """Per topic: points earned, points available and number of answers."""
        ...

    # -- spaced review -------------------------------------------------------------------------

    def schedule_review(
        self, question_id: str, rating: int, now: datetime | None = None, *, module: str | None = None,
    ) -> datetime:
        """Rate the question's card (1 Again … 4 Easy) at `now`; return when it is due next."""
        ...

    def after_answer(
        self, question_id: str, correct: bool, credit: float, hints: int, now: datetime | None = None,
    ) -> datetime | None:
        """Schedule a review after a quiz answer when it calls for one; the next due time or None."""
        ...

    def has_review(self, question_id: str) -> bool:
        """Whether the question has a review card."""
        ...

    def review_due(self, now: datetime | None = None) -> list[str]:
        """Ids of the questions due for review at `now`, soonest due first."""
        ...

    def review_counts(self, now: datetime | None = None) -> tuple[int, int]:
        """(cards due at `now`, cards in all)."""
        ...

    def review_due_at(self, question_id: str) -> datetime | None:
        """When the question's card is due, or None without a card."""
        ...

    # -- saved simulator configurations --------------------------------------------------------

    def save_config(self, name: str, kind: str, data: dict[str, Any]) -> None:
        """Save (or replace) the configuration `name` of simulator `kind`."""
        ...

    def saved_configs(self, kind: str | None = None) -> list[SavedConfig]:
        """Saved configurations (of `kind`, or all), most recently saved first."""
        ...

    def delete_config(self, name: str) -> bool:
        """Delete the configuration `name`; False when there was none."""
        ...
