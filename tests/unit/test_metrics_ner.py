"""Entity-level NER metrics against seqeval, default and strict IOB2 modes."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.metrics.ner import InvalidTagError, get_entities, ner_scores, strict_entities

seqeval_metrics = pytest.importorskip("seqeval.metrics")
from seqeval.metrics.sequence_labeling import get_entities as seqeval_get_entities  # noqa: E402
from seqeval.scheme import IOB2  # noqa: E402

TOL = 1e-9
MISC_TRUE = [["O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]]
MISC_PRED = [["O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]]
# Default mode accepts anything: include tags seqeval only warns about.
DEFAULT_TAGS = ["O", "O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-MISC", "I-MISC", "E-PER",
                "S-LOC", "B", "I", "X", ".", "O-PER", "B-PER-X", "I--LOC", "BPER", "-"]
STRICT_TAGS = ["O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-MISC", "I-MISC", "B", "I",
               "O-PER", "B-PER-", "IPER"]


def test_reference_vectors() -> None:
    """docs/REFERENCE.md §5: F1 0.50; [I-NP, I-NP, O] is 1.00 by default and 0.00 in strict IOB2."""
    assert ner_scores(MISC_TRUE, MISC_PRED).f1 == pytest.approx(0.5)
    assert ner_scores([["B-NP", "I-NP", "O"]], [["I-NP", "I-NP", "O"]]).f1 == 1.0
    assert ner_scores([["B-NP", "I-NP", "O"]], [["I-NP", "I-NP", "O"]], "strict").f1 == 0.0


def test_entities_and_invalid_strict_tags() -> None:
    assert get_entities([["B-PER", "I-PER", "O", "B-LOC"]]) == [("PER", 0, 1), ("LOC", 3, 3)]
    assert strict_entities([["B-PER", "I-PER", "O", "B-LOC"]]) == [("PER", 0, 0, 2), ("LOC", 0, 3, 4)]
    with pytest.raises(InvalidTagError) as caught:
        ner_scores([["O", "E-PER"]], [["O", "O"]], "strict")
    assert (caught.value.sentence, caught.value.token, caught.value.tag) == (0, 1, "E-PER")
    for bad in ("E-PER", "S-LOC", "X"):
        with pytest.raises((ValueError, KeyError)):  # seqeval rejects them as well
            seqeval_metrics.f1_score([["O", bad]], [["O", "O"]], mode="strict", scheme=IOB2)


def test_shape_errors() -> None:
    with pytest.raises(ValueError):
        ner_scores([["O"]], [["O"], ["O"]])
    with pytest.raises(ValueError):
        ner_scores([["O", "O"]], [["O"]])
    with pytest.raises(ValueError):
        ner_scores([["O"]], [["O"]], "lenient")


@st.composite
def tag_pairs(draw: st.DrawFn, pool: list[str]) -> tuple[list[list[str]], list[list[str]]]:
    lengths = draw(st.lists(st.integers(0, 9), min_size=1, max_size=5))
    tags = st.sampled_from(pool)
    gold = [draw(st.lists(tags, min_size=n, max_size=n)) for n in lengths]
    pred = [draw(st.lists(tags, min_size=n, max_size=n)) for n in lengths]
    return gold, pred


def _compare(gold: list[list[str]], pred: list[list[str]], mode: str) -> None:
    kwargs = {"mode": "strict", "scheme": IOB2} if mode == "strict" else {}
    result = ner_scores(gold, pred, mode)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert abs(result.precision - seqeval_metrics.precision_score(gold, pred, **kwargs)) < TOL
        assert abs(result.recall - seqeval_metrics.recall_score(gold, pred, **kwargs)) < TOL
        assert abs(result.f1 - seqeval_metrics.f1_score(gold, pred, **kwargs)) < TOL
        if not result.per_type:
            return
        report = seqeval_metrics.classification_report(gold, pred, output_dict=True, **kwargs)
    for row in result.per_type:
        expected = report[row.type]
        assert abs(row.precision - expected["precision"]) < TOL
        assert abs(row.recall - expected["recall"]) < TOL
        assert abs(row.f1 - expected["f1-score"]) < TOL
        assert row.support == expected["support"]
    for key, average in (("macro avg", result.macro), ("weighted avg", result.weighted)):
        assert abs(average.precision - report[key]["precision"]) < TOL
        assert abs(average.recall - report[key]["recall"]) < TOL
        assert abs(average.f1 - report[key]["f1-score"]) < TOL


@settings(max_examples=200, deadline=None)
@given(tag_pairs(DEFAULT_TAGS))
def test_default_mode_matches_seqeval(pair: tuple[list[list[str]], list[list[str]]]) -> None:
    _compare(*pair, "default")


@settings(max_examples=200, deadline=None)
@given(tag_pairs(STRICT_TAGS))
def test_strict_mode_matches_seqeval(pair: tuple[list[list[str]], list[list[str]]]) -> None:
    _compare(*pair, "strict")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="BIOES-.PLX", min_size=1, max_size=5), max_size=8),
                min_size=1, max_size=4))
def test_get_entities_matches_seqeval_on_any_tags(sentences: list[list[str]]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert get_entities(sentences) == seqeval_get_entities(sentences)


# --- Found by mutation testing (docs/testing.md) -------------------------------------------

def test_no_entity_at_all_scores_zero_everywhere() -> None:
    result = ner_scores([["O", "O"], ["O"]], [["O", "O"], ["O"]])
    assert result.per_type == ()
    for average in (result.macro, result.weighted):
        assert (average.precision, average.recall, average.f1) == (0.0, 0.0, 0.0)
    assert (result.sentences, result.tokens, result.mode) == (2, 3, "default")


def test_sentence_and_token_counts_for_the_title() -> None:
    result = ner_scores([["B-PER", "O"], ["O", "B-LOC", "I-LOC"]], [["B-PER", "O"], ["O", "O", "O"]], "strict")
    assert (result.sentences, result.tokens, result.mode) == (2, 5, "strict")


@pytest.mark.parametrize("mode", ["default", "strict"])
def test_entity_types_keep_every_letter(mode: str) -> None:
    """Only the "-" after B/I is stripped: TAX stays TAX, XML stays XML."""
    gold = [["B-TAX", "I-TAX", "O", "B-XML"]]
    result = ner_scores(gold, gold, mode)
    assert [row.type for row in result.per_type] == ["TAX", "XML"]


@pytest.mark.parametrize("tags", [["S-PER", "I-PER"], ["S-PER", "E-PER", "O"], ["E-LOC", "I-LOC"], ["O", "E-X"]])
def test_a_chunk_starts_after_s_or_e_as_in_seqeval(tags: list[str]) -> None:
    """IOBES prefixes in default mode: I or E after S/E/O opens a chunk (mutation testing)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = seqeval_get_entities(tags)
    assert get_entities([tags]) == expected
