"""What the progress store gives back: attempts with their answers, statistics, saved configurations.

Plain values, the same whatever keeps them (SQLite today, see `tutor.store.sqlite`): the app, plain
mode, the command line and the exports read these, never a database row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

__all__ = ["ATTEMPT_STATES", "AnswerRow", "AttemptRow", "QuestionStat", "SavedConfig", "TopicMastery"]

ATTEMPT_STATES: tuple[str, ...] = ("open", "finished", "abandoned")


@dataclass(frozen=True)
class AnswerRow:
    """One recorded answer of an attempt."""

    question_id: str
    topic: str
    answer: Any
    earned: float
    max_points: float
    credit: float
    correct: bool
    hints: int
    seconds: float
    answered_at: float


@dataclass(frozen=True)
class AttemptRow:
    """A quiz attempt as stored, with its answers (in the order given) and hints taken."""

    id: int
    uuid: str
    bank: str
    module: str
    kind: str
    mode: str
    lang: str
    seed: int
    settings: dict[str, Any]
    question_ids: list[str]
    time_limit: float | None
    pass_mark: float
    started_at: float
    ended_at: float | None
    elapsed: float
    state: str
    answers: list[AnswerRow]
    hints: dict[str, int]

    def answer_for(self, question_id: str) -> AnswerRow | None:
        """The recorded answer to `question_id`, if any."""
        return next((a for a in self.answers if a.question_id == question_id), None)


@dataclass(frozen=True)
class QuestionStat:
    """How a question went over every attempt."""

    question_id: str
    topic: str
    attempts: int
    correct: int
    last_answered_at: float

    @property
    def missed(self) -> int:
        """Answers that were not fully right."""
        return self.attempts - self.correct


class TopicMastery(NamedTuple):
    """Points earned and available in a topic, over every recorded answer."""

    earned: float
    max_points: float
    answers: int


class SavedConfig(NamedTuple):
    """A named simulator configuration."""

    name: str
    kind: str
    data: dict[str, Any]
    saved_at: float
