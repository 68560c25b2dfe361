"""chrF against sacreBLEU itself: sentence and corpus scores, β = 2, orders 1 to 6, spaces removed."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.metrics.chrf import corpus_chrf, order_counts, sentence_chrf

sacrebleu = pytest.importorskip("sacrebleu")
CHRF = pytest.importorskip("sacrebleu.metrics").CHRF

_CHRF = CHRF()
WORDS = ["le", "la", "les", "chat", "chats", "noir", "noirs", "maison", "été", "a", "mangé", "pomme",
         "the", "cat", "sat", "x", "é", "ça", ".", ",", "l'eau", "aa", "aaa"]


def _sentences(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 8))) for _ in range(count)]


def test_the_lesson_example() -> None:
    """lessons: "le chat noir" against "les chats noirs" gives 33.64 (chrP ≈ 0.427, chrR ≈ 0.319)."""
    result = sentence_chrf("le chat noir", "les chats noirs")
    assert [(o.matches, o.hypothesis, o.reference) for o in result.orders] == [
        (10, 10, 13), (7, 9, 12), (4, 8, 11), (2, 7, 10), (0, 6, 9), (0, 5, 8)]
    assert round(result.score, 2) == 33.64
    assert result.precision == pytest.approx(0.427, abs=5e-4) and result.recall == pytest.approx(0.319, abs=5e-4)


def test_many_sentence_pairs_match_sacrebleu() -> None:
    rng = random.Random(15)
    hypotheses, references = _sentences(rng, 2000), _sentences(rng, 2000)
    for hyp, ref in zip(hypotheses, references, strict=True):
        assert sentence_chrf(hyp, ref).score == pytest.approx(_CHRF.sentence_score(hyp, [ref]).score,
                                                              abs=1e-9), (hyp, ref)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=25), st.lists(st.text(max_size=25), min_size=1, max_size=3))
def test_any_text_and_several_references_match_sacrebleu(hyp: str, refs: list[str]) -> None:
    assert sentence_chrf(hyp, refs).score == pytest.approx(_CHRF.sentence_score(hyp, refs).score, abs=1e-9)


def test_corpus_scores_match_sacrebleu() -> None:
    rng = random.Random(2015)
    for _ in range(50):
        count = rng.randint(1, 12)
        hyps = _sentences(rng, count)
        streams = [_sentences(rng, count) for _ in range(rng.randint(1, 2))]
        expected = _CHRF.corpus_score(hyps, streams).score
        assert corpus_chrf(hyps, streams).score == pytest.approx(expected, abs=1e-9)


def test_short_texts_use_the_effective_orders_only() -> None:
    counts = order_counts("abc", "abcd")
    assert [o.hypothesis for o in counts] == [3, 2, 1, 0, 0, 0]
    result = sentence_chrf("abc", "abcd")
    assert result.effective_order == 3 and result.precision == 1.0
    assert sentence_chrf("", "abc").score == 0.0 and sentence_chrf("xyz", "abc").score == 0.0
    with pytest.raises(ValueError):
        sentence_chrf("a", [])
    with pytest.raises(ValueError):
        corpus_chrf(["a", "b"], [["a"]])
