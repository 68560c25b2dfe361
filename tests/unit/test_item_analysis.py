"""Item analysis (tutor.quiz.item_analysis): Moodle's statistics, proved by hand and against scipy."""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import pearsonr, pointbiserialr

from tutor.quiz.item_analysis import (
    FLAGS,
    SAME_SCORE,
    ItemAnalysis,
    ItemStats,
    ScoredAttempt,
    analyse,
    attempts_from_answers,
    attempts_from_rows,
    by_test,
    item_id,
)
from tutor.quiz.results import Answer
from tutor.store.records import AnswerRow, AttemptRow


def attempts_of(table: dict[str, list[float]], maxima: list[float]) -> list[ScoredAttempt]:
    """One attempt per learner; the scores of questions q1, q2… in columns, their points in `maxima`."""
    return [ScoredAttempt(learner, {f"q{i + 1}": (score, maxima[i]) for i, score in enumerate(scores)}, learner)
            for learner, scores in table.items()]


def item(analysis: ItemAnalysis, question_id: str) -> ItemStats:
    return next(i for i in analysis.items if i.question_id == question_id)


# -- a worked example, every number derived by hand ---------------------------------------------
#
#            q1  q2  q3  q4 (2 points) | T (of 5)
#   ana       1   1   0   2            |  4
#   ben       1   1   0   2            |  4
#   cleo      1   0   1   1            |  3
#   dan       1   0   1   1            |  3
#   eve       1   0   0   0            |  1
#
# Sample variances and covariances divide by n − 1 = 4 (Moodle's). R = T − x, the rest of the test
# in marks; the analysis divides it by the rest's points (4 for q1–q3, 3 for q4), the same for every
# attempt here, which changes no correlation and no efficiency: R in marks gives the same P and D.

WORKED = {"ana": [1, 1, 0, 2], "ben": [1, 1, 0, 2], "cleo": [1, 0, 1, 1], "dan": [1, 0, 1, 1], "eve": [1, 0, 0, 0]}
WORKED_MAX = [1, 1, 1, 2]


