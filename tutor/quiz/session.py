"""A quiz being taken: which questions, in which order, what was answered, and the score.

Everything random comes from the session's own `random.Random(seed)`: the same settings and seed
give the same questions, question order and option order. In exam mode without a seed, the seed
derives from the learner and the quiz, so a learner gets the same exam back and neighbours get
different orders.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Protocol, TypeVar

from tutor.quiz.generators import generate, regenerate
from tutor.quiz.grading import Grade, grade
from tutor.quiz.model import DEFAULT_PASS_MARK, EXAM_CLOCKS, TOPICS, Hint, Item, Option, Question, QuizLibrary
from tutor.quiz.topics import topic_name

MODES = ("practice", "exam")


@dataclass(frozen=True)
class QuizSettings:
    """What the learner asked for."""

    bank: str = "fine-tuning"
    topics: tuple[str, ...] = ()  # empty: every topic
    count: int = 10
    difficulty: str | None = None
    mode: str = "practice"
    seed: int | None = None
    time_limit: float | None = None  # seconds, exam mode
    question_ids: tuple[str, ...] = ()  # an explicit set (retry missed, section check, review)
    kind: str = "quiz"  # quiz, section-check, retry, review

    def key(self) -> str:
        """What identifies "the same quiz" for an exam seed."""
        topics = ",".join(sorted(self.topics)) or "all"
        return f"{self.bank}|{topics}|{self.count}|{self.difficulty or 'any'}|{','.join(self.question_ids)}"


def settings_to_dict(settings: QuizSettings) -> dict[str, Any]:
    """The settings as JSON-ready data (to store with an attempt)."""
    data = asdict(settings)
    data["topics"] = list(settings.topics)
    data["question_ids"] = list(settings.question_ids)
    return data


def settings_from_dict(data: dict[str, Any]) -> QuizSettings:
    """Settings stored by `settings_to_dict` (unknown keys ignored, for older or newer stores)."""
    known = {f.name for f in fields(QuizSettings)}
    values = {k: v for k, v in data.items() if k in known}
    for key in ("topics", "question_ids"):
        values[key] = tuple(values.get(key) or ())
    return QuizSettings(**values)


def exam_seed(learner: str, settings: QuizSettings) -> int:
    """A seed fixed for this learner and this quiz, different between learners."""
    digest = hashlib.sha256(f"{learner}\x00{settings.key()}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


@dataclass(frozen=True)
class AnswerRecord:
    """One submitted answer and its grade."""

    question_id: str
    answer: Any
    grade: Grade
    hints_used: int
    seconds: float


@dataclass(frozen=True)
class TopicScore:
    """Points per topic."""

    topic: str
    earned: float
    max_points: float
    questions: int
    correct: int

    @property
    def percent(self) -> float:
        """Earned share of the topic's points, in percent."""
        return 100.0 * self.earned / self.max_points if self.max_points else 0.0


@dataclass(frozen=True)
class Results:
    """The outcome of a whole quiz."""

    earned: float
    max_points: float
    percent: float
    passed: bool
    pass_mark: float
    per_topic: tuple[TopicScore, ...]
    answered: int
    total: int
    correct: int
    missed: tuple[str, ...]  # ids of questions not fully right, or unanswered
    seconds: float


