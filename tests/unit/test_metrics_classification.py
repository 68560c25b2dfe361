"""Classification metrics against scikit-learn (docs/REFERENCE.md §5 and random inputs)."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.metrics.classification import classification_scores

sklearn_metrics = pytest.importorskip("sklearn.metrics")

TOL = 1e-9
LABELS = ["a", "b", "c", "neutral", "Z", "10", "9", "é"]


def test_reference_vector() -> None:
    """docs/REFERENCE.md §5: y_true [0,1,2,0,1,2], y_pred [0,2,1,0,0,1]."""
    result = classification_scores(list("012012"), list("021001"))
    assert result.macro.precision == pytest.approx(0.2222, abs=1e-4)
    assert result.macro.recall == pytest.approx(1 / 3)
    assert result.macro.f1 == pytest.approx(0.2667, abs=1e-4)
    assert result.micro.f1 == pytest.approx(1 / 3)
    assert result.weighted.f1 == pytest.approx(0.2667, abs=1e-4)
    assert [row.f1 for row in result.per_class] == pytest.approx([0.8, 0, 0])


def test_zero_division_counts_as_zero() -> None:
    """A class never predicted has precision 0 (sklearn's default), F1 0 when P+R = 0."""
    result = classification_scores(["x", "y", "y"], ["y", "y", "y"])
    x = result.row("x")
    assert (x.precision, x.recall, x.f1, x.support) == (0.0, 0.0, 0.0, 1)
    assert result.row("y").precision == pytest.approx(2 / 3)


def test_label_only_in_predictions_has_zero_support() -> None:
    result = classification_scores(["a", "a"], ["a", "ghost"])
    assert result.labels == ("a", "ghost")
    assert result.row("ghost").support == 0
    assert result.matrix == ((1, 1), (0, 0))


def test_binary_and_mismatched_lengths() -> None:
    result = classification_scores(["1", "0", "1", "1"], ["1", "1", "0", "1"])
    assert result.row("1").precision == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        classification_scores(["a"], ["a", "b"])
    with pytest.raises(ValueError):
        classification_scores([], [])


@st.composite
def label_pairs(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    n = draw(st.integers(1, 60))
    pool = draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=len(LABELS), unique=True))
    gold = draw(st.lists(st.sampled_from(pool), min_size=n, max_size=n))
    pred = draw(st.lists(st.sampled_from(LABELS), min_size=n, max_size=n))
    return gold, pred


@settings(max_examples=150, deadline=None)
@given(label_pairs())
def test_matches_scikit_learn(pair: tuple[list[str], list[str]]) -> None:
    gold, pred = pair
    from sklearn.utils.multiclass import unique_labels

    result = classification_scores(gold, pred)
    labels = list(unique_labels(gold, pred))
    assert list(result.labels) == labels
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p, r, f, s = sklearn_metrics.precision_recall_fscore_support(gold, pred, labels=labels)
        for row, pi, ri, fi, si in zip(result.per_class, p, r, f, s, strict=True):
            assert abs(row.precision - pi) < TOL and abs(row.recall - ri) < TOL
            assert abs(row.f1 - fi) < TOL and row.support == si
        for average in ("macro", "micro", "weighted"):
            ap, ar, af, _ = sklearn_metrics.precision_recall_fscore_support(gold, pred, average=average)
            ours = getattr(result, average)
            assert abs(ours.precision - ap) < TOL and abs(ours.recall - ar) < TOL
            assert abs(ours.f1 - af) < TOL
        report = sklearn_metrics.classification_report(gold, pred, output_dict=True)
        matrix = sklearn_metrics.confusion_matrix(gold, pred, labels=labels)
    assert abs(result.accuracy - sklearn_metrics.accuracy_score(gold, pred)) < TOL
    if "accuracy" in report:
        assert abs(result.accuracy - report["accuracy"]) < TOL
    assert [list(row) for row in result.matrix] == matrix.tolist()