def test_the_worked_example_by_hand() -> None:
    analysis = analyse(attempts_of({k: [float(v) for v in row] for k, row in WORKED.items()},
                                   [float(m) for m in WORKED_MAX]))
    # Hardest first: q2 and q3 (facility 0.4, tie broken by id), then q4 (0.6), then q1 (1).
    assert [i.question_id for i in analysis.items] == ["q2", "q3", "q4", "q1"]
    assert all(i.attempts == 5 for i in analysis.items)

    # q1: everyone right. F = 5/5 = 1; the deviations are all 0, SD = 0. V(x) = 0, so P = C/sqrt(V·V) is
    # 0/0: undefined (None), and so is D. F ≥ 95 %: too easy.
    q1 = item(analysis, "q1")
    assert (q1.facility, q1.sd, q1.discrimination, q1.efficiency, q1.flags) == (1.0, 0.0, None, None, ("too-easy",))

    # q2: x = 1 1 0 0 0, R = 3 3 3 3 1. x̄ = 0.4, R̄ = 13/5 = 2.6.
    # dx = .6 .6 −.4 −.4 −.4; dR = .4 .4 .4 .4 −1.6.
    # Σdx·dR = .24 + .24 − .16 − .16 + .64 = .8 → C = .2. Σdx² = 1.2 → V(x) = .3, SD = √.3 = 0.5477.
    # ΣdR² = 4 × .16 + 2.56 = 3.2 → V(R) = .8. P = .2 / √(.3 × .8) = .2 / √.24 = 1/√6 = 0.4082.
    # Cmax: x sorted 0 0 0 1 1 with R sorted 1 3 3 3 3: dx −.4 −.4 −.4 .6 .6, dR −1.6 .4 .4 .4 .4,
    # Σ = .64 − .16 − .16 + .24 + .24 = .8 → Cmax = .2, D = .2 / .2 = 1 (the best order these scores allow).
    q2 = item(analysis, "q2")
    assert q2.facility == pytest.approx(0.4)
    assert q2.sd == pytest.approx(math.sqrt(0.3))
    assert q2.discrimination == pytest.approx(1 / math.sqrt(6))
    assert q2.efficiency == pytest.approx(1.0)
    assert q2.flags == ()

    # q3: x = 0 0 1 1 0, R = 4 4 2 2 1. x̄ = .4, R̄ = 2.6.
    # dx = −.4 −.4 .6 .6 −.4; dR = 1.4 1.4 −.6 −.6 −1.6.
    # Σdx·dR = −.56 − .56 − .36 − .36 + .64 = −1.2 → C = −.3. V(x) = 1.2 / 4 = .3.
    # ΣdR² = 1.96 + 1.96 + .36 + .36 + 2.56 = 7.2 → V(R) = 1.8. P = −.3 / √.54 = −1/√6 = −0.4082.
    # Cmax: x sorted 0 0 0 1 1, R sorted 1 2 2 4 4: dx −.4 −.4 −.4 .6 .6, dR −1.6 −.6 −.6 1.4 1.4,
    # Σ = .64 + .24 + .24 + .84 + .84 = 2.8 → Cmax = .7, D = −.3 / .7 = −3/7. Negative: flagged.
    q3 = item(analysis, "q3")
    assert q3.facility == pytest.approx(0.4)
    assert q3.sd == pytest.approx(math.sqrt(0.3))
    assert q3.discrimination == pytest.approx(-1 / math.sqrt(6))
    assert q3.efficiency == pytest.approx(-3 / 7)
    assert q3.flags == ("negative-discrimination",)

    # q4 (partial credit, 2 points): marks 2 2 1 1 0, as shares 1 1 .5 .5 0. F = 3/5 = .6.
    # dx = .4 .4 −.1 −.1 −.6, Σdx² = .16 + .16 + .01 + .01 + .36 = .7 → V(x) = .175, SD = √.175 = 0.4183.
    # R = 2 2 2 2 1, R̄ = 1.8, dR = .2 .2 .2 .2 −.8, ΣdR² = .8 → V(R) = .2.
    # Σdx·dR = .08 + .08 − .02 − .02 + .48 = .6 → C = .15. P = .15 / √(.175 × .2) = .15 / √.035 = 0.8018.
    # Cmax: x sorted 0 .5 .5 1 1, R sorted 1 2 2 2 2: dx −.6 −.1 −.1 .4 .4, dR −.8 .2 .2 .2 .2,
    # Σ = .48 − .02 − .02 + .08 + .08 = .6 → Cmax = .15, D = 1.
    q4 = item(analysis, "q4")
    assert q4.facility == pytest.approx(0.6)
    assert q4.sd == pytest.approx(math.sqrt(0.175))
    assert q4.discrimination == pytest.approx(0.15 / math.sqrt(0.035))
    assert q4.efficiency == pytest.approx(1.0)
    assert q4.flags == ()

    # The test: t = T/5 = .8 .8 .6 .6 .2, mean .6; deviations .2 .2 0 0 −.4, Σ = .24 → V(t) = .06,
    # SD = √.06 = 0.2449. Alpha in marks (the same: every attempt is out of 5): V(x) of the items
    # 0, .3, .3, and for q4 (marks 2 2 1 1 0, mean 1.2, Σd² = .64 + .64 + .04 + .04 + 1.44 = 2.8) .7;
    # Σ = 1.3. V(T) = .06 × 25 = 1.5. alpha = 4/3 × (1 − 1.3/1.5) = 4/3 × 2/15 = 8/45 = 0.1778
    # (Moodle's CIC 17.78 %). ER = √(1 − 8/45) = √(37/45) = 0.9068. SE = ER × SD = 0.2221.
    test = analysis.test
    assert (test.attempts, test.items, test.form, test.alpha_missing) == (5, 4, "fixed", None)
    assert test.mean == pytest.approx(0.6)
    assert test.sd == pytest.approx(math.sqrt(0.06))
    assert test.alpha == pytest.approx(8 / 45)
    assert test.error_ratio == pytest.approx(math.sqrt(37 / 45))
    assert test.standard_error == pytest.approx(math.sqrt(37 / 45) * math.sqrt(0.06))


