"""`tutor metrics` on hostile inputs: FIFOs, devices, huge files, deep JSON, giant integers, huge
perplexities and ROUGE lines too long for a quadratic LCS (review 1.35, 1.36, 2.22, 2.23, 2.26,
2.29, 2.33). Each gives a located one-line error (exit 2) or a result, never a hang or a traceback."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.cli import main
from tutor.metrics.readers import MAX_INPUT_BYTES, InputError, load_source
from tutor.metrics.rouge import (
    MAX_SENTENCES,
    MAX_TOKENS,
    _lcs_indices,
    _lcs_length,
    _lcs_rows,
    score,
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--lang", "en", "metrics", *argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_error(result: tuple[int, str, str], start: str) -> str:
    code, out, err = result
    assert code == 2 and out == "", (out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert err.startswith(start), err
    return err


@pytest.fixture
def labels(tmp_path: Path) -> Path:
    path = tmp_path / "gold.txt"
    path.write_text("a\nb\n", encoding="utf-8")
    return path


# -- L2/L3: only regular files, at most MAX_INPUT_BYTES ----------------------------------------------

@pytest.mark.timeout(60)
def test_a_fifo_is_refused_at_once(capsys: pytest.CaptureFixture[str], tmp_path: Path, labels: Path) -> None:
    fifo = tmp_path / "pred.fifo"
    os.mkfifo(fifo)  # no writer: reading it would block forever (probe 2.22)
    err = one_error(run(capsys, "classification", "--gold", str(labels), "--pred", str(fifo)), f"{fifo}:1: ")
    assert "not a regular file" in err


@pytest.mark.timeout(60)
def test_dev_zero_is_refused_at_once(capsys: pytest.CaptureFixture[str], tmp_path: Path, labels: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")  # endless: MemoryError at 5.4 GB (probe 2.23)
    for path in ("/dev/zero", str(link)):
        err = one_error(run(capsys, "classification", "--gold", str(labels), "--pred", path), f"{path}:1: ")
        assert "not a regular file" in err


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a\n" * 600)
    with pytest.raises(InputError) as caught:
        load_source(big, limit=1_000_000 // 1000)
    assert caught.value.key == "e.too_large"
    assert load_source(big, limit=2000).data == b"a\n" * 600
    assert MAX_INPUT_BYTES == 50_000_000  # stated in docs: about 1 GB of memory at most (probe 2.30)
    assert "50 MB limit" in str(InputError(str(big), 1, key="e.too_large", megabytes=MAX_INPUT_BYTES // 1_000_000))


def test_directories_and_missing_files_keep_their_messages(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                           labels: Path) -> None:
    err = one_error(run(capsys, "classification", "--gold", str(labels), "--pred", str(tmp_path)), f"{tmp_path}:1: ")
    assert "is a directory" in err
    missing = tmp_path / "absent.txt"
    assert "no such file" in one_error(run(capsys, "classification", "--gold", str(missing), "--pred", str(labels)),
                                       f"{missing}:1: ")


# -- L10: QA JSON nested deep or with giant integers (probe 2.26) -----------------------------------

def test_deep_json_is_a_located_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "1", "answers": ["Paris"]}\n' + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"id": "1", "prediction": "Paris"}\n', encoding="utf-8")
    err = one_error(run(capsys, "qa", "--gold", str(gold), "--pred", str(pred)), f"{gold}:2: ")
    assert "nested too deeply" in err  # was RecursionError


def test_a_giant_integer_is_a_located_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "1", "answers": ["Paris"]}\n', encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"id": "1", "prediction": "Paris", "score": ' + "9" * 5000 + "}\n", encoding="utf-8")
    err = one_error(run(capsys, "qa", "--gold", str(gold), "--pred", str(pred)), f"{pred}:1: ")
    assert "more than 4,300 digits" in err  # was ValueError: Exceeds the limit (4300 digits)


# -- 2.29 / L11: perplexity overflow is inf, not a traceback -----------------------------------------

@pytest.mark.parametrize("line", ["-800", "-710 -710", "-1e300", "-1e308 -1e308"])
def test_overflowing_perplexity_is_inf(capsys: pytest.CaptureFixture[str], tmp_path: Path, line: str) -> None:
    import json

    path = tmp_path / "logprobs.txt"
    path.write_text(line + "\n", encoding="utf-8")
    code, out, err = run(capsys, "perplexity", "--logprobs", str(path), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["per_text"] == ["inf"] and data["corpus_perplexity"] == "inf"
    assert run(capsys, "perplexity", "--logprobs", str(path))[0] == 0


# -- L12: ROUGE-L is bounded (probe 2.33) -----------------------------------------------------------

def test_a_line_beyond_the_token_limit_is_refused_at_its_line(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    ref = tmp_path / "ref.txt"
    ref.write_text("a cat\n" + "word " * (MAX_TOKENS + 1) + "\n", encoding="utf-8")
    hyp = tmp_path / "hyp.txt"
    hyp.write_text("a cat\nword\n", encoding="utf-8")
    err = one_error(run(capsys, "rouge", "--ref", str(ref), "--hyp", str(hyp)), f"{ref}:2: ")
    assert "10,001 tokens" in err and "at most 10,000" in err
    # 2 million tokens (15 MB): MemoryError after 99 s at 5.6 GB before; now refused after reading.
    huge = tmp_path / "huge.txt"
    huge.write_text("a\n" + "w " * 2_000_000 + "\n", encoding="utf-8")
    one_error(run(capsys, "rouge", "--ref", str(ref.with_name("hyp.txt")), "--hyp", str(huge)), f"{huge}:2: ")


def test_a_segment_with_too_many_sentences_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ref = tmp_path / "ref.txt"
    ref.write_text("\\n".join(["a b"] * (MAX_SENTENCES + 1)) + "\n", encoding="utf-8")
    hyp = tmp_path / "hyp.txt"
    hyp.write_text("a b\n", encoding="utf-8")
    err = one_error(run(capsys, "rouge", "--ref", str(ref), "--hyp", str(hyp)), f"{ref}:1: ")
    assert "101 sentences" in err and "at most 100" in err


def test_the_limits_themselves_are_scored(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rng = random.Random(3)
    words = [f"w{i}" for i in range(300)]
    ref = tmp_path / "ref.txt"
    hyp = tmp_path / "hyp.txt"
    ref.write_text(" ".join(rng.choice(words) for _ in range(MAX_TOKENS)) + "\n", encoding="utf-8")
    hyp.write_text(" ".join(rng.choice(words) for _ in range(MAX_TOKENS)) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "rouge", "--ref", str(ref), "--hyp", str(hyp), "--json")
    assert code == 0 and err == "" and '"rougeL"' in out


def _table(ref: list[str], can: list[str]) -> list[list[int]]:
    """The plain dynamic-programming LCS table, as rouge-score builds it."""
    table = [[0] * (len(can) + 1) for _ in range(len(ref) + 1)]
    for i in range(1, len(ref) + 1):
        for j in range(1, len(can) + 1):
            if ref[i - 1] == can[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    return table


TOKENS = st.lists(st.sampled_from("abcde"), max_size=30)


@given(TOKENS, TOKENS)
@settings(max_examples=300, deadline=None)
def test_the_bit_rows_are_the_lcs_table(ref: list[str], can: list[str]) -> None:
    table = _table(ref, can)
    rows = _lcs_rows(ref, can)
    for i in range(len(ref) + 1):
        for j in range(len(can) + 1):
            assert j - (rows[i] & ((1 << j) - 1)).bit_count() == table[i][j]
    assert _lcs_length(ref, can) == table[-1][-1]


def test_long_lines_still_equal_rouge_score() -> None:
    rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")
    scorer = rouge_scorer.RougeScorer(["rougeL", "rougeLsum"], use_stemmer=False)
    rng = random.Random(11)
    def text(length: int, vocabulary: int, per_line: int) -> str:
        tokens = [f"t{rng.randrange(vocabulary)}" for _ in range(length)]
        return "\n".join(" ".join(tokens[i:i + per_line]) for i in range(0, length, per_line))

    for length, vocabulary, per_line in ((300, 5, 300), (400, 40, 400), (300, 8, 25)):
        target, prediction = text(length, vocabulary, per_line), text(length, vocabulary, per_line)
        expected = scorer.score(target, prediction)
        ours = score(target, prediction)
        for key in ("rougeL", "rougeLsum"):
            assert ours[key].fmeasure == pytest.approx(expected[key].fmeasure, abs=1e-12), (key, length)
        table = rouge_scorer._lcs_table(target.split(), prediction.split())
        expected_tokens = rouge_scorer._backtrack_norec(table, target.split(), prediction.split())
        assert _lcs_indices(target.split(), prediction.split()) == expected_tokens
