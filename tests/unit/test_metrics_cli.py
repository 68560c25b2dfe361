"""`tutor metrics …`: every input format, JSON keys, text output and every bad-input case."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from tutor.cli import main


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English messages (French is the default): tests/unit/test_french_cli.py checks French."""
    monkeypatch.setenv("TUTOR_LANG", "en")


def write(path: Path, text: str | bytes) -> str:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(["metrics", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run a command that must fail on its input: exit 2, one `FILE:LINE: message` line."""
    assert main(["metrics", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    return lines[0]


# --- Each format, with its JSON keys -------------------------------------------------------

def test_classification_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write(tmp_path / "gold.txt", "0\n1\n2\n0\n1\n2\n")
    pred = write(tmp_path / "pred.txt", "0\r\n2\r\n1\r\n0\r\n0\r\n1\r\n")  # CRLF is fine
    data = run_json(capsys, "classification", "--gold", gold, "--pred", pred)
    assert {"accuracy", "macro", "micro", "weighted", "per_class", "confusion_matrix"} <= data.keys()
    assert data["macro"]["f1"] == pytest.approx(0.2667, abs=1e-4)
    assert data["per_class"]["0"] == {"precision": 2 / 3, "recall": 1.0, "f1": 0.8, "support": 2}
    assert data["confusion_matrix"] == {"labels": ["0", "1", "2"],
                                        "matrix": [[2, 0, 0], [1, 0, 1], [0, 2, 0]]}


def test_classification_binary_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write(tmp_path / "g", "spam\nham\nspam\n")
    pred = write(tmp_path / "p", "spam\nspam\nham\n")
    data = run_json(capsys, "classification", "--gold", gold, "--pred", pred, "--positive", "ham")
    assert data["binary"]["positive"] == "ham" and data["binary"]["precision"] == 0.0
    assert main(["metrics", "classification", "--gold", gold, "--pred", pred, "--positive", "eggs"]) == 2
    assert "eggs" in capsys.readouterr().err


def test_ner_formats_and_modes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write(tmp_path / "gold.conll", "-DOCSTART- O\n\nJohn B-NP\nsmith I-NP\n. O\n\n\n")
    pred = write(tmp_path / "pred.conll", "I-NP\nI-NP\nO\n")  # tag-only lines
    data = run_json(capsys, "ner", "--gold", gold, "--pred", pred)
    assert {"precision", "recall", "f1", "per_type"} <= data.keys() and data["f1"] == 1.0
    assert data["per_type"]["NP"]["support"] == 1
    assert run_json(capsys, "ner", "--gold", gold, "--pred", pred, "--mode", "strict")["f1"] == 0.0


def test_qa_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write(tmp_path / "gold.jsonl", '{"id": "a", "answers": ["a cat sat"]}\n\n'
                                          '{"id": 2, "answers": {"text": ["Broncos"], "answer_start": [0]}}\n')
    pred = write(tmp_path / "pred.jsonl", '{"id": "a", "prediction": "The Cat sat!"}\n'
                                          '{"id": "2", "prediction_text": "Denver Broncos"}\n'
                                          '{"id": "extra", "prediction": "x"}\n')
    assert main(["metrics", "qa", "--gold", gold, "--pred", pred, "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["exact_match"] == 50.0 and data["f1"] == pytest.approx(100 * (1 + 2 / 3) / 2)
    assert f"{pred}:3: warning:" in captured.err


def test_bleu_several_references(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hyp = write(tmp_path / "hyp", "the cat sat on the mat\n\n")  # second segment is empty
    ref1 = write(tmp_path / "r1", "the cat is on the mat\nhello\n")
    ref2 = write(tmp_path / "r2", "there is a cat on the mat\nhi\n")
    data = run_json(capsys, "bleu", "--ref", ref1, "--ref", ref2, "--hyp", hyp)
    assert {"bleu", "precisions", "bp", "sys_len", "ref_len"} <= data.keys()
    from tutor.metrics.bleu import corpus_bleu

    expected = corpus_bleu(["the cat sat on the mat", ""],
                           [["the cat is on the mat", "hello"], ["there is a cat on the mat", "hi"]])
    assert data["bleu"] == expected.bleu and data["sys_len"] == 6


def test_rouge_with_line_breaks_and_stemming(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ref = write(tmp_path / "ref", "a b\\nc d\nrunning dogs\n")
    hyp = write(tmp_path / "hyp", "c d\\na b\nruns dog\n")
    data = run_json(capsys, "rouge", "--ref", ref, "--hyp", hyp)
    assert {"rouge1", "rouge2", "rougeL", "rougeLsum"} <= data.keys()
    assert data["pairs"][0]["rougeLsum"]["f1"] == 1.0 and data["pairs"][0]["rougeL"]["f1"] == 0.5
    assert data["pairs"][1]["rouge1"]["f1"] == 0.0
    stemmed = run_json(capsys, "rouge", "--ref", ref, "--hyp", hyp, "--stem")
    assert stemmed["pairs"][1]["rouge1"]["f1"] == 1.0


def test_perplexity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    probs = write(tmp_path / "lp", f"{math.log(0.5)} {math.log(0.25)}\t{math.log(0.125)}\n-1e0\n")
    data = run_json(capsys, "perplexity", "--logprobs", probs)
    assert data["per_text"] == pytest.approx([4.0, math.e])
    assert data["mean_perplexity"] == pytest.approx((4 + math.e) / 2)
    assert data["corpus_perplexity"] == pytest.approx(math.exp((math.log(8) * 2 + 1) / 4))


# --- Text reports, languages and samples ----------------------------------------------------

@pytest.mark.parametrize("task", ["classification", "ner", "qa", "bleu", "rouge", "perplexity"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sample_text_reports_fit_80_columns(task: str, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["metrics", task, "--sample", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert ("Lire le rapport" if lang == "fr" else "Reading the report") in out


def test_language_from_root_option_and_environment(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TUTOR_LANG", "en")
    assert main(["metrics", "perplexity", "--sample"]) == 0
    assert "Reading the report" in capsys.readouterr().out
    monkeypatch.delenv("TUTOR_LANG")
    assert main(["metrics", "perplexity", "--sample"]) == 0
    assert "Lire le rapport" in capsys.readouterr().out
    assert main(["--lang", "en", "metrics", "perplexity", "--sample"]) == 0
    assert "Reading the report" in capsys.readouterr().out


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["metrics", "bleu", "--hyp", "x"]) == 2
    assert capsys.readouterr().err.strip() == "tutor: error: metrics bleu: --ref required (or --sample)"
    assert main(["metrics", "qa", "--sample", "--gold", "g.jsonl"]) == 2
    assert capsys.readouterr().err.strip() == \
        "tutor: error: metrics qa: --sample replaces --gold: give one or the other"
    for argv in (["metrics"], ["metrics", "ner", "--mode", "lenient"]):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
        assert len(capsys.readouterr().err.strip().splitlines()) == 1


# --- Bad input: FILE:LINE: message and exit 2 -----------------------------------------------

def test_files_of_different_lengths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write(tmp_path / "gold", "a\nb\nc\n")
    pred = write(tmp_path / "pred", "a\nb\n")
    assert fails(capsys, "classification", "--gold", gold, "--pred", pred).startswith(f"{pred}:3: ")
    ref = write(tmp_path / "ref", "x\ny\n")
    hyp = write(tmp_path / "hyp", "x\ny\nz\n")
    assert fails(capsys, "bleu", "--ref", ref, "--hyp", hyp).startswith(f"{hyp}:3: ")
    assert fails(capsys, "rouge", "--ref", ref, "--hyp", hyp).startswith(f"{hyp}:3: ")


def test_ner_misaligned_sentences(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write(tmp_path / "gold", "a O\nb O\n\nc B-X\n")
    pred = write(tmp_path / "pred", "a O\nb O\n\nc B-X\nd O\n")
    assert fails(capsys, "ner", "--gold", gold, "--pred", pred).startswith(f"{pred}:4: ")
    extra = write(tmp_path / "extra", "a O\nb O\n\nc B-X\n\nd O\n")
    assert fails(capsys, "ner", "--gold", gold, "--pred", extra).startswith(f"{extra}:6: ")
    short = write(tmp_path / "short", "a O\nb O\n")
    assert fails(capsys, "ner", "--gold", gold, "--pred", short).startswith(f"{short}:3: ")


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = write(tmp_path / "empty", "\n  \n")
    other = write(tmp_path / "other", "a\n")
    assert fails(capsys, "classification", "--gold", empty, "--pred", other) == f"{empty}:1: empty file"
    assert fails(capsys, "perplexity", "--logprobs", write(tmp_path / "e2", "")) == f"{tmp_path / 'e2'}:1: empty file"


def test_invalid_tag_in_strict_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good", "a O\nb B-PER\n\nc O\nd I-PER\n")
    bad = write(tmp_path / "bad", "a O\nb B-PER\n\nc O\nd E-PER\n")
    message = fails(capsys, "ner", "--gold", good, "--pred", bad, "--mode", "strict")
    assert message.startswith(f"{bad}:5: ") and "E-PER" in message
    assert fails(capsys, "ner", "--gold", bad, "--pred", good, "--mode", "strict").startswith(f"{bad}:5: ")
    # Default mode accepts it, as seqeval does; a tag that is not BIO-like only warns.
    assert main(["metrics", "ner", "--gold", good, "--pred", bad]) == 0
    assert capsys.readouterr().err == ""
    odd = write(tmp_path / "odd", "a O\nb PER\n\nc O\nd I-PER\n")
    assert main(["metrics", "ner", "--gold", good, "--pred", odd]) == 0
    assert capsys.readouterr().err.startswith(f"{odd}:2: warning: 'PER'")


def test_qa_id_missing_from_predictions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write(tmp_path / "gold", '{"id": "1", "answers": ["x"]}\n{"id": "2", "answers": ["y"]}\n')
    pred = write(tmp_path / "pred", '{"id": "1", "prediction": "x"}\n')
    message = fails(capsys, "qa", "--gold", gold, "--pred", pred)
    assert message.startswith(f"{gold}:2: ") and "'2'" in message


@pytest.mark.parametrize("content, line", [
    ('{"id": "1", "answers": ["x"]}\n{"id": "2", "answers": [\n', 2),
    ('["not", "an", "object"]\n', 1),
    ('{"answers": ["x"]}\n', 1),
    ('{"id": "1", "answers": []}\n', 1),
    ('{"id": "1", "answers": ["x"]}\n{"id": "1", "answers": ["y"]}\n', 2),
])
def test_broken_qa_json(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, line: int) -> None:
    gold = write(tmp_path / "gold", content)
    pred = write(tmp_path / "pred", '{"id": "1", "prediction": "x"}\n')
    assert fails(capsys, "qa", "--gold", gold, "--pred", pred).startswith(f"{gold}:{line}: ")


def test_broken_prediction_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write(tmp_path / "gold", '{"id": "1", "answers": ["x"]}\n')
    pred = write(tmp_path / "pred", '{"id": "1", "prediction": 3}\n')
    assert fails(capsys, "qa", "--gold", gold, "--pred", pred).startswith(f"{pred}:1: ")


def test_undecodable_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path / "bad", b"ok\nfine\n\xff\xfe broken\n")
    other = write(tmp_path / "other", "a\nb\nc\n")
    assert fails(capsys, "classification", "--gold", other, "--pred", bad) == f"{bad}:3: not valid UTF-8 text"
    nul = write(tmp_path / "nul", b"a\x00b\n")
    assert fails(capsys, "rouge", "--ref", nul, "--hyp", other).startswith(f"{nul}:1: ")


@pytest.mark.parametrize("content, line, fragment", [
    ("-0.5 -1.2\n-0.3 abc -1\n", 2, "'abc'"),
    ("-0.5\n\n-1\n", 2, "no log-probability"),
    ("-0.5 nan\n", 1, "finite"),
    ("-0.5 -inf\n", 1, "finite"),
    ("0.5\n", 1, "> 0"),
])
def test_bad_log_probabilities(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str,
                               line: int, fragment: str) -> None:
    path = write(tmp_path / "lp", content)
    message = fails(capsys, "perplexity", "--logprobs", path)
    assert message.startswith(f"{path}:{line}: ") and fragment in message


def test_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    present = write(tmp_path / "present", "a\n")
    missing = str(tmp_path / "missing.txt")
    assert fails(capsys, "classification", "--gold", missing, "--pred", present) == f"{missing}:1: no such file"
    assert fails(capsys, "bleu", "--ref", str(tmp_path), "--hyp", present) == \
        f"{tmp_path}:1: is a directory, not a file"


def test_blank_label_inside_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write(tmp_path / "gold", "a\n\nb\n")
    pred = write(tmp_path / "pred", "a\nb\nb\n")
    assert fails(capsys, "classification", "--gold", gold, "--pred", pred) == f"{gold}:2: empty label"


# --- Perplexity past the largest float: an exit code, never a traceback ---------------------

def _strict_json(text: str) -> dict:
    def reject(name: str) -> None:
        raise ValueError(f"not JSON: {name}")
    return json.loads(text, parse_constant=reject)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_perplexity_overflow_text_output(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """`printf -- '-1000 -1000\\n' > lp.txt; tutor metrics perplexity --logprobs lp.txt` crashed."""
    probs = write(tmp_path / "lp.txt", "-1000 -1000\n")
    assert main(["--lang", lang, "metrics", "perplexity", "--logprobs", probs]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "inf" in captured.out
    assert max(map(len, captured.out.splitlines())) <= 80


def test_perplexity_overflow_json_is_strict_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    probs = write(tmp_path / "lp.txt", "-1000 -1000\n-1 -1\n")
    assert main(["metrics", "perplexity", "--logprobs", probs, "--json"]) == 0
    data = _strict_json(capsys.readouterr().out)
    assert data["per_text"] == ["inf", pytest.approx(math.e)]
    assert data["mean_perplexity"] == "inf"
    assert data["corpus_perplexity"] == pytest.approx(math.exp(500.5))
    assert data["mean_nll"] == 500.5


def test_perplexity_just_under_the_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """exp(709) ≈ 8.2e307 is shown in scientific notation, not as a 308-digit integer."""
    import re

    probs = write(tmp_path / "lp.txt", "-709 -709\n")
    assert main(["--lang", "en", "metrics", "perplexity", "--logprobs", probs]) == 0
    out = capsys.readouterr().out
    assert "8.22e+307" in out and re.search(r"\d{10}", out) is None
    assert main(["metrics", "perplexity", "--logprobs", probs, "--json"]) == 0
    assert _strict_json(capsys.readouterr().out)["corpus_perplexity"] == pytest.approx(math.exp(709))