# -- against scipy and direct formulas ----------------------------------------------------------


def _rest(attempt: ScoredAttempt, question: str) -> float:
    """The rest of the test as the analysis defines it: the other questions' share of their points."""
    others = [(e, m) for q, (e, m) in attempt.scores.items() if q != question and m > 0]
    return sum(e for e, _ in others) / sum(m for _, m in others)


def _constant(values: list[float]) -> bool:
    """The analysis's rule: shares of points closer than SAME_SCORE are one score (rounding, not spread)."""
    return max(values) - min(values) <= float(SAME_SCORE)


def _check_against_scipy(attempts: list[ScoredAttempt], dichotomous: bool) -> None:
    analysis = analyse(attempts)
    for stats in analysis.items:
        holding = [a for a in attempts if stats.question_id in a.scores]
        x = [a.scores[stats.question_id][0] / a.scores[stats.question_id][1] for a in holding]
        rest = [_rest(a, stats.question_id) for a in holding]
        assert stats.attempts == len(holding)
        assert stats.facility == pytest.approx(statistics.fmean(x))
        if len(x) >= 2:
            assert stats.sd == pytest.approx(statistics.stdev(x), abs=1e-12)
        if _constant(x) or _constant(rest):
            # scipy says the correlation of a constant is not defined (nan); we say None.
            assert stats.discrimination is None and stats.efficiency is None
            continue
        assert stats.discrimination is not None and stats.efficiency is not None
        assert stats.discrimination == pytest.approx(pearsonr(x, rest).statistic, abs=1e-9)
        if dichotomous:
            assert stats.discrimination == pytest.approx(pointbiserialr(x, rest).statistic, abs=1e-9)
        assert -1.0 <= stats.discrimination <= 1.0
        assert stats.efficiency <= 1.0 + 1e-12
        # D = C / Cmax and P = C / sqrt(V V) share their sign, and Cmax ≤ sqrt(V V): |D| ≥ |P|.
        assert stats.efficiency * stats.discrimination >= 0
        assert abs(stats.efficiency) >= abs(stats.discrimination) - 1e-12
        assert ("negative-discrimination" in stats.flags) == (stats.discrimination < 0)


def _finite_everywhere(analysis: ItemAnalysis) -> None:
    values = [v for i in analysis.items for v in (i.facility, i.sd, i.discrimination, i.efficiency)]
    test = analysis.test
    values += [test.mean, test.sd, test.alpha, test.error_ratio, test.standard_error]
    assert all(v is None or math.isfinite(v) for v in values)
    assert all(flag in FLAGS for i in analysis.items for flag in i.flags)


matrices = st.integers(2, 8).flatmap(lambda items: st.lists(
    st.lists(st.integers(0, 1), min_size=items, max_size=items), min_size=2, max_size=30))


@given(matrices)
@settings(max_examples=200, deadline=None)
def test_dichotomous_items_against_scipy_pointbiserialr(matrix: list[list[int]]) -> None:
    attempts = attempts_of({f"l{n}": [float(v) for v in row] for n, row in enumerate(matrix)}, [1.0] * len(matrix[0]))
    _check_against_scipy(attempts, dichotomous=True)
    _finite_everywhere(analyse(attempts))


credits = st.sampled_from([0.0, 0.25, 0.5, 1 / 3, 0.1, 0.7, 1.0])


@given(st.integers(2, 6).flatmap(lambda items: st.tuples(
    st.lists(st.lists(credits, min_size=items, max_size=items), min_size=2, max_size=25),
    st.lists(st.sampled_from([1.0, 2.0, 3.0, 0.5]), min_size=items, max_size=items))))
@settings(max_examples=200, deadline=None)
def test_partial_credit_against_scipy_pearsonr(case: tuple[list[list[float]], list[float]]) -> None:
    matrix, maxima = case
    attempts = attempts_of({f"l{n}": [c * m for c, m in zip(row, maxima, strict=True)]
                            for n, row in enumerate(matrix)}, maxima)
    _check_against_scipy(attempts, dichotomous=False)
    _finite_everywhere(analyse(attempts))


