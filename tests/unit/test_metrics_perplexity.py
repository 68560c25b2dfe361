"""Perplexity: per text, evaluate's mean_perplexity and the corpus value."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.metrics.perplexity import perplexity


def test_reference_vector() -> None:
    """docs/REFERENCE.md §5: token probabilities [0.5, 0.25, 0.125] → 4.0."""
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
    for ours, expected in zip(result.per_text, per_text, strict=True):
        assert ours == pytest.approx(expected, rel=1e-9)
    assert result.mean_perplexity == pytest.approx(sum(per_text) / len(per_text), rel=1e-9)
    assert result.corpus_perplexity == pytest.approx(math.exp(-sum(flat) / len(flat)), rel=1e-9)


# --- Overflow: exp(mean NLL) beyond the largest float is +inf (as torch.exp), never an error ----

def test_overflow_is_inf_not_an_error() -> None:
    """`tutor metrics perplexity` crashed with OverflowError on `-1000 -1000`."""
    result = perplexity([[-1000.0, -1000.0]])
    assert result.per_text == (math.inf,)
    assert result.mean_perplexity == math.inf and result.corpus_perplexity == math.inf
    assert result.texts[0].mean_nll == 1000.0 and result.as_dict()["mean_nll"] == 1000.0


def test_one_overflowing_text_leaves_the_corpus_finite() -> None:
    result = perplexity([[-1000.0], [-1.0]])
    assert result.per_text == (math.inf, pytest.approx(math.e))
    assert result.mean_perplexity == math.inf
    assert result.corpus_perplexity == pytest.approx(math.exp(500.5))


def test_just_under_the_limit_stays_finite() -> None:
    """exp(709.7) ≈ 1.65e308 is a float; two of them sum past the largest float, their mean does not."""
    result = perplexity([[-709.7], [-709.7, -709.7]])
    assert result.per_text == pytest.approx((math.exp(709.7),) * 2)
    assert math.isfinite(result.mean_perplexity)
    assert result.mean_perplexity == pytest.approx(math.exp(709.7))
    assert result.corpus_perplexity == pytest.approx(math.exp(709.7))
    assert math.isinf(perplexity([[-709.8]]).corpus_perplexity)  # the limit is log(max float) ≈ 709.78


def test_a_sum_of_log_probabilities_past_the_largest_float() -> None:
    """math.fsum raises on [-1e308, -1e308]: the NLL is then inf, its mean 1e308 stays exact."""
    result = perplexity([[-1e308, -1e308]])
    assert result.texts[0].nll == math.inf and result.nll == math.inf
    assert result.texts[0].mean_nll == 1e308 and result.as_dict()["mean_nll"] == 1e308
    assert result.per_text == (math.inf,) and result.corpus_perplexity == math.inf


def _exp_or_inf(value: float) -> float:
    try:
        return math.exp(value)
    except OverflowError:
        return math.inf


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.floats(-3000, 0), min_size=1, max_size=10), min_size=1, max_size=5))
def test_any_finite_input_scores_without_an_exception(texts: list[list[float]]) -> None:
    result = perplexity(texts)
    for ours, values in zip(result.per_text, texts, strict=True):
        expected = _exp_or_inf(-math.fsum(values) / len(values))
        assert ours == pytest.approx(expected, rel=1e-9) if math.isfinite(expected) else ours == math.inf
    flat = [v for t in texts for v in t]
    corpus = _exp_or_inf(-math.fsum(flat) / len(flat))
    assert result.corpus_perplexity == pytest.approx(corpus, rel=1e-9) if math.isfinite(corpus) \
        else result.corpus_perplexity == math.inf
    assert (result.mean_perplexity == math.inf) == any(math.isinf(p) for p in result.per_text)


def test_an_overflowing_sum_keeps_its_sign_with_a_zero_log_probability() -> None:
    """log p = 0 (a certain token) beside two -1e308: the NLL is +inf, never -inf."""
    result = perplexity([[0.0, -1e308, -1e308]])
    assert result.nll == math.inf and result.texts[0].nll == math.inf
    assert result.per_text == (math.inf,)


def test_json_keys_and_error_messages() -> None:
    assert set(perplexity([[-1.0]]).as_dict()) == {"per_text", "mean_perplexity", "corpus_perplexity", "tokens",
                                                   "mean_nll"}
    assert perplexity([[-1.0, -2.0], [-3.0]]).as_dict()["tokens"] == 3
    with pytest.raises(ValueError, match="no text to score"):
        perplexity([])
    with pytest.raises(ValueError, match="text 2 has no token"):
        perplexity([[-1.0], []])
