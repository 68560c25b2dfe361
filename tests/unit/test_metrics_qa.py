"""SQuAD v1.1 EM/F1 against the official evaluate-v1.1.py functions (reproduced below)."""

from __future__ import annotations

import re
import string
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.metrics.qa import exact_match, normalize_answer, qa_scores, token_f1


# --- The official SQuAD v1.1 evaluation script's functions, verbatim in substance. ---
def official_normalize(s: str) -> str:
    def remove_articles(text: str) -> str:
        return re.sub(r"\b(a|an|the)\b", " ", text)

    def white_space_fix(text: str) -> str:
        return " ".join(text.split())

    def remove_punc(text: str) -> str:
        exclude = set(string.punctuation)
        return "".join(ch for ch in text if ch not in exclude)

    return white_space_fix(remove_articles(remove_punc(s.lower())))


def official_f1(prediction: str, ground_truth: str) -> float:
    prediction_tokens = official_normalize(prediction).split()
    ground_truth_tokens = official_normalize(ground_truth).split()
    common = Counter(prediction_tokens) & Counter(ground_truth_tokens)
    num_same = sum(common.values())
    if num_same == 0:
        return 0
    precision = 1.0 * num_same / len(prediction_tokens)
    recall = 1.0 * num_same / len(ground_truth_tokens)
    return (2 * precision * recall) / (precision + recall)


def official_em(prediction: str, ground_truth: str) -> bool:
    return official_normalize(prediction) == official_normalize(ground_truth)


def official_evaluate(gold: dict[str, list[str]], predictions: dict[str, str]) -> tuple[float, float]:
    em = f1 = 0.0
    for qid, truths in gold.items():
        em += max(official_em(predictions[qid], t) for t in truths)
        f1 += max(official_f1(predictions[qid], t) for t in truths)
    return 100.0 * em / len(gold), 100.0 * f1 / len(gold)


def test_reference_vectors() -> None:
    """docs/REFERENCE.md §5: "The Cat sat!" vs "a cat sat" → EM 1, F1 1; "Denver Broncos" vs "Broncos"."""
    assert exact_match("The Cat sat!", "a cat sat") and token_f1("The Cat sat!", "a cat sat") == 1.0
    assert not exact_match("Denver Broncos", "Broncos")
    assert token_f1("Denver Broncos", "Broncos") == pytest.approx(0.6667, abs=1e-4)
    result = qa_scores({"1": ["a cat sat"], "2": ["Broncos"]}, {"1": "The Cat sat!", "2": "Denver Broncos"})
    assert result.exact_match == 50.0
    assert result.f1 == pytest.approx(100 * (1 + 2 / 3) / 2)


def test_max_over_gold_answers_and_errors() -> None:
    result = qa_scores({"q": ["Paris", "the city of Paris"]}, {"q": "city of Paris"})
    assert result.exact_match == 100.0 and result.items[0].best_answer == "the city of Paris"
    with pytest.raises(KeyError):
        qa_scores({"q": ["x"]}, {})
    with pytest.raises(ValueError):
        qa_scores({}, {})
    with pytest.raises(ValueError):
        qa_scores({"q": []}, {"q": "x"})


WORDS = ["the", "The", "a", "An", "an", "cat", "Cat!", "sat", ",", "é", "Ünïcode", "  ", "-",
         "theatre", "a.b", "(the)", "l'an", "1,000", "\t", "Broncos", "Denver"]
texts = st.one_of(st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join), st.text(max_size=20))


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_pairwise_scores_match_official(prediction: str, gold: str) -> None:
    assert normalize_answer(prediction) == official_normalize(prediction)
    assert exact_match(prediction, gold) == official_em(prediction, gold)
    assert abs(token_f1(prediction, gold) - official_f1(prediction, gold)) < 1e-9


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(texts, st.lists(texts, min_size=1, max_size=3)), min_size=1, max_size=6))
def test_corpus_scores_match_official(items: list[tuple[str, list[str]]]) -> None:
    gold = {str(i): answers for i, (_pred, answers) in enumerate(items)}
    predictions = {str(i): pred for i, (pred, _answers) in enumerate(items)}
    em, f1 = official_evaluate(gold, predictions)
    result = qa_scores(gold, predictions)
    assert abs(result.exact_match - em) < 1e-9 and abs(result.f1 - f1) < 1e-9


# --- Found by mutation testing (docs/testing.md) -------------------------------------------

def test_best_answer_is_the_first_of_equally_good_ones() -> None:
    """The report shows which gold answer the F1 was computed against: on a tie, the first."""
    result = qa_scores({"q": ["red car", "blue car"]}, {"q": "car"})
    assert result.items[0].best_answer == "red car"
    assert result.items[0].f1 == pytest.approx(2 / 3)


def test_error_messages() -> None:
    with pytest.raises(ValueError, match="no question to score"):
        qa_scores({}, {})
    with pytest.raises(ValueError, match="question 'q' has no gold answer"):
        qa_scores({"q": []}, {"q": "x"})
