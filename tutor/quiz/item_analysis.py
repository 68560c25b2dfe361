"""Item analysis of a quiz or an exam, with Moodle's definitions: how each question and the test behaved.

Per question (item): the facility index, the standard deviation of its score, the discrimination
index (correlation of the item's score with the rest of the test) and the discriminative
efficiency; for the test: the mean and standard deviation of the scores, Cronbach's alpha (Moodle's
"coefficient of internal consistency", CIC), the error ratio and the standard error.

Definitions (Moodle, "Quiz statistics calculations", https://docs.moodle.org/dev/Quiz_statistics_calculations,
and the code that implements them: question/classes/statistics/questions/calculator.php for the items,
mod/quiz/report/statistics/classes/calculator.php for the test). With x an item's score, X the rest of
the test (the attempt's total minus x), T the total, s attempts, p items, V and C the sample variance
and covariance (denominator s − 1):

- facility F = mean(x) / max(x)  (Moodle: markaverage / maxmark);
- standard deviation SD = sqrt(V(x)) / max(x)  (Moodle: sd = sqrt(markvariancesum / (s − 1)), shown as
  a share of the question's mark);
- discrimination index P = C(x, X) / sqrt(V(x) V(X))  (Moodle: 100 · covariance / sqrt(markvariance ·
  othermarkvariance); None when either variance is 0);
- discriminative efficiency D = C(x, X) / Cmax(x, X), where Cmax pairs x and X each sorted on its own
  (Moodle: covariancemax from markarray and othermarksarray sorted independently; None when it is 0);
- alpha = p / (p − 1) · (1 − Σ V(x) / V(T))  (Moodle: cic = 100 · p / (p − 1) · (1 − sumofmarkvariance / k2),
  k2 = V(T));
- error ratio ER = sqrt(1 − alpha)  (Moodle: errorratio = 100 · sqrt(1 − cic / 100));
- standard error SE = ER · SD(T)  (Moodle: standarderror = errorratio · standarddeviation / 100).

Every value is a fraction (Moodle's percentage / 100): the display multiplies by 100 through
`tutor.i18n.numbers`. Nothing here is ever NaN or infinite: a statistic that is undefined (no
attempt, one attempt, a score everyone shares) is None, and each place says why.

Which attempts count (the adapters `attempts_from_rows` and `attempts_from_answers`): by default the
first finished attempt of each learner at each test (a bank in one mode, practice or exam), as
Moodle's documentation recommends: "Subsequent attempts probably do not satisfy the assumptions that
underlie item analysis", and a later attempt builds on the earlier ones. `every_attempt=True` counts
every finished attempt, each as if by a different learner (Moodle's "all attempts" option). Only
quizzes count: section checks, retries of missed questions and review sessions ask questions chosen
from the learner's own mistakes, not a test. Open and abandoned attempts are left out, as Moodle
analyses finished attempts only. `analyse` itself takes the attempts it is given.

Attempts that did not include an item (questions drawn at random from a bank, tutor's default):
each item is analysed over the attempts that contain it, and its rest of the test is the share of the
points of the other questions of that attempt, (T − x) / (M − m) with M the attempt's points and m the
item's. For a fixed form (every attempt the same questions) this is the rest of the test in marks
divided by a constant: P and D are exactly Moodle's (a correlation does not change when one side is
scaled). For random forms it compares learners who were offered different points fairly; Moodle's
own choice for a random question's statistics, correlating with the whole total including the item,
overstates the discrimination, so it is not followed. Alpha needs p items in every attempt: with a
fixed form the items are the questions; when every attempt holds the same number of questions but
not the same ones, the k-th question of each attempt is item k, as Moodle treats a quiz slot filled
by a random question; when the numbers differ, alpha is None (`TestStats.alpha_missing` says why).
A question worth 0 points has no score to analyse and is left out.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from tutor.quiz.results import Answer
    from tutor.store.records import AttemptRow

__all__ = [
    "FLAGS", "SAME_SCORE", "ItemAnalysis", "ItemStats", "ScoredAttempt", "TestStats", "TOO_EASY", "TOO_HARD", "analyse",
    "attempts_from_answers", "attempts_from_rows", "by_test", "item_id",
]

#: The flags an item may carry: it discriminates the wrong way, almost everyone or almost no one got it.
FLAGS: tuple[str, ...] = ("negative-discrimination", "too-easy", "too-hard")
#: Moodle's bands of the facility index ("Quiz report statistics"): 95–100 % "extremely easy",
#: 5 % or less "extremely difficult or something wrong with the question"; both bounds included.
TOO_EASY = 0.95
TOO_HARD = 0.05
#: Moodle computes alpha only from three attempts on (inside its `$s > 2` branch, where V(T) is k2):
#: from two attempts a variance ratio says nothing of a test's consistency.
MIN_ATTEMPTS_FOR_ALPHA = 3
# A facility within this of a bound counts as on it: an export rounds credits to 4 decimals.
_BOUND_TOLERANCE = 1e-9
# Generated questions: one id per draw (gen:NAME:SEED), one item per generator (see `item_id`).
_GENERATED = re.compile(r"(gen:[^:]+):\d+")

Form = Literal["fixed", "random", "uneven", "empty"]


@dataclass(frozen=True)
class ScoredAttempt:
    """One attempt of one learner: question id → (points earned, points the question is worth).

    `scores` keeps the order the questions were asked in (a dict does): with random forms, alpha counts
    the k-th question of each attempt as item k. `learner`, `bank` and `mode` say whose attempt at which
    test it was (`by_test` groups by the last two); `analyse` does not read them.
    """

    key: str
    scores: Mapping[str, tuple[float, float]]
    learner: str = ""
    bank: str = ""
    mode: str = ""


@dataclass(frozen=True)
class ItemStats:
    """Moodle's statistics of one question, as fractions (0.62 is Moodle's 62 %)."""

    question_id: str
    attempts: int  # attempts that contain this question
    facility: float | None  # 0..1 (None without attempts)
    sd: float | None  # 0..1 of the question's points (None with fewer than 2 attempts)
    # -1..1, correlation with the rest of the test (None when undefined: fewer than 2 attempts with a
    # rest of the test, or a score everyone shares, on the item or on the rest: a zero variance)
    discrimination: float | None
    # At most 1 (Moodle's D / 100). It may fall below -1 for an item that discriminates the wrong way:
    # Cmax is the largest covariance the two sets of scores allow, not the most negative one.
    # None when P is (Cmax is 0 exactly when one of the two variances is).
    efficiency: float | None
    flags: tuple[str, ...]  # among FLAGS


@dataclass(frozen=True)
class TestStats:
    """The test as a whole: the total score of each attempt as a share of that attempt's points."""

    __test__ = False  # not a pytest test class, whatever its name

    attempts: int
    mean: float | None  # None without attempts
    sd: float | None  # None with fewer than 2 attempts
    alpha: float | None  # Moodle's CIC / 100, at most 1 (None: see `alpha_missing`)
    error_ratio: float | None  # Moodle's ER / 100 (None when alpha is)
    standard_error: float | None  # a share of the points, like sd (None when alpha is)
    items: int = 0  # p: the items alpha counts (0 when the attempts do not all hold as many)
    form: Form = "empty"  # fixed: the same questions; random: as many, not the same; uneven: not as many
    # Why alpha is None: "few-attempts" (fewer than 3), "one-item", "uneven" (attempts hold different
    # numbers of questions), "no-spread" (every attempt has the same total: V(T) = 0); else None.
    alpha_missing: str | None = None


