"""Extractive QA metrics: SQuAD v1.1 exact match and token F1, as the official evaluate-v1.1.py.

Answers are normalised (lowercase, drop `string.punctuation`, drop the articles a/an/the,
collapse whitespace) before comparing; each question takes the best score over its gold answers;
corpus scores are means × 100.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["normalize_answer", "exact_match", "token_f1", "QAItem", "QAResult", "qa_scores"]

_PUNCTUATION = frozenset(string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalize_answer(text: str) -> str:
    """SQuAD's normalisation: lower, remove punctuation, remove articles, fix whitespace."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", text).split())


def exact_match(prediction: str, gold: str) -> bool:
    """Whether both answers are equal once normalised."""
    return normalize_answer(prediction) == normalize_answer(gold)


def token_f1(prediction: str, gold: str) -> float:
    """SQuAD token-level F1 between two answers (bags of normalised tokens)."""
    pred_tokens = normalize_answer(prediction).split()
    gold_tokens = normalize_answer(gold).split()
    common = sum((Counter(pred_tokens) & Counter(gold_tokens)).values())
    if common == 0:
        return 0.0
    precision = common / len(pred_tokens)
    recall = common / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class QAItem:
    """One question: its prediction, the gold answer that scored best, EM and F1 (0–1)."""

    id: str
    prediction: str
    answers: tuple[str, ...]
    exact: bool
    f1: float
    best_answer: str  # the gold answer giving the best F1 (the first one on ties)
    common: int  # shared normalised tokens with best_answer
    prediction_tokens: int
    answer_tokens: int

    def as_dict(self) -> dict[str, object]:
        """JSON-ready dict of this question's scores (×100)."""
        return {"id": self.id, "exact_match": 100.0 * self.exact, "f1": 100.0 * self.f1,
                "best_answer": self.best_answer}


@dataclass(frozen=True)
class QAResult:
    """SQuAD v1.1 corpus scores (0–100) and the per-question details."""

    exact_match: float
    f1: float
    items: tuple[QAItem, ...]

    def as_dict(self) -> dict[str, object]:
        """JSON-ready dict: exact_match, f1 (0–100), total and per-question scores."""
        return {"exact_match": self.exact_match, "f1": self.f1, "total": len(self.items),
                "items": [item.as_dict() for item in self.items]}


def _item(qid: str, prediction: str, answers: Sequence[str]) -> QAItem:
    best, best_f1 = answers[0], -1.0
    for answer in answers:
        score = token_f1(prediction, answer)
        if score > best_f1:
            best, best_f1 = answer, score
    pred_tokens = normalize_answer(prediction).split()
    gold_tokens = normalize_answer(best).split()
    common = sum((Counter(pred_tokens) & Counter(gold_tokens)).values())
    exact = any(exact_match(prediction, answer) for answer in answers)
    return QAItem(qid, prediction, tuple(answers), exact, best_f1, best, common,
                  len(pred_tokens), len(gold_tokens))


def qa_scores(gold: Mapping[str, Sequence[str]], predictions: Mapping[str, str]) -> QAResult:
    """EM and F1 over the questions of `gold` (id → gold answers); every id needs a prediction."""
    if not gold:
        raise ValueError("no question to score")
    items = []
    for qid, answers in gold.items():
        if qid not in predictions:
            raise KeyError(qid)
        if not answers:
            raise ValueError(f"question {qid!r} has no gold answer")
        items.append(_item(qid, predictions[qid], answers))
    count = len(items)
    return QAResult(
        exact_match=100.0 * sum(item.exact for item in items) / count,
        f1=100.0 * sum(item.f1 for item in items) / count,
        items=tuple(items),
    )
