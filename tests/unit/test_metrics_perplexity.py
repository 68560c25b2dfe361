"""Perplexity: per text, evaluate's mean_perplexity and the corpus value."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.metrics.perplexity import perplexity


def test_reference_vector() -> None:
    """REFERENCE.md §5: token probabilities [0.5, 0.25, 0.125] → 4.0."""
    result = perplexity([[math.log(0.5), math.log(0.25), math.log(0.125)]])
    assert result.per_text == pytest.approx((4.0,))
    assert result.mean_perplexity == pytest.approx(4.0)
    assert result.corpus_perplexity == pytest.approx(4.0)


def test_mean_and_corpus_differ() -> None:
    """A short surprising text weighs as much as a long one in the mean, not in the corpus."""
    result = perplexity([[math.log(0.5)] * 99, [math.log(0.01)]])
    assert result.per_text == pytest.approx((2.0, 100.0))
    assert result.mean_perplexity == pytest.approx(51.0)
    assert result.corpus_perplexity == pytest.approx(math.exp((99 * math.log(2) + math.log(100)) / 100))


def test_errors() -> None:
    with pytest.raises(ValueError):
        perplexity([])
    with pytest.raises(ValueError):
        perplexity([[-1.0], []])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.floats(-20, 0), min_size=1, max_size=30), min_size=1, max_size=8))
def test_matches_direct_formulas(texts: list[list[float]]) -> None:
    result = perplexity(texts)
    per_text = [math.exp(-sum(t) / len(t)) for t in texts]
    flat = [v for t in texts for v in t]
    for ours, expected in zip(result.per_text, per_text):
        assert ours == pytest.approx(expected, rel=1e-9)
    assert result.mean_perplexity == pytest.approx(sum(per_text) / len(per_text), rel=1e-9)
    assert result.corpus_perplexity == pytest.approx(math.exp(-sum(flat) / len(flat)), rel=1e-9)
