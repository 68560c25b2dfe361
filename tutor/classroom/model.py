"""The class as the instructor sees it (`ClassView`): one model for the dashboard, `--json` and `--format csv`.

- the mastery grid: learners × topics, points earned over points available in each topic;
- the class per topic: the same summed over the class, least mastered first on demand;
- the running attempts: who is in a quiz or an exam, on which question, the time left, the last activity;
- the questions ranked by difficulty (`rank_questions`, the one place that ranks them);
- each learner's details (`learner_details`): attempts, topics, the questions they missed most.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tutor.classroom.directory import Notice
from tutor.classroom.reading import ClassAttempt, FileProblem, LearnerRecord, TopicScore
from tutor.quiz.model import TOPICS

if TYPE_CHECKING:
    from tutor.quiz.item_analysis import ItemStats

__all__ = [
    "MASTERED", "ClassView", "LearnerDetails", "QuestionDifficulty", "RunningAttempt", "ScoredAttempt",
    "TopicRow", "build_view", "learner_details", "rank_questions", "topic_order",
]

#: A topic counts as mastered from 80 % of its points (the grid's colours, the "not mastered" line).
MASTERED = 0.8
#: Below this share a topic is shown as a gap (red) rather than in progress (yellow).
STRUGGLING = 0.5


def topic_order(topic: str) -> tuple[int, str]:
    """The course's order of topics (tutor.quiz.model.TOPICS), others after it in alphabetical order."""
    return (TOPICS.index(topic), "") if topic in TOPICS else (len(TOPICS), topic)


@dataclass(frozen=True)
class TopicRow:
    """One topic over the whole class."""

    topic: str
    earned: float
    max_points: float
    answers: int
    learners: int  # learners with at least one answer in the topic

    @property
    def mastery(self) -> float | None:
        """earned / max_points over the class (None without points)."""
        return self.earned / self.max_points if self.max_points > 0 else None


@dataclass(frozen=True)
class RunningAttempt:
    """An open quiz or exam: who, where, how long."""

    login: str
    name: str
    bank: str
    mode: str
    kind: str
    reached: int
    total: int
    answered: int
    time_limit: float | None
    time_left: float | None
    last_activity: float
    idle: float  # seconds since the last activity


@dataclass(frozen=True)
class ScoredAttempt:
    """One attempt's points per question (the shape tutor.quiz.item_analysis takes)."""

    key: str
    scores: Mapping[str, tuple[float, float]]  # question id -> (earned, max_points)


@dataclass(frozen=True)
class QuestionDifficulty:
    """A question ranked by difficulty: its facility is the mean share of its points the class earned."""

    question_id: str
    topic: str
    bank: str
    answers: int
    learners: int
    facility: float | None  # 0..1; None when no answer had points to earn
    # Moodle's item analysis over each learner's first finished attempt at the test (tutor.quiz.item_analysis):
    discrimination: float | None = None  # -1..1 with the rest of the test; None while undefined
    flags: tuple[str, ...] = ()  # negative-discrimination, too-easy, too-hard


@dataclass(frozen=True)
class ClassView:
    """Everything the dashboard, `--json` and `--format csv` show, computed once."""

    directory: str
    generated: float
    learners: list[LearnerRecord]
    topics: list[str]  # the grid's columns, in the course's order
    class_topics: list[TopicRow]  # the same order
    running: list[RunningAttempt]
    questions: list[QuestionDifficulty]  # hardest first
    problems: list[FileProblem] = field(default_factory=list)
    setup: list[Notice] = field(default_factory=list)

    def learner(self, login: str) -> LearnerRecord | None:
        """The learner `login`, if their file was read."""
        return next((r for r in self.learners if r.login == login), None)

    def cell(self, login: str, topic: str) -> TopicScore | None:
        """The learner's points in the topic (None: no answer in it)."""
        record = self.learner(login)
        return record.topics.get(topic) if record else None

    @property
    def not_mastered(self) -> list[TopicRow]:
        """The topics the class has not mastered yet (below `MASTERED`), least mastered first."""
        rows = [row for row in self.class_topics if row.mastery is not None and row.mastery < MASTERED]
        return sorted(rows, key=lambda row: (row.mastery or 0.0, topic_order(row.topic)))


def rank_questions(attempts: Sequence[ScoredAttempt]) -> list[tuple[str, int, float | None]]:
    """(question id, answers, facility) for every question answered, hardest first, ties by id.

    Facility is the mean credit (earned / max_points) over the answers given, as Moodle's facility
    index (F), over every answer given, running attempts included: the class is answering now. The
    discrimination and flags beside it (`item_statistics`) need whole attempts, so finished ones only.
    """
    credits: dict[str, list[float]] = {}
    answers: dict[str, int] = {}
    for attempt in attempts:
        for question_id, (earned, max_points) in attempt.scores.items():
            answers[question_id] = answers.get(question_id, 0) + 1
            scored = credits.setdefault(question_id, [])
            if max_points > 0:
                scored.append(earned / max_points)
    ranked = [(qid, answers[qid], sum(values) / len(values) if values else None) for qid, values in credits.items()]
    # Hardest first; a question with no points to earn says nothing about difficulty: last.
    return sorted(ranked, key=lambda item: (item[2] is None, item[2] if item[2] is not None else 0.0, item[0]))


