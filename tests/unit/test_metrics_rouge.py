"""ROUGE against rouge-score, and the Porter stemmer against nltk's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.metrics.porter import stem
from tutor.metrics.rouge import corpus_rouge, lcs_tokens, score, tokenize

rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")
porter = pytest.importorskip("nltk.stem.porter")

TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
SCORERS = {flag: rouge_scorer.RougeScorer(TYPES, use_stemmer=flag) for flag in (False, True)}
NLTK = porter.PorterStemmer()
WORDS = ["The", "cat", "cats", "sat", "sitting", "on", "the", "mat", ".", "running", "runs", "ran",
         "Hello,", "world!", "été", "café", "a", "b", "\n", "\n\n", "generously", "relational",
         "happy", "sky", "skies", "dying", "agreed", "hopping", "e-mail", "3rd", "  \n "]
texts = st.one_of(st.lists(st.sampled_from(WORDS), max_size=16).map(" ".join), st.text(max_size=40))


def test_reference_vectors() -> None:
    """REFERENCE.md §5: rouge1 "testing one two" vs "testing"; rougeL vs "testing two"."""
    r1 = score("testing one two", "testing")["rouge1"]
    assert (r1.precision, r1.recall, r1.fmeasure) == pytest.approx((1.0, 1 / 3, 0.5))
    assert score("testing one two", "testing two")["rougeL"].fmeasure == pytest.approx(0.8)
    lsum = score("a b\nc d", "c d\na b")
    assert lsum["rougeLsum"].fmeasure == 1.0 and lsum["rougeL"].fmeasure == 0.5


def test_tokenize_and_lcs() -> None:
    assert tokenize("Le modèle, pré-entraîné!") == ["le", "mod", "le", "pr", "entra", "n"]
    assert tokenize("Running runs", stem=True) == ["run", "run"]
    assert lcs_tokens(["the", "cat", "sat"], ["the", "dog", "sat"]) == ["the", "sat"]


def test_corpus_means() -> None:
    result = corpus_rouge(["a b", "c d"], ["a b", "x y"])
    assert result.mean["rouge1"].fmeasure == 0.5
    with pytest.raises(ValueError):
        corpus_rouge(["a"], [])


@settings(max_examples=200, deadline=None)
@given(texts, texts, st.booleans())
def test_matches_rouge_score(target: str, prediction: str, stemmed: bool) -> None:
    expected = SCORERS[stemmed].score(target, prediction)
    ours = score(target, prediction, stemmed)
    for key in TYPES:
        assert abs(ours[key].precision - expected[key].precision) < 1e-9
        assert abs(ours[key].recall - expected[key].recall) < 1e-9
        assert abs(ours[key].fmeasure - expected[key].fmeasure) < 1e-9


def _harvested_words() -> set[str]:
    """Real English vocabulary: every word of nltk's and scikit-learn's sources and docs."""
    import nltk
    import sklearn

    words: set[str] = set()
    for package in (nltk, sklearn):
        root = Path(package.__file__).parent
        for path in [*root.rglob("*.py"), *root.rglob("*.doctest")]:
            words.update(re.findall(r"[a-z0-9]+", path.read_text(errors="ignore").lower()))
    return words


def test_porter_equals_nltk_on_a_large_vocabulary() -> None:
    words = _harvested_words()
    assert len(words) > 20_000
    different = [(w, NLTK.stem(w), stem(w)) for w in words if NLTK.stem(w) != stem(w)]
    assert different == []


SUFFIXES = ["", "s", "ies", "ied", "sses", "ss", "ed", "ing", "eed", "y", "ational", "tional", "enci",
            "anci", "izer", "bli", "alli", "entli", "eli", "ousli", "ization", "ation", "ator", "alism",
            "iveness", "fulness", "ousness", "aliti", "iviti", "biliti", "fulli", "logi", "icate", "ative",
            "alize", "iciti", "ical", "ful", "ness", "al", "ance", "ence", "er", "ic", "able", "ible",
            "ant", "ement", "ment", "ent", "sion", "tion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
            "e", "ll", "at", "bl", "iz"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeilmnoprstuyz", max_size=9), st.sampled_from(SUFFIXES),
       st.sampled_from(SUFFIXES))
def test_porter_equals_nltk_on_suffix_stacks(root: str, first: str, second: str) -> None:
    word = root + first + second
    assert stem(word) == NLTK.stem(word)
