"""The JSON that `tutor metrics TASK --json` prints: every key, spelled as documented.

Scripts and notebooks read these keys; a renamed key is a silent break for them. Found by
mutation testing (docs/testing.md): the key names were not checked anywhere.
"""

from __future__ import annotations

import pytest

from tutor.metrics.bleu import corpus_bleu
from tutor.metrics.classification import classification_scores
from tutor.metrics.ner import ner_scores
from tutor.metrics.qa import qa_scores

PRF = {"precision", "recall", "f1"}


def test_classification_keys() -> None:
    data = classification_scores(["a", "b", "a"], ["a", "a", "a"]).as_dict()
    assert set(data) == {"accuracy", "macro", "micro", "weighted", "per_class", "confusion_matrix", "correct",
                         "total"}
    assert set(data["macro"]) == set(data["micro"]) == set(data["weighted"]) == PRF
    assert set(data["per_class"]["a"]) == PRF | {"support"}
    assert (data["correct"], data["total"]) == (2, 3)


@pytest.mark.parametrize("mode", ["default", "strict"])
def test_ner_keys(mode: str) -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "I-PER", "O", "O"]]
    result = ner_scores(gold, pred, mode)
    data = result.as_dict()
    assert set(data) == {"mode", "precision", "recall", "f1", "macro", "weighted", "per_type", "tp", "predicted",
                         "gold"}
    assert data["mode"] == mode == result.mode
    assert set(data["macro"]) == set(data["weighted"]) == PRF
    assert set(data["per_type"]) == {"PER", "LOC"} and set(data["per_type"]["PER"]) == PRF | {"support"}
    assert (data["tp"], data["predicted"], data["gold"]) == (1, 1, 2)


def test_bleu_keys() -> None:
    data = corpus_bleu(["the cat sat on the mat"], [["the cat sat on a mat"]]).as_dict()
    assert set(data) == {"bleu", "precisions", "bp", "sys_len", "ref_len", "ratio", "counts", "totals"}
    assert data["counts"] == [5, 3, 2, 1] and data["totals"] == [6, 5, 4, 3] and data["ratio"] == 1.0


def test_qa_keys() -> None:
    data = qa_scores({"q1": ["Paris", "the city of Paris"]}, {"q1": "paris"}).as_dict()
    assert set(data) == {"exact_match", "f1", "total", "items"}
    assert data["total"] == 1
    assert data["items"] == [{"id": "q1", "exact_match": 100.0, "f1": 100.0, "best_answer": "Paris"}]
    half = qa_scores({"q": ["x y"]}, {"q": "x"}).as_dict()["items"][0]
    assert half["exact_match"] == 0.0 and half["f1"] == pytest.approx(100 * 2 / 3)
