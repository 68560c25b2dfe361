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
         "happy", "sky", "skies", "dying", "agreed", "hopping", "e-mail", "3rd", "  \n ",
         # 3-letter words Porter would change (rouge-score stems only tokens longer than 3) and
         # what Porter makes of them or of their longer forms:
         "its", "it", "was", "wa", "has", "ha", "cry", "cries", "cri", "ties", "tie", "yes", "ye",
         "his", "hi", "dies", "die"]
texts = st.one_of(st.lists(st.sampled_from(WORDS), max_size=16).map(" ".join), st.text(max_size=40))


def test_reference_vectors() -> None:
    """docs/REFERENCE.md §5: rouge1 "testing one two" vs "testing"; rougeL vs "testing two"."""
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


@pytest.mark.parametrize(("target", "prediction", "f1"), [
    ("the cry", "the cries", 0.5),  # "cries" → "cri", but "cry" is too short to be stemmed
    ("it works", "its works", 0.5),  # "its" stays "its" (Porter would make it "it")
    ("was here", "wa here", 0.5),
    ("the tie", "the ties", 1.0),  # "ties" (4 letters) is stemmed to "tie"
    ("the cries", "the cried", 1.0),
])
def test_only_tokens_longer_than_three_are_stemmed(target: str, prediction: str, f1: float) -> None:
    """rouge-score stems `len(token) > 3` only: a 3-letter word is compared as written."""
    expected = SCORERS[True].score(target, prediction)["rouge1"].fmeasure
    assert expected == pytest.approx(f1)
    assert score(target, prediction, True)["rouge1"].fmeasure == pytest.approx(f1)
    assert tokenize("its was has cry ties", stem=True) == ["its", "was", "has", "cry", "tie"]


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


# --- Found by mutation testing (docs/testing.md) -------------------------------------------

def test_no_stemming_unless_asked() -> None:
    assert tokenize("running") == ["running"]
    assert score("running", "run")["rouge1"].fmeasure == 0.0
    assert score("running", "run", True)["rouge1"].fmeasure == 1.0
    result = corpus_rouge(["running"], ["run"])
    assert not result.stemmed and result.as_dict()["stemmed"] is False
    assert corpus_rouge(["running"], ["run"], True).as_dict()["stemmed"] is True


def test_counts_behind_each_formula() -> None:
    """The report shows P = matches/prediction_total and R = matches/target_total."""
    scores = score("the cat sat on the mat", "the cat lay on a mat today")
    r1, r2, rl = scores["rouge1"], scores["rouge2"], scores["rougeL"]
    assert (r1.matches, r1.prediction_total, r1.target_total) == (4, 7, 6)
    assert (r2.matches, r2.prediction_total, r2.target_total) == (1, 6, 5)
    assert (rl.matches, rl.prediction_total, rl.target_total) == (4, 7, 6)
    empty = score("", "a b")
    for key in TYPES:
        assert (empty[key].precision, empty[key].recall, empty[key].fmeasure) == (0.0, 0.0, 0.0)
    assert (empty["rougeL"].matches, empty["rougeL"].prediction_total, empty["rougeL"].target_total) == (0, 2, 0)
    assert (empty["rouge1"].matches, empty["rouge1"].prediction_total, empty["rouge1"].target_total) == (0, 2, 0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("abc"), max_size=8), st.lists(st.sampled_from("abc"), max_size=8))
def test_counts_agree_with_the_scores_and_the_lcs_with_rouge_score(target: list[str], prediction: list[str]) -> None:
    scores = score(" ".join(target), " ".join(prediction))
    for key in ("rouge1", "rouge2", "rougeL"):
        s = scores[key]
        assert s.precision == (s.matches / s.prediction_total if s.prediction_total else 0.0)
        assert s.recall == (s.matches / s.target_total if s.target_total else 0.0)
    assert scores["rougeL"].target_total == len(target) and scores["rougeL"].prediction_total == len(prediction)
    # The LCS the report quotes is the one rouge-score's backtracking picks among equally long ones.
    if target and prediction:
        table = rouge_scorer._lcs_table(target, prediction)
        expected = [target[i] for i in rouge_scorer._backtrack_norec(table, target, prediction)]
        assert lcs_tokens(target, prediction) == expected


def test_lcs_ties_are_broken_as_rouge_score_does() -> None:
    assert lcs_tokens(["a", "b"], ["b", "a"]) == ["a"]
    assert lcs_tokens(["b", "a", "c"], ["a", "b", "c"]) == ["b", "c"]


@pytest.mark.parametrize(("target", "prediction"), [
    ("a a\na", "a"), ("a b\na b", "a b a"), ("a\na\nb", "a a\nb"), ("x y\ny x", "y x y"),
])
def test_lsum_counts_each_token_at_most_as_often_as_it_occurs(target: str, prediction: str) -> None:
    expected = SCORERS[False].score(target, prediction)["rougeLsum"]
    ours = score(target, prediction)["rougeLsum"]
    assert (ours.precision, ours.recall) == pytest.approx((expected.precision, expected.recall))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "a b", "b a", "a a"]), min_size=1, max_size=4),
       st.lists(st.sampled_from(["a", "b", "a b", "b a", "a a"]), min_size=1, max_size=4))
def test_lsum_matches_rouge_score_on_repeated_tokens(target: list[str], prediction: list[str]) -> None:
    target_text, prediction_text = "\n".join(target), "\n".join(prediction)
    expected = SCORERS[False].score(target_text, prediction_text)["rougeLsum"]
    ours = score(target_text, prediction_text)["rougeLsum"]
    assert abs(ours.fmeasure - expected.fmeasure) < 1e-9 and abs(ours.precision - expected.precision) < 1e-9


def test_corpus_means_of_precision_and_recall() -> None:
    result = corpus_rouge(["a b", "a b c d"], ["a", "a b"])
    r1 = result.mean["rouge1"]
    assert (r1.precision, r1.recall) == pytest.approx((1.0, (0.5 + 0.5) / 2))
    assert result.as_dict()["rouge1"] == {"precision": r1.precision, "recall": r1.recall, "f1": r1.fmeasure}


def test_errors() -> None:
    with pytest.raises(ValueError, match="same length"):
        corpus_rouge(["a"], [])
    with pytest.raises(ValueError, match="no pair to score"):
        corpus_rouge([], [])
    with pytest.raises(ValueError, match="unknown ROUGE type: rougeX"):
        score("a", "a", types=["rougeX"])