@dataclass
class QuizSession:
    """The questions of one attempt and the answers given so far."""

    settings: QuizSettings
    seed: int
    lang: str
    questions: list[Question]
    pass_mark: float = DEFAULT_PASS_MARK
    answers: dict[str, AnswerRecord] = field(default_factory=dict)
    hints_taken: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0  # seconds counted against the time limit (see `exam_clock`)
    exam_clock: str = EXAM_CLOCKS[0]  # "deadline": time runs while the app is closed too
    # Titles of the topics the session's banks declare (imported Moodle categories), by id.
    topic_titles: dict[str, str] = field(default_factory=dict)

    def topic_name(self, topic: str) -> str:
        """A topic's name in the session's language (see tutor.quiz.topics.topic_name)."""
        return topic_name(topic, self.lang) if topic in TOPICS else self.topic_titles.get(topic, topic)

    @classmethod
    def build(cls, library: QuizLibrary, settings: QuizSettings, lang: str, learner: str = "") -> QuizSession:
        """Draw the questions for `settings` (raises ValueError when none match)."""
        seed = settings.seed
        if seed is None:
            seed = exam_seed(learner, settings) if settings.mode == "exam" else secrets.randbits(32)
        rng = random.Random(seed)
        bank = library.bank(settings.bank, lang)
        pass_mark = bank.pass_mark if bank else DEFAULT_PASS_MARK
        if settings.question_ids:
            pool = [q for q in (resolve_question(library, qid, lang) for qid in settings.question_ids) if q]
        else:
            if bank is None:
                raise ValueError(f"no question bank {settings.bank!r}")
            pool = list(bank.questions)
            for request in bank.generators:
                pool += [generate(request.name, rng.randrange(2**31), lang, bank.module) for _ in range(request.count)]
            pool = [q for q in pool if _matches(q, settings)]
        if not pool:
            raise ValueError("no question matches these settings")
        rng.shuffle(pool)
        questions = pool[: max(1, settings.count)] if not settings.question_ids else pool
        return cls(settings, seed, lang, questions, pass_mark, exam_clock=exam_clock_rule(library, settings, lang),
                   topic_titles=_declared_titles(library, questions, lang))

    @classmethod
    def resumed(
        cls,
        library: QuizLibrary,
        settings: QuizSettings,
        seed: int,
        lang: str,
        question_ids: Sequence[str],
        answers: Sequence[tuple[str, Any, int, float]],
        hints: dict[str, int],
        elapsed: float,
        pass_mark: float,
        started_at: float | None = None,
        now: float | None = None,
    ) -> QuizSession:
        """Rebuild an interrupted attempt: same questions in the same order, answers regraded as given.

        `answers` are (question id, answer, hints used, seconds). Questions that no longer exist (an
        instructor removed them) are dropped; raises ValueError when none is left. A timed exam
        under the `deadline` rule counts the time it was closed: with `started_at` and `now` (wall
        clock, seconds since the epoch) its clock reads at least `now - started_at`.
        """
        exam_clock = exam_clock_rule(library, settings, lang)
        if settings.time_limit is not None and started_at is not None and now is not None:
            elapsed = counted_elapsed(exam_clock, elapsed, started_at, now)
        questions = [q for q in (resolve_question(library, qid, lang) for qid in question_ids) if q]
        if not questions:
            raise ValueError("none of the attempt's questions exists any more")
        session = cls(settings, seed, lang, questions, pass_mark, elapsed=elapsed, exam_clock=exam_clock,
                      topic_titles=_declared_titles(library, questions, lang))
        known = {q.id for q in questions}
        session.hints_taken.update({qid: n for qid, n in hints.items() if qid in known})
        for question_id, answer, hints_used, seconds in answers:
            if question_id in known:
                record = AnswerRecord(question_id, answer,
                                      grade(session.question(question_id), answer, hints_used, lang),
                                      hints_used, seconds)
                session.restore(record)
        return session

    # -- presentation order (stable for the session) -------------------------------------------

    def _rng(self, question: Question, purpose: str) -> random.Random:
        return random.Random(f"{self.seed}:{question.id}:{purpose}")

    def options(self, question: Question) -> list[Option]:
        """The question's options in this session's order."""
        options = list(question.options)
        self._rng(question, "options").shuffle(options)
        return options

    def items(self, question: Question) -> list[Item]:
        """Ordering items as first shown: shuffled, never in the right order nor one swap from it.

        With two items one swap is all there is; from three on, the start needs at least two swaps
        (`swaps_to_sort`), so the question is never answered by a single move.
        """
        items = list(question.items)
        rng = self._rng(question, "items")
        needed = min(2, len(items) - 1)
        right = [item.id for item in question.items]
        while swaps_to_sort([item.id for item in items], right) < needed:
            rng.shuffle(items)
        return items

    def right_choices(self, question: Question) -> list[tuple[str, str]]:
        """Matching right-hand choices in this session's order."""
        choices = question.right_choices()
        self._rng(question, "rights").shuffle(choices)
        return choices

    # -- answering -----------------------------------------------------------------------------

    def question(self, question_id: str) -> Question:
        """The session's question with this id."""
        return next(q for q in self.questions if q.id == question_id)

    def take_hint(self, question_id: str) -> Hint | None:
        """Reveal the next hint of a question not yet answered (None when there is none left)."""
        question = self.question(question_id)
        taken = self.hints_taken.get(question_id, 0)
        if question_id in self.answers or taken >= len(question.hints):
            return None
        self.hints_taken[question_id] = taken + 1
        return question.hints[taken]

    def submit(self, question_id: str, answer: Any, seconds: float = 0.0) -> AnswerRecord:
        """Grade and keep an answer; a question is answered once (the first answer counts)."""
        if question_id in self.answers:
            return self.answers[question_id]
        hints = self.hints_taken.get(question_id, 0)
        record = AnswerRecord(question_id, answer, grade(self.question(question_id), answer, hints, self.lang),
                              hints, seconds)
        self.answers[question_id] = record
        return record

    def restore(self, record: AnswerRecord) -> None:
        """Put back an answer recorded earlier (resuming an attempt)."""
        self.answers[record.question_id] = record
        self.hints_taken[record.question_id] = record.hints_used

    @property
    def finished(self) -> bool:
        """Every question answered."""
        return all(q.id in self.answers for q in self.questions)

    def time_left(self) -> float | None:
        """Seconds left in an exam with a time limit, else None."""
        if self.settings.time_limit is None:
            return None
        return max(0.0, self.settings.time_limit - self.elapsed)

    def results(self) -> Results:
        """Totals, per-topic scores and pass/fail over every question (unanswered count as 0)."""
        topics: dict[str, list[float]] = {}
        earned = max_points = 0.0
        correct = 0
        missed = []
        for question in self.questions:
            record = self.answers.get(question.id)
            got = record.grade.earned if record else 0.0
            right = bool(record and record.grade.correct)
            earned += got
            max_points += question.points
            correct += right
            if not right:
                missed.append(question.id)
            bucket = topics.setdefault(question.topic, [0.0, 0.0, 0, 0])
            bucket[0] += got
            bucket[1] += question.points
            bucket[2] += 1
            bucket[3] += right
        percent = 100.0 * earned / max_points if max_points else 0.0
        ordered = sorted(topics, key=lambda t: TOPICS.index(t) if t in TOPICS else len(TOPICS))
        per_topic = tuple(TopicScore(t, *topics[t]) for t in ordered)  # type: ignore[arg-type]  # a (earned, max) pair per topic
        return Results(
            round(earned, 6), max_points, percent, percent >= self.pass_mark - 1e-9, self.pass_mark,
            per_topic, len(self.answers), len(self.questions), correct, tuple(missed), self.elapsed,
        )