def _alpha_directly(attempts: list[ScoredAttempt]) -> float:
    """Cronbach's alpha of a fixed form from its definition, with the standard library only."""
    questions = sorted(attempts[0].scores)
    points = [sum(m for _, m in a.scores.values()) for a in attempts]
    columns = [[a.scores[q][0] / p for a, p in zip(attempts, points, strict=True)] for q in questions]
    totals = [sum(a.scores[q][0] for q in questions) / p for a, p in zip(attempts, points, strict=True)]
    k = len(questions)
    return k / (k - 1) * (1 - sum(statistics.variance(c) for c in columns) / statistics.variance(totals))


@given(st.integers(2, 7).flatmap(lambda items: st.lists(
    st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0]), min_size=items, max_size=items), min_size=3, max_size=30)))
@settings(max_examples=200, deadline=None)
def test_alpha_error_ratio_and_standard_error_from_their_definitions(matrix: list[list[float]]) -> None:
    attempts = attempts_of({f"l{n}": row for n, row in enumerate(matrix)}, [2.0] * len(matrix[0]))
    test = analyse(attempts).test
    totals = [sum(row) / (2.0 * len(row)) for row in matrix]
    assert test.mean == pytest.approx(statistics.fmean(totals))
    assert test.sd == pytest.approx(statistics.stdev(totals), abs=1e-12)
    if _constant(totals):
        assert test.alpha is None and test.alpha_missing == "no-spread"
        return
    alpha = _alpha_directly(attempts)
    assert test.alpha == pytest.approx(alpha, abs=1e-9)
    assert test.alpha <= 1.0
    assert test.error_ratio == pytest.approx(math.sqrt(1 - alpha), abs=1e-9)
    assert test.standard_error == pytest.approx(math.sqrt(1 - alpha) * statistics.stdev(totals), abs=1e-9)


@given(st.lists(st.dictionaries(st.sampled_from([f"q{i}" for i in range(8)]),
                                st.tuples(st.sampled_from([0.0, 0.5, 1.0]), st.just(1.0)), min_size=1, max_size=5),
                min_size=0, max_size=20))
@settings(max_examples=200, deadline=None)
def test_random_forms_analyse_each_item_over_the_attempts_that_hold_it(
        forms: list[dict[str, tuple[float, float]]]) -> None:
    attempts = [ScoredAttempt(f"a{n}", scores) for n, scores in enumerate(forms)]
    analysis = analyse(attempts)
    _finite_everywhere(analysis)
    for stats in analysis.items:
        holding = [a for a in attempts if stats.question_id in a.scores and len(a.scores) > 1]
        x = [a.scores[stats.question_id][0] for a in holding]
        rest = [_rest(a, stats.question_id) for a in holding]
        if len(x) >= 2 and not _constant(x) and not _constant(rest):
            assert stats.discrimination == pytest.approx(pearsonr(x, rest).statistic, abs=1e-9)
        else:
            assert stats.discrimination is None
    facilities = [(i.facility, i.question_id) for i in analysis.items]
    assert facilities == sorted(facilities)  # hardest first, ties by id


# -- edge cases ----------------------------------------------------------------------------------


def test_no_attempt() -> None:
    analysis = analyse([])
    assert analysis.items == []
    assert analysis.test.attempts == 0
    assert (analysis.test.mean, analysis.test.sd, analysis.test.alpha) == (None, None, None)
    assert analysis.test.alpha_missing == "few-attempts"


def test_one_attempt_has_a_facility_and_nothing_else() -> None:
    analysis = analyse(attempts_of({"ana": [1.0, 0.0, 0.5]}, [1.0, 1.0, 1.0]))
    assert [(i.question_id, i.attempts, i.facility, i.sd, i.discrimination, i.efficiency) for i in analysis.items] == [
        ("q2", 1, 0.0, None, None, None), ("q3", 1, 0.5, None, None, None), ("q1", 1, 1.0, None, None, None)]
    assert [i.flags for i in analysis.items] == [("too-hard",), (), ("too-easy",)]
    test = analysis.test
    assert (test.attempts, test.mean, test.sd, test.alpha, test.alpha_missing) == (1, 0.5, None, None, "few-attempts")


