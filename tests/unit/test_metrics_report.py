"""The report model: formulas with the learner's numbers, notes, both languages, 80 columns."""

from __future__ import annotations

import string
import subprocess
import sys

import pytest

from tests.helpers import spaced
from tutor.metrics.bleu import compute_bleu, corpus_bleu
from tutor.metrics.classification import classification_scores
from tutor.metrics.explain import build_report
from tutor.metrics.report import num, render_text
from tutor.metrics.samples import TASKS, sample_report, sample_run, sample_text
from tutor.metrics.texts import STRINGS


def formulas(report) -> dict[str, str]:
    return {f.key: f.text for f in report.formulas}


def note_keys(report) -> set[str]:
    return {n.key for n in report.notes}


def test_every_string_exists_in_both_languages_with_the_same_placeholders() -> None:
    fields = string.Formatter()
    for key, entry in STRINGS.items():
        assert set(entry) == {"fr", "en"}, key
        # A plural entry ({"one": …, "other": …}) has the same placeholders in every form.
        forms = {lang: list(text.values()) if isinstance(text, dict) else [text] for lang, text in entry.items()}
        names = [{f for form in forms[lang] for _, f, _, _ in fields.parse(form) if f} for lang in ("fr", "en")]
        assert names[0] == names[1], key


def test_num_formats_compactly() -> None:
    assert [num(0.8), num(2 / 3), num(1.0), num(0.0), num(-0.0001), num(83.7592, 2)] == \
        ["0.8", "0.667", "1", "0", "0", "83.76"]


def test_f1_formula_substitutes_the_counts() -> None:
    """The issue's example: P = 0.8, R = 0.667 → F1 = 0.727."""
    gold = ["x"] * 12 + ["y"] * 2
    pred = ["x"] * 8 + ["y"] * 4 + ["x"] * 2
    report = build_report("classification", classification_scores(gold, pred), "en")
    texts = formulas(report)
    assert texts["precision:x"] == "P(x) = TP/(TP+FP) = 8/(8+2) = 0.8"
    assert texts["recall:x"] == "R(x) = TP/(TP+FN) = 8/(8+4) = 0.667"
    assert texts["f1:x"] == "F1(x) = 2·P·R/(P+R) = 2·0.8·0.667/(0.8+0.667) = 0.727"
    assert texts["precision:y"].endswith("0/(0+4) = 0")
    assert texts["f1:y"] == "F1(y) = 2·P·R/(P+R) = 0 (P + R = 0)"
    assert texts["accuracy"] == "accuracy = correct/total = 8/14 = 0.571"


def test_zero_division_is_spelled_out() -> None:
    report = build_report("classification", classification_scores(["a", "b"], ["a", "a"]), "fr")
    assert formulas(report)["precision:b"] == "P(b) = TP/(TP+FP) = 0/(0+0) → 0/0 compté 0 (zero_division)"
    assert "never_predicted" in note_keys(report)


def test_classification_sample_report() -> None:
    report = sample_report("classification", "fr")
    assert [m.key for m in report.headline] == ["accuracy", "macro_f1", "weighted_f1", "micro_f1"]
    assert report.confusion is not None and report.confusion.labels == ("neutre", "négatif", "positif")
    assert report.confusion.matrix[0] == (3, 2, 3)
    # French report: decimal commas (the computation reads as a French learner writes it).
    assert formulas(report)["f1:neutre"] == "F1(neutre) = 2·P·R/(P+R) = 2·0,6·0,375/(0,6+0,375) = 0,462"
    assert {"low_class", "under_predicted", "confusion", "micro"} <= note_keys(report)
    assert report.tables[0].rows[0] == ("neutre", "0,600", "0,375", "0,462", "8")
    assert len(sample_text("fr", "sentiment.texts.txt").splitlines()) == report.data["total"] == 30


def test_binary_note_and_positive_inference() -> None:
    report = build_report("classification", classification_scores(["1", "0", "1"], ["1", "1", "1"]), "en")
    assert "binary" in note_keys(report) and report.data["binary"]["positive"] == "1"
    with pytest.raises(ValueError):
        build_report("classification", classification_scores(["a"], ["a"]), "en", positive="z")


def test_ner_sample_mentions_the_other_mode() -> None:
    default = sample_report("ner", "en")
    assert default.headline[2].value == pytest.approx(11 / 14)
    assert "other_mode" in note_keys(default) and "0.741" in default.notes[-2].text
    strict = sample_report("ner", "en", mode="strict")
    assert strict.headline[2].value == pytest.approx(2 * (10 / 13) * (10 / 14) / (10 / 13 + 10 / 14))


def test_qa_sample_report() -> None:
    report = sample_report("qa", "en")
    assert report.headline[0].value == pytest.approx(100 * 2 / 6)
    assert {"partial", "zero", "normalised", "max"} <= note_keys(report)
    assert formulas(report)["f1:q5"].startswith("question q5: P = 1/1, R = 1/3")


def test_bleu_formulas() -> None:
    report = build_report("bleu", compute_bleu([9, 7, 5, 3], [10, 8, 6, 4], 11, 11), "en")
    texts = formulas(report)
    assert texts["p1"] == "p1 = 9/10 = 0.9"
    assert texts["bp"] == "BP = 1 (c ≥ r: no penalty, c = 11, r = 11)"
    assert texts["bleu"].endswith("= 83.76")
    short = build_report("bleu", corpus_bleu(["the cat sat on a mat"], [["the cat is on the mat ok"]]), "fr")
    texts = formulas(short)
    assert spaced(texts["p3"]) == "p3 = 1/(2^1·4) = 0,125 (aucun commun : lissage exp)"
    assert spaced(texts["p4"]) == "p4 = 1/(2^2·3) = 0,083 (aucun commun : lissage exp)"
    assert texts["bp"] == "BP = exp(1 − r/c) = exp(1 − 7/6) = 0,846"
    assert {"bp", "smoothing", "one_ref"} <= note_keys(short)