def item_statistics(learners: Sequence[LearnerRecord]) -> dict[str, ItemStats]:
    """Moodle's item statistics per item (tutor.quiz.item_analysis.item_id), from finished quizzes.

    As `tutor report --items`: each learner's first finished attempt at a test (a bank in one mode),
    each test analysed on its own; a question asked in several tests keeps the statistics of the test
    that asked it most often. Running attempts are left out: a half-answered exam has no total yet.
    """
    from tutor.quiz.item_analysis import ScoredAttempt as Scored
    from tutor.quiz.item_analysis import analyse, by_test

    first: dict[tuple[str, str, str], ClassAttempt] = {}
    for record in learners:
        for attempt in sorted(record.attempts, key=lambda a: (a.started, a.uuid)):
            if attempt.state == "finished" and attempt.kind == "quiz" and attempt.answers:
                first.setdefault((record.login, attempt.bank, attempt.mode), attempt)
    scored = [Scored(f"{login}/{attempt.uuid}", {a.question_id: (a.earned, a.max_points) for a in attempt.answers},
                     learner=login, bank=bank, mode=mode)
              for (login, bank, mode), attempt in first.items()]
    best: dict[str, ItemStats] = {}
    for _, group in by_test(scored):
        try:
            analysis = analyse(group)
        except ValueError:  # an impossible score: reading refuses those, so only a foreign record gets here
            continue
        for item in analysis.items:
            if item.question_id not in best or item.attempts > best[item.question_id].attempts:
                best[item.question_id] = item
    return best


def scored_attempts(learners: Sequence[LearnerRecord]) -> list[ScoredAttempt]:
    """Every published attempt with at least one answer, running ones included (the class is answering now)."""
    return [ScoredAttempt(f"{record.login}/{attempt.uuid}",
                          {a.question_id: (a.earned, a.max_points) for a in attempt.answers})
            for record in learners for attempt in record.attempts if attempt.answers]


def _running(record: LearnerRecord, attempt: ClassAttempt, now: float) -> RunningAttempt:
    last = attempt.last_activity
    return RunningAttempt(
        login=record.login, name=record.name, bank=attempt.bank, mode=attempt.mode, kind=attempt.kind,
        reached=attempt.reached, total=attempt.total, answered=len(attempt.answers),
        time_limit=attempt.time_limit, time_left=attempt.time_left(record.updated, now),
        last_activity=last, idle=max(0.0, now - last),
    )


def build_view(learners: Sequence[LearnerRecord], now: float, *, directory: str = "",
               problems: Sequence[FileProblem] = (), setup: Sequence[Notice] = ()) -> ClassView:
    """The class at `now` from the learners' records (see `ClassReader`)."""
    ordered = sorted(learners, key=lambda r: r.login)
    totals: dict[str, list[float]] = {}
    for record in ordered:
        for topic, score in record.topics.items():
            row = totals.setdefault(topic, [0.0, 0.0, 0, 0])
            row[0] += score.earned
            row[1] += score.max_points
            row[2] += score.answers
            row[3] += 1 if score.answers else 0
    topics = sorted(totals, key=topic_order)
    class_topics = [TopicRow(topic, totals[topic][0], totals[topic][1], int(totals[topic][2]), int(totals[topic][3]))
                    for topic in topics]
    running = [_running(record, attempt, now) for record in ordered for attempt in record.open_attempts]
    # Exams first (the instructor watches the clock), then the most recently active.
    running.sort(key=lambda r: (r.mode != "exam", r.idle, r.login))
    about: dict[str, tuple[str, str, set[str]]] = {}
    for record in ordered:
        for attempt in record.attempts:
            for answer in attempt.answers:
                topic, bank, who = about.setdefault(answer.question_id, (answer.topic, attempt.bank, set()))
                who.add(record.login)
    from tutor.quiz.item_analysis import item_id

    items = item_statistics(ordered)
    questions = []
    for qid, answers, facility in rank_questions(scored_attempts(ordered)):
        stats = items.get(item_id(qid))
        questions.append(QuestionDifficulty(qid, about[qid][0], about[qid][1], answers, len(about[qid][2]), facility,
                                            stats.discrimination if stats else None, stats.flags if stats else ()))
    return ClassView(directory, now, ordered, topics, class_topics, running, questions, list(problems), list(setup))


# -- one learner ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptSummary:
    """One attempt in a learner's details."""

    started: float
    bank: str
    kind: str
    mode: str
    state: str
    answered: int
    total: int
    earned: float
    max_points: float

    @property
    def share(self) -> float | None:
        """earned / max_points over the answers given (None before any)."""
        return self.earned / self.max_points if self.max_points > 0 else None


@dataclass(frozen=True)
class LearnerDetails:
    """What the drill-down shows of one learner."""

    record: LearnerRecord
    topics: list[tuple[str, TopicScore]]  # in the course's order
    attempts: list[AttemptSummary]  # newest first
    missed: list[tuple[str, str, int, float]]  # (question, topic, answers, mean credit), least earned first


def learner_details(record: LearnerRecord, limit: int = 10) -> LearnerDetails:
    """The learner's topics, attempts (newest first) and the `limit` questions they earned least on."""
    attempts = []
    credits: dict[str, tuple[str, list[float]]] = {}
    for attempt in sorted(record.attempts, key=lambda a: -a.started):
        earned, max_points = attempt.score
        attempts.append(AttemptSummary(attempt.started, attempt.bank, attempt.kind, attempt.mode, attempt.state,
                                       len(attempt.answers), attempt.total, earned, max_points))
        for answer in attempt.answers:
            if answer.max_points > 0:
                credits.setdefault(answer.question_id, (answer.topic, []))[1].append(answer.earned / answer.max_points)
    missed = [(qid, topic, len(values), sum(values) / len(values)) for qid, (topic, values) in credits.items()]
    missed = [item for item in missed if item[3] < 1.0]
    missed.sort(key=lambda item: (item[3], item[0]))
    topics = sorted(record.topics.items(), key=lambda item: topic_order(item[0]))
    return LearnerDetails(record, topics, attempts, missed[:limit])