def test_two_attempts_have_a_spread_but_no_alpha() -> None:
    # Moodle computes its CIC from three attempts on; from two, P is ±1 whenever it is defined.
    analysis = analyse(attempts_of({"ana": [1.0, 1.0], "ben": [0.0, 0.0]}, [1.0, 1.0]))
    assert [i.discrimination for i in analysis.items] == [pytest.approx(1.0)] * 2
    assert analysis.test.sd == pytest.approx(math.sqrt(0.5))
    assert (analysis.test.alpha, analysis.test.alpha_missing) == (None, "few-attempts")


def test_equal_totals_leave_alpha_undefined_and_each_item_against_its_rest() -> None:
    # Everyone scores 1 of 2: V(T) = 0, alpha's V(T) denominator is 0 (None). The rest of the test is
    # then 1 − x: each item is perfectly anti-correlated with it, and Moodle would show −100 % too.
    analysis = analyse(attempts_of({"ana": [1.0, 0.0], "ben": [0.0, 1.0], "cleo": [1.0, 0.0]}, [1.0, 1.0]))
    assert analysis.test.sd == 0.0
    assert (analysis.test.alpha, analysis.test.error_ratio, analysis.test.standard_error) == (None, None, None)
    assert analysis.test.alpha_missing == "no-spread"
    assert [i.discrimination for i in analysis.items] == [pytest.approx(-1.0)] * 2
    assert all("negative-discrimination" in i.flags for i in analysis.items)


def test_a_single_item_test_has_no_rest_and_no_alpha() -> None:
    analysis = analyse(attempts_of({"ana": [1.0], "ben": [0.0], "cleo": [1.0]}, [1.0]))
    (only,) = analysis.items
    assert only.facility == pytest.approx(2 / 3)
    assert only.sd == pytest.approx(statistics.stdev([1.0, 0.0, 1.0]))
    assert (only.discrimination, only.efficiency) == (None, None)
    assert (analysis.test.items, analysis.test.alpha, analysis.test.alpha_missing) == (1, None, "one-item")


def test_facility_bounds_are_moodles_bands_inclusive() -> None:
    nineteen = {f"l{n}": [1.0 if n < 19 else 0.0, 1.0, 0.0 if n else 1.0] for n in range(20)}
    analysis = analyse(attempts_of(nineteen, [1.0, 1.0, 1.0]))
    assert item(analysis, "q1").facility == pytest.approx(0.95) and "too-easy" in item(analysis, "q1").flags
    assert item(analysis, "q3").facility == pytest.approx(0.05) and "too-hard" in item(analysis, "q3").flags
    eighteen = {f"l{n}": [1.0 if n < 18 else 0.0, 0.0 if n > 1 else 1.0] for n in range(20)}
    analysis = analyse(attempts_of(eighteen, [1.0, 1.0]))
    assert item(analysis, "q1").flags == () and item(analysis, "q2").flags == ()  # 90 % and 10 %: not flagged


def test_scores_that_only_rounding_tells_apart_have_no_spread() -> None:
    # 0.1 + 0.2 and 0.3 are one score: in floats they differ by 5e-17, a variance of 1e-33 that would
    # read as a perfect correlation. The analysis computes exactly: the rest has no spread, P is None.
    attempts = [ScoredAttempt("a", {"q": (1.0, 1.0), "r": (0.1, 1.0), "s": (0.2, 1.0)}),
                ScoredAttempt("b", {"q": (0.0, 1.0), "r": (0.3, 1.0), "s": (0.0, 1.0)}),
                ScoredAttempt("c", {"q": (1.0, 1.0), "r": (0.0, 1.0), "s": (0.3, 1.0)})]
    assert item(analyse(attempts), "q").discrimination is None