def test_rouge_report_shows_the_lcs() -> None:
    report = sample_report("rouge", "en")
    assert formulas(report)["lcs:1"] == "LCS (pair 1, longest common subsequence) = “the cat on the sofa” (5)"
    assert "ascii" not in note_keys(report) and "ascii" in note_keys(sample_report("rouge", "fr"))
    assert report.headline[3].value > report.headline[2].value  # reordered sentences: Lsum > L


def test_perplexity_sample_includes_the_reference_vector() -> None:
    report = sample_report("perplexity", "en")
    assert formulas(report)["text:1"] == ("PPL(text 1) = exp(−Σ log p / n) = exp((0.693 + 1.386 + 2.079)/3)"
                                          " = exp(1.386) = 4")
    assert {"gap", "worst", "meaning"} <= note_keys(report)


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_sample_renders_within_80_columns(task: str, lang: str) -> None:
    report = sample_report(task, lang)
    assert report.task == task and report.lang == lang and report.headline and report.notes
    assert report.data == sample_run(task, lang).result.as_dict() or task == "classification"
    text = render_text(report)
    assert max(map(len, text.splitlines())) <= 80


def test_wide_confusion_matrices() -> None:
    labels = [f"a-rather-long-label-{i}" for i in range(8)]
    report = build_report("classification", classification_scores(labels, labels[1:] + labels[:1]), "en")
    text = render_text(report)
    assert max(map(len, text.splitlines())) <= 80 and "1 a-rather-long-label-0" in text
    many = [str(i) for i in range(40)]
    text = render_text(build_report("classification", classification_scores(many, many), "fr"))
    assert "trop de classes" in text and max(map(len, text.splitlines())) <= 80


def test_unknown_task() -> None:
    with pytest.raises(ValueError):
        build_report("summarisation", None, "en")


def test_the_core_imports_no_ui_and_no_reference_library() -> None:
    """Every metric module and every sample report, in a fresh interpreter."""
    code = (
        "import importlib, pkgutil, sys, tutor.metrics\n"
        "for info in pkgutil.iter_modules(tutor.metrics.__path__):\n"
        "    importlib.import_module('tutor.metrics.' + info.name)\n"
        "from tutor.metrics.samples import TASKS, sample_report\n"
        "for task in TASKS:\n"
        "    sample_report(task, 'fr'); sample_report(task, 'en')\n"
        "sample_report('rouge', 'en', stem=True)\n"
        "bad = ('textual', 'numpy', 'sklearn', 'seqeval', 'sacrebleu', 'rouge_score', 'nltk')\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] in bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_cli_module_is_light() -> None:
    code = ("import sys, argparse\nfrom tutor.cli import metrics as cli\n"
            "print(','.join(m for m in sys.modules if m.startswith('tutor.metrics.')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


# --- Perplexity beyond a float: the panel's path (pipeline.run_* then report_of) -------------

def test_num_and_fixed_show_huge_and_infinite_values_compactly() -> None:
    from tutor.metrics.report import fixed

    assert [num(float("inf")), num(float("-inf")), num(float("nan"))] == ["inf", "-inf", "nan"]
    assert [fixed(float("inf"), 2), fixed(float("nan"))] == ["inf", "nan"]
    assert num(1.5e60, 2) == "1.5e+60" and fixed(1.5e60, 2) == "1.50e+60"
    assert num(8.218407461554972e307, 2) == "8.22e+307" and num(1e6) == "1e+06"
    assert num(999_999.5, 1) == "999999.5" and fixed(123456.789, 2) == "123456.79"


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("line", ["-1000 -1000", "-709 -709", "-709.7\n-1 -2", "-1e308 -1e308"])
def test_overflowing_perplexity_reports_without_an_exception(lang: str, line: str) -> None:
    """What the metrics panel does with the learner's text: run_perplexity, then report_of."""
    import math
    import re

    from tutor.metrics.pipeline import report_of, run_perplexity
    from tutor.metrics.readers import Source

    run = run_perplexity(Source("logprobs", (line + "\n").encode()))
    report = report_of(run, lang)
    text = render_text(report)
    assert max(map(len, text.splitlines())) <= 80
    assert re.search(r"\d{10}", text) is None  # no 300-digit integer anywhere
    shown = [m.text for m in report.headline] + [c for t in report.tables for r in t.rows for c in r]
    for cell in shown:
        float(cell.replace(",", "."))  # every number cell is "inf", scientific or fixed notation (fr: 0,5)
    overflow = not all(map(math.isfinite, run.result.per_text))
    assert ("overflow" in note_keys(report)) == overflow
    assert ("meaning" in note_keys(report)) == math.isfinite(run.result.corpus_perplexity)


def test_infinite_perplexity_is_shown_as_inf() -> None:
    from tutor.metrics.perplexity import perplexity

    report = build_report("perplexity", perplexity([[-1000.0, -1000.0]]), "en", logprobs=[[-1000.0, -1000.0]])
    assert [m.text for m in report.headline] == ["inf", "inf"]
    assert formulas(report)["text:1"].endswith("= exp(1000) = inf")
    assert formulas(report)["corpus_perplexity"] == "corpus = exp(ΣNLL/Σn) = exp(2000/2) = inf"
    assert report.tables[0].rows == (("1", "2", "1000.000", "inf"),)
