"""Corpus BLEU and the 13a tokenizer against sacreBLEU itself."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.metrics.bleu import closest_ref_len, compute_bleu, corpus_bleu, tokenize_13a

sacrebleu = pytest.importorskip("sacrebleu")
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a  # noqa: E402

TOKENS = ["the", "cat", "sat", "on", "mat", ".", ",", "-", "3", "4.5", "1,000", "&amp;", "&quot;",
          "<skipped>", "(", ")", "'s", "x.y", "12-3", "world-wide", "Été", "naïve", "!", "?", "$",
          "&", "&lt;", "a-\n", "\u2028", "  "]
segments = st.one_of(st.lists(st.sampled_from(TOKENS), max_size=14).map(" ".join), st.text(max_size=30))
_TOKENIZER = Tokenizer13a()


def test_reference_vector() -> None:
    """docs/REFERENCE.md §5: compute_bleu(correct [9,7,5,3], total [10,8,6,4], sys 11, ref 11) = 83.759."""
    assert compute_bleu([9, 7, 5, 3], [10, 8, 6, 4], 11, 11).bleu == pytest.approx(83.759, abs=1e-3)


def test_brevity_penalty_uses_closest_shorter_reference() -> None:
    assert closest_ref_len(5, [3, 7]) == 3  # tie: the shorter
    assert closest_ref_len(5, [6, 9, 4]) == 4
    result = corpus_bleu(["a b c"], [["a b c d e"], ["a b c d"]])
    assert (result.sys_len, result.ref_len) == (3, 4)
    assert result.bp == pytest.approx(0.7165313105737893)


def test_smoothing_and_no_match() -> None:
    result = corpus_bleu(["the cat sat on a mat"], [["the cat is on the mat"]])
    assert result.smoothed == (False, False, True, True)
    assert result.precisions[2] == pytest.approx(100 / (2 * 4))
    assert result.precisions[3] == pytest.approx(100 / (4 * 3))
    assert corpus_bleu(["x y"], [["a b"]]).bleu == 0.0
    with pytest.raises(ValueError):
        corpus_bleu(["a", "b"], [["a"]])


@settings(max_examples=200, deadline=None)
@given(segments)
def test_tokenizer_matches_sacrebleu(line: str) -> None:
    assert tokenize_13a(line) == _TOKENIZER(line)


@st.composite
def corpora(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    n = draw(st.integers(1, 8))
    hyps = draw(st.lists(segments, min_size=n, max_size=n))
    refs = draw(st.lists(st.lists(segments, min_size=n, max_size=n), min_size=1, max_size=3))
    return hyps, refs


@settings(max_examples=200, deadline=None)
@given(corpora())
def test_corpus_bleu_matches_sacrebleu(corpus: tuple[list[str], list[list[str]]]) -> None:
    hyps, refs = corpus
    expected = sacrebleu.corpus_bleu(hyps, refs)
    result = corpus_bleu(hyps, refs)
    assert abs(result.bleu - expected.score) < 1e-6
    assert (result.sys_len, result.ref_len) == (expected.sys_len, expected.ref_len)
    assert list(result.counts) == list(expected.counts)
    assert list(result.totals) == list(expected.totals)
    assert result.precisions == pytest.approx(expected.precisions, abs=1e-9)
    assert result.bp == pytest.approx(expected.bp, abs=1e-12)


def test_error_messages() -> None:
    """Found by mutation testing: the messages name what is wrong."""
    with pytest.raises(ValueError, match="one segment per hypothesis"):
        corpus_bleu(["a b"], [["a b", "c d"]])
    with pytest.raises(ValueError, match="at least one reference stream"):
        corpus_bleu(["a b"], [])


def test_no_match_at_all_reports_without_smoothing() -> None:
    """Found by mutation testing: BLEU 0 must still say which precisions were smoothed (none)."""
    from tutor.metrics.explain import build_report
    from tutor.metrics.report import render_text

    result = corpus_bleu(["x y z"], [["a b c"]])
    assert result.bleu == 0.0 and result.smoothed == (False, False, False, False)
    assert "BLEU" in render_text(build_report("bleu", result, "en", segments=1, refs=1))
