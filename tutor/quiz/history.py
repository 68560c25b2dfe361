"""Scores of past attempts, computed the way the results screen computes them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from tutor.quiz.model import QuizLibrary
from tutor.quiz.session import resolve_question


class StoredAnswer(Protocol):
    """What the history needs of a stored answer (`tutor.store.records.AnswerRow`); read only."""

    @property
    def question_id(self) -> str: ...
    @property
    def earned(self) -> float: ...


class StoredAttempt(Protocol):
    """What the history needs of a stored attempt (`tutor.store.records.AttemptRow`); read only."""

    @property
    def question_ids(self) -> Sequence[str]: ...
    @property
    def answers(self) -> Sequence[StoredAnswer]: ...
    @property
    def lang(self) -> str: ...
    @property
    def started_at(self) -> float: ...


@dataclass(frozen=True)
class AttemptScore:
    """Points and percentage of one attempt; unanswered questions count as 0."""

    earned: float
    max_points: float

    @property
    def percent(self) -> float:
        """Earned share of the points, in percent."""
        return 100.0 * self.earned / self.max_points if self.max_points else 0.0


def attempt_score(attempt: StoredAttempt, library: QuizLibrary) -> AttemptScore:
    """The score of a stored attempt (questions that no longer exist count with the points given)."""
    earned = sum(a.earned for a in attempt.answers)
    max_points = 0.0
    for question_id in attempt.question_ids:
        question = resolve_question(library, question_id, attempt.lang)
        max_points += question.points if question else 0.0
    return AttemptScore(earned, max(max_points, earned))