def swaps_to_sort(order: Sequence[str], right: Sequence[str]) -> int:
    """The fewest swaps of two items that turn `order` into `right` (items minus permutation cycles)."""
    where = {item: index for index, item in enumerate(right)}
    target = [where[item] for item in order]
    seen = [False] * len(target)
    cycles = 0
    for start in range(len(target)):
        if not seen[start]:
            cycles += 1
            index = start
            while not seen[index]:
                seen[index] = True
                index = target[index]
    return len(target) - cycles


def counted_elapsed(rule: str, elapsed: float, started_at: float, now: float) -> float:
    """The time a timed exam has used at `now` (wall clock): under the deadline rule, at least the
    time since it started, the app open or not; under `while-open`, the time it was on screen."""
    return max(elapsed, now - started_at) if rule == "deadline" else elapsed


def _declared_titles(library: QuizLibrary, questions: Sequence[Question], lang: str) -> dict[str, str]:
    """The titles of the bank-declared topics among `questions`."""
    titles = {}
    for topic in {q.topic for q in questions} - set(TOPICS):
        title = library.topic_title(topic, lang)
        if title:
            titles[topic] = title
    return titles


def exam_clock_rule(library: QuizLibrary, settings: QuizSettings, lang: str) -> str:
    """The exam clock rule of the quiz's bank (the default when the bank is gone)."""
    bank = library.bank(settings.bank, lang)
    return bank.exam_clock if bank is not None else EXAM_CLOCKS[0]