def test_thirds_that_rounding_keeps_apart_are_one_score() -> None:
    # A third of a point is stored 0.3333333333333333: 1/6 + 1/3 then misses 1/2 by 1e-17. Both attempts
    # have a rest of half their points: no spread, no discrimination (not a perfect −1 out of noise).
    attempts = [ScoredAttempt("a", {"q1": (0.0, 1.0), "q2": (0.0, 1.0), "q3": (0.0, 0.5), "q4": (0.5, 1.0)}),
                ScoredAttempt("b", {"q1": (0.0, 1.0), "q2": (0.25, 1.0), "q3": (1 / 3 * 0.5, 0.5),
                                    "q4": (1 / 3, 1.0)})]
    analysis = analyse(attempts)
    assert item(analysis, "q2").discrimination is None
    assert item(analysis, "q1").sd == 0.0


def test_missing_items_random_forms_and_uneven_forms() -> None:
    same_count = [ScoredAttempt("a", {"q1": (1.0, 1.0), "q2": (1.0, 1.0)}),
                  ScoredAttempt("b", {"q2": (0.0, 1.0), "q3": (1.0, 1.0)}),
                  ScoredAttempt("c", {"q3": (0.0, 1.0), "q1": (0.0, 1.0)}),
                  ScoredAttempt("d", {"q1": (1.0, 1.0), "q3": (0.0, 1.0)})]
    analysis = analyse(same_count)
    # Facilities: q3 1/3 (of 3 attempts), q2 1/2 (of 2), q1 2/3 (of 3).
    assert [(i.question_id, i.attempts) for i in analysis.items] == [("q3", 3), ("q2", 2), ("q1", 3)]
    # Alpha by position: item 1 = the first question asked (1, 0, 0, 1), item 2 the second (1, 1, 0, 0),
    # each as a share of the attempt's 2 points; totals (1, .5, 0, .5).
    first, second = [0.5, 0.0, 0.0, 0.5], [0.5, 0.5, 0.0, 0.0]
    totals = [1.0, 0.5, 0.0, 0.5]
    expected = 2 * (1 - (statistics.variance(first) + statistics.variance(second)) / statistics.variance(totals))
    assert (analysis.test.form, analysis.test.items) == ("random", 2)
    assert analysis.test.alpha == pytest.approx(expected)
    uneven = [*same_count, ScoredAttempt("e", {"q1": (1.0, 1.0)})]
    test = analyse(uneven).test
    assert (test.form, test.alpha, test.alpha_missing, test.attempts) == ("uneven", None, "uneven", 5)
    assert test.mean == pytest.approx(statistics.fmean([1.0, 0.5, 0.0, 0.5, 1.0]))


def test_points_of_different_attempts_compare_as_shares() -> None:
    # The same learner's standing, offered 2 or 4 points: each total is a share of the attempt's points.
    attempts = [ScoredAttempt("a", {"q1": (1.0, 1.0), "q2": (1.0, 1.0)}),
                ScoredAttempt("b", {"q1": (0.0, 1.0), "q2": (3.0, 3.0)}),
                ScoredAttempt("c", {"q1": (1.0, 1.0), "q2": (0.0, 1.0)})]
    test = analyse(attempts).test
    assert test.mean == pytest.approx(statistics.fmean([1.0, 0.75, 0.5]))


def test_questions_worth_nothing_are_left_out() -> None:
    analysis = analyse([ScoredAttempt("a", {"q1": (1.0, 1.0), "zero": (0.0, 0.0)}),
                        ScoredAttempt("b", {"q1": (0.0, 1.0), "zero": (0.0, 0.0)})])
    assert [i.question_id for i in analysis.items] == ["q1"]
    assert analyse([ScoredAttempt("a", {"zero": (0.0, 0.0)})]).test.attempts == 0


@pytest.mark.parametrize("score", [(math.nan, 1.0), (1.0, math.inf), (2.0, 1.0), (-1.0, 1.0), (0.0, -1.0)])
def test_impossible_scores_are_refused(score: tuple[float, float]) -> None:
    with pytest.raises(ValueError, match="impossible score"):
        analyse([ScoredAttempt("a", {"q": score})])


def test_a_hair_above_the_points_counts_as_the_points() -> None:
    (only,) = analyse([ScoredAttempt("a", {"q": (1.0 + 1e-12, 1.0)})]).items
    assert only.facility == 1.0