@dataclass(frozen=True)
class ItemAnalysis:
    """Every item, hardest first (lowest facility; ties by id; undefined facilities last), and the test."""

    items: list[ItemStats]
    test: TestStats


# -- the statistics ----------------------------------------------------------------------------
# Computed exactly, with fractions of the decimals given (`_decimal`): no cancellation, D ≤ 1 and
# |P| ≤ 1 hold as they do on paper, and only the final square roots and quotients are floats. Scores
# that differ by less than `SAME_SCORE` (a share of the points) are one score: a credit of 1/3 is
# stored as 0.3333333333333333, and 1/3 + 1/6 then misses 1/2 by 1e-17; taken as a spread, that
# difference would turn a score everyone shares into a discrimination of ±1 out of rounding noise.

#: Two shares of points closer than this are the same score (an export keeps 4 decimals of a point).
SAME_SCORE = Fraction(1, 10**9)


def _spread(values: Sequence[Fraction]) -> bool:
    """Whether `values` differ by more than rounding: a variance computed from them means something."""
    return max(values) - min(values) > SAME_SCORE



def _mean(values: Sequence[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


def _integers(values: Sequence[Fraction]) -> tuple[list[int], int]:
    """`values` as integers over one common denominator: exact sums at the speed of integers."""
    common = math.lcm(*(value.denominator for value in values))
    return [value.numerator * (common // value.denominator) for value in values], common


def _covariance(xs: Sequence[Fraction], ys: Sequence[Fraction]) -> Fraction:
    """Sample covariance (denominator n − 1, as Moodle's), exact; needs n ≥ 2.

    Σ(x − x̄)(y − ȳ) / (n − 1) written (n Σab − Σa Σb) / (n (n − 1) Lx Ly) with x = a / Lx, y = b / Ly.
    """
    return _integer_covariance(*_integers(xs), *_integers(ys))


def _integer_covariance(a: Sequence[int], la: int, b: Sequence[int], lb: int) -> Fraction:
    """The sample covariance of a / la and b / lb (integer lists of one length n ≥ 2)."""
    n = len(a)
    return Fraction(n * sum(map(operator.mul, a, b)) - sum(a) * sum(b), n * (n - 1) * la * lb)


def _checked(question_id: str, earned: float, max_points: float) -> tuple[Fraction, Fraction]:
    if not (math.isfinite(earned) and math.isfinite(max_points)) or max_points < 0 or earned < 0 \
            or earned > max_points + 1e-9:
        raise ValueError(f"impossible score for {question_id!r}: {earned!r} of {max_points!r}")
    # An export may write earned a hair above max_points (4 decimals); the score is the whole mark.
    return _decimal(min(earned, max_points)), _decimal(max_points)


def _decimal(value: float) -> Fraction:
    """`value` as the decimal it is written as (repr: 0.1 is 1/10, not the binary float's 0.1000…0555).

    Scores are decimals (exports write at most 4 places): taken so, 0.1 + 0.2 and 0.3 are one score.
    """
    return Fraction(repr(float(value)))


def _scored(attempt: ScoredAttempt) -> dict[str, tuple[Fraction, Fraction]]:
    """The attempt's scores as exact fractions, questions worth 0 points left out (nothing to analyse)."""
    exact = ((qid, _checked(qid, earned, max_points)) for qid, (earned, max_points) in attempt.scores.items())
    return {qid: score for qid, score in exact if score[1] > 0}


def _item(question_id: str, rows: list[tuple[Fraction, Fraction, Fraction, Fraction]]) -> ItemStats:
    """Statistics of one item from (earned, max, attempt's earned, attempt's points) per attempt."""
    n = len(rows)
    if n == 0:  # only reachable through a caller building rows itself; analyse never does
        return ItemStats(question_id, 0, None, None, None, None, ())
    fractions = [earned / worth for earned, worth, _, _ in rows]
    facility = _mean(fractions)
    # One attempt has no spread: V(x) needs n − 1 > 0 (Moodle: sd null when s ≤ 1).
    sd = (math.sqrt(_covariance(fractions, fractions)) if _spread(fractions) else 0.0) if n >= 2 else None
    # The rest of the test of each attempt that has one (an attempt holding only this item has none).
    pairs = [(earned / worth, (total - earned) / (points - worth))
             for earned, worth, total, points in rows if points > worth]
    discrimination = efficiency = None
    # A zero variance (everyone scored the same on the item, or on the rest) leaves the correlation
    # 0/0: undefined, not 0 (Moodle: discriminationindex null when markvariance · othermarkvariance is 0).
    if len(pairs) >= 2 and _spread([x for x, _ in pairs]) and _spread([r for _, r in pairs]):
        xs, lx = _integers([x for x, _ in pairs])
        rest, lr = _integers([r for _, r in pairs])
        vx, vr = _integer_covariance(xs, lx, xs, lx), _integer_covariance(rest, lr, rest, lr)
        if vx > 0 and vr > 0:  # always, after _spread; kept as the guard of the divisions below
            covariance = _integer_covariance(xs, lx, rest, lr)
            # Cmax: x and the rest each sorted on its own, the largest covariance these scores allow.
            # It is > 0 whenever both variances are (Chebyshev's sum inequality), so D is defined here.
            cmax = _integer_covariance(sorted(xs), lx, sorted(rest), lr)
            # |C| ≤ sqrt(V V) exactly; the float square root may put P a hair beyond ±1.
            discrimination = max(-1.0, min(1.0, float(covariance) / math.sqrt(vx * vr)))
            efficiency = float(covariance / cmax)
    flags = []
    if discrimination is not None and discrimination < 0:
        flags.append("negative-discrimination")
    if float(facility) >= TOO_EASY - _BOUND_TOLERANCE:
        flags.append("too-easy")
    if float(facility) <= TOO_HARD + _BOUND_TOLERANCE:
        flags.append("too-hard")
    return ItemStats(question_id, n, float(facility), sd, discrimination, efficiency, tuple(flags))


def _test(scored: list[dict[str, tuple[Fraction, Fraction]]]) -> TestStats:
    """Mean, spread, alpha, error ratio and standard error of the attempts' totals."""
    # Each attempt's score is its share of its own points: with random forms, attempts may be offered
    # different points. Each item's part of it is earned / the attempt's points, so the parts add up to
    # the score exactly and alpha stays Cronbach's for that score (for a fixed form: Moodle's, in marks).
    parts_by_attempt = []
    for scores in scored:
        points = sum((worth for _, worth in scores.values()), Fraction(0))
        parts_by_attempt.append({qid: earned / points for qid, (earned, _) in scores.items()})
    s = len(parts_by_attempt)
    if s == 0:
        return TestStats(0, None, None, None, None, None, alpha_missing="few-attempts")
    totals = [sum(parts.values(), Fraction(0)) for parts in parts_by_attempt]
    mean = float(_mean(totals))
    spread = s >= 2 and _spread(totals)
    variance = _covariance(totals, totals) if spread else Fraction(0) if s >= 2 else None
    sd = math.sqrt(variance) if variance is not None else None
    sets = {frozenset(parts) for parts in parts_by_attempt}
    sizes = {len(parts) for parts in parts_by_attempt}
    columns: list[list[Fraction]] = []
    if len(sets) == 1:
        form: Form = "fixed"
        columns = [[parts[qid] for parts in parts_by_attempt] for qid in sorted(next(iter(sets)))]
    elif len(sizes) == 1:
        form = "random"  # the k-th question of every attempt is item k (a Moodle slot of random questions)
        columns = [list(column) for column in zip(*(list(parts.values()) for parts in parts_by_attempt),
                                                  strict=True)]
    else:
        form = "uneven"
    p = len(columns)
    missing = ("few-attempts" if s < MIN_ATTEMPTS_FOR_ALPHA else "uneven" if form == "uneven"
               else "one-item" if p < 2 else "no-spread" if not spread else None)
    if missing is not None or variance is None:
        return TestStats(s, mean, sd, None, None, None, items=p, form=form, alpha_missing=missing)
    item_variances = sum((_covariance(column, column) for column in columns), Fraction(0))
    alpha = Fraction(p, p - 1) * (1 - item_variances / variance)
    # alpha ≤ 1 exactly here (V(ΣX) ≤ p ΣV(X), Cauchy–Schwarz); it has no lower bound.
    error_ratio = math.sqrt(1 - alpha)
    standard_error = error_ratio * sd if sd is not None else None
    return TestStats(s, mean, sd, float(alpha), error_ratio, standard_error, items=p, form=form)


def analyse(attempts: Sequence[ScoredAttempt]) -> ItemAnalysis:
    """Moodle's item analysis of `attempts` (one test's; see `by_test` to split a mixture).

    Raises ValueError for an impossible score (not finite, negative, above the question's points).
    """
    scored = [scores for scores in (_scored(attempt) for attempt in attempts) if scores]
    rows: dict[str, list[tuple[Fraction, Fraction, Fraction, Fraction]]] = {}
    for scores in scored:
        total = sum((earned for earned, _ in scores.values()), Fraction(0))
        points = sum((worth for _, worth in scores.values()), Fraction(0))
        for qid, (earned, worth) in scores.items():
            rows.setdefault(qid, []).append((earned, worth, total, points))
    items = [_item(qid, item_rows) for qid, item_rows in rows.items()]
    items.sort(key=lambda item: (item.facility is None, item.facility or 0.0, item.question_id))
    return ItemAnalysis(items, _test(scored))


# -- where the attempts come from ----------------------------------------------------------------


def item_id(question_id: str) -> str:
    """The item a question counts as: itself, or for a generated question its generator.

    A generator draws new numbers for every attempt (gen:NAME:SEED, a new id each time); its draws are
    one question asked with other numbers, as Moodle counts the variants of a calculated question as
    one question. Two draws of one generator in an attempt make one item worth both.
    """
    match = _GENERATED.fullmatch(question_id)
    return match.group(1) if match else question_id


def _add(scores: dict[str, tuple[float, float]], question_id: str, earned: float, max_points: float) -> None:
    key = item_id(question_id)
    before = scores.get(key, (0.0, 0.0))
    scores[key] = (before[0] + earned, before[1] + max_points)


def attempts_from_rows(rows: Iterable[AttemptRow], learner: str = "", *,
                       every_attempt: bool = False) -> list[ScoredAttempt]:
    """The attempts of one learner's store (`Store.attempts()`) that item analysis counts.

    Finished quizzes only; by default the first (earliest started) of each test, a bank in one mode;
    `every_attempt=True` keeps them all. Oldest first. Call once per learner and add the lists up.
    """
    kept = sorted((row for row in rows if row.state == "finished" and row.kind == "quiz"),
                  key=lambda row: (row.started_at, row.id))
    if not every_attempt:
        first: dict[tuple[str, str], AttemptRow] = {}
        for row in kept:
            first.setdefault((row.bank, row.mode), row)
        kept = [row for row in kept if first[(row.bank, row.mode)] is row]
    attempts = []
    for row in kept:
        scores: dict[str, tuple[float, float]] = {}
        for answer in row.answers:
            _add(scores, answer.question_id, answer.earned, answer.max_points)
        attempts.append(ScoredAttempt(f"{learner}/{row.uuid}", scores, learner, row.bank, row.mode))
    return attempts


def attempts_from_answers(answers: Iterable[Answer], *, every_attempt: bool = False) -> list[ScoredAttempt]:
    """The attempts the class report's answers (read from learners' exports) hold, as item analysis counts them.

    The same rules as `attempts_from_rows`, with what an export says of its attempts: an attempt whose
    state or kind the export does not give (a CSV without those columns) is counted, the export being
    all there is to know. "First" is the earliest `started_at`; without one, the first read.
    """
    grouped: dict[tuple[str, str], list[Answer]] = {}
    seen: set[tuple[str, str, str]] = set()
    for answer in answers:  # one answer per (learner, attempt, question), the first read (as the report)
        if (answer.learner, answer.attempt, answer.question_id) not in seen:
            seen.add((answer.learner, answer.attempt, answer.question_id))
            grouped.setdefault((answer.learner, answer.attempt), []).append(answer)
    # An attempt's settings are those of its first answer (each CSV row repeats them).
    kept = [(order, group) for order, group in enumerate(grouped.values())
            if group[0].state in ("finished", "") and group[0].kind in ("quiz", "")]
    kept.sort(key=lambda item: (item[1][0].started_at == "", item[1][0].started_at, item[0]))
    if not every_attempt:
        first: dict[tuple[str, str, str], int] = {}
        for order, group in kept:
            first.setdefault((group[0].learner, group[0].bank, group[0].mode), order)
        kept = [(order, group) for order, group in kept
                if first[(group[0].learner, group[0].bank, group[0].mode)] == order]
    attempts = []
    for _, group in kept:
        scores: dict[str, tuple[float, float]] = {}
        for answer in group:
            _add(scores, answer.question_id, answer.earned, answer.max_points)
        head = group[0]
        attempts.append(ScoredAttempt(f"{head.learner}/{head.attempt}", scores, head.learner, head.bank, head.mode))
    return attempts


def by_test(attempts: Iterable[ScoredAttempt]) -> list[tuple[tuple[str, str], list[ScoredAttempt]]]:
    """The attempts split by test, (bank, mode), in that order: an item analysis is of one test only.

    A practice quiz and an exam of one bank are two tests (hints, time limit): Moodle analyses each
    quiz activity on its own.
    """
    groups: dict[tuple[str, str], list[ScoredAttempt]] = {}
    for attempt in attempts:
        groups.setdefault((attempt.bank, attempt.mode), []).append(attempt)
    return sorted(groups.items())