class StoredAnswer(Protocol):
    """What resuming needs of a stored answer (`tutor.store.records.AnswerRow`)."""

    @property
    def question_id(self) -> str: ...
    @property
    def answer(self) -> Any: ...
    @property
    def hints(self) -> int: ...
    @property
    def seconds(self) -> float: ...


class OpenAttempt(Protocol):
    """What the resume rule reads of a stored attempt (`tutor.store.records.AttemptRow`)."""

    @property
    def mode(self) -> str: ...
    @property
    def settings(self) -> dict[str, Any]: ...


class StoredAttempt(OpenAttempt, Protocol):
    """What resuming needs of a stored attempt (`tutor.store.records.AttemptRow`)."""

    @property
    def seed(self) -> int: ...
    @property
    def lang(self) -> str: ...
    @property
    def question_ids(self) -> Sequence[str]: ...
    @property
    def answers(self) -> Sequence[StoredAnswer]: ...
    @property
    def hints(self) -> dict[str, int]: ...
    @property
    def elapsed(self) -> float: ...
    @property
    def pass_mark(self) -> float: ...
    @property
    def started_at(self) -> float: ...


A = TypeVar("A", bound=OpenAttempt)


def open_exams(settings: QuizSettings, attempts: Callable[[], Iterable[A]]) -> list[A]:
    """The open attempts (read by `attempts()`, only for an exam) that an exam with `settings` continues.

    The same exam taken again (a reconnection, `tutor quiz --exam …` run once more) continues
    where it stopped, answers and clock included, rather than starting over with the full time.
    The full-screen app and plain mode both follow this rule. Practice quizzes never resume so.
    """
    if settings.mode != "exam":
        return []
    wanted = settings_to_dict(settings)
    return [a for a in attempts() if a.mode == "exam" and a.settings == wanted]


def session_from_attempt(library: QuizLibrary, attempt: StoredAttempt, now: float | None = None) -> QuizSession:
    """Rebuild a stored attempt (raises ValueError or TypeError when it cannot be).

    `now` is the wall clock: a timed exam under the deadline rule counts the time it was closed.
    """
    return QuizSession.resumed(
        library, settings_from_dict(attempt.settings), attempt.seed, attempt.lang, attempt.question_ids,
        [(a.question_id, a.answer, a.hints, a.seconds) for a in attempt.answers], attempt.hints,
        attempt.elapsed, attempt.pass_mark, started_at=attempt.started_at, now=now,
    )


def _matches(question: Question, settings: QuizSettings) -> bool:
    if settings.topics and question.topic not in settings.topics:
        return False
    return settings.difficulty is None or question.difficulty == settings.difficulty


def resolve_question(library: QuizLibrary, question_id: str, lang: str) -> Question | None:
    """A written question by id, or a generated one rebuilt from its id."""
    return regenerate(question_id, lang) or library.question(question_id, lang)


def section_questions(library: QuizLibrary, module: str, section: str, lang: str) -> Sequence[Question]:
    """The written questions that cite a lesson section ("check your understanding")."""
    return [
        q for bank in library.banks_in(lang) if bank.module == module for q in bank.questions if q.section == section
    ]