# -- where the attempts come from ----------------------------------------------------------------


def test_generated_questions_are_one_item_per_generator() -> None:
    assert item_id("gen:param-count:12345") == "gen:param-count"
    assert item_id("gen:param-count:x") == "gen:param-count:x"
    assert item_id("bert-01") == "bert-01"


def row(uuid: str, started: float, answers: list[tuple[str, float, float]], *, bank: str = "ft", mode: str = "exam",
        kind: str = "quiz", state: str = "finished", number: int = 1) -> AttemptRow:
    return AttemptRow(
        id=number, uuid=uuid, bank=bank, module="m", kind=kind, mode=mode, lang="en", seed=1, settings={},
        question_ids=[q for q, _, _ in answers], time_limit=None, pass_mark=70.0, started_at=started,
        ended_at=started + 60, elapsed=60.0, state=state,
        answers=[AnswerRow(q, "bert", None, e, m, e / m, e == m, 0, 1.0, started + 1) for q, e, m in answers],
        hints={})


def test_attempts_from_rows_counts_each_tests_first_finished_quiz() -> None:
    rows = [
        row("late", 300.0, [("q1", 1.0, 1.0)], number=3),
        row("first", 100.0, [("q1", 0.0, 1.0), ("gen:g:1", 1.0, 1.0), ("gen:g:2", 0.0, 2.0)], number=1),
        row("open", 50.0, [("q1", 1.0, 1.0)], state="open", number=0),
        row("retry", 60.0, [("q1", 1.0, 1.0)], kind="retry", number=4),
        row("practice", 400.0, [("q1", 1.0, 1.0)], mode="practice", number=5),
    ]
    attempts = attempts_from_rows(rows, "ana")
    assert [a.key for a in attempts] == ["ana/first", "ana/practice"]
    assert dict(attempts[0].scores) == {"q1": (0.0, 1.0), "gen:g": (1.0, 3.0)}
    assert (attempts[0].learner, attempts[0].bank, attempts[0].mode) == ("ana", "ft", "exam")
    every = attempts_from_rows(rows, "ana", every_attempt=True)
    assert [a.key for a in every] == ["ana/first", "ana/late", "ana/practice"]
    assert [key for key, _ in by_test(every)] == [("ft", "exam"), ("ft", "practice")]


def answer(learner: str, attempt: str, question: str, earned: float, **about: str) -> Answer:
    return Answer(learner, attempt, question, "bert", earned == 1.0, earned, 1.0, **about)


def test_attempts_from_answers_follow_the_same_rules() -> None:
    answers = [
        answer("ana", "a2", "q1", 1.0, bank="ft", mode="exam", state="finished", kind="quiz",
               started_at="2025-02-01T10:00:00Z"),
        answer("ana", "a1", "q1", 0.0, bank="ft", mode="exam", state="finished", kind="quiz",
               started_at="2025-01-01T10:00:00Z"),
        answer("ana", "a1", "q2", 1.0, bank="ft", mode="exam", state="finished", kind="quiz",
               started_at="2025-01-01T10:00:00Z"),
        answer("ana", "a1", "q2", 0.0, bank="ft", mode="exam"),  # a second copy: the first read is kept
        answer("ana", "a0", "q1", 1.0, bank="ft", mode="exam", state="open"),
        answer("ana", "r", "q1", 1.0, bank="ft", mode="exam", kind="review"),
        answer("ben", "b1", "q1", 1.0),  # a CSV without the attempt's columns: counted, test unknown
    ]
    attempts = attempts_from_answers(answers)
    assert [(a.key, dict(a.scores)) for a in attempts] == [
        ("ana/a1", {"q1": (0.0, 1.0), "q2": (1.0, 1.0)}), ("ben/b1", {"q1": (1.0, 1.0)})]
    every = attempts_from_answers(answers, every_attempt=True)
    assert [a.key for a in every] == ["ana/a1", "ana/a2", "ben/b1"]
    assert [key for key, _ in by_test(every)] == [("", ""), ("ft", "exam")]
