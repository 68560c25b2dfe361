"""Classification metrics matching scikit-learn's `classification_report` and `confusion_matrix`.

Labels are strings and are ordered with `sorted()`, as sklearn's `unique_labels` orders them.
Undefined ratios (no prediction of a class, no gold example, P + R = 0) count as 0, which is
sklearn's default `zero_division="warn"` without the warning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["ClassScores", "Average", "ClassificationResult", "classification_scores", "prf"]


def prf(tp: int, n_pred: int, n_true: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts, 0 wherever a denominator is 0 (sklearn's F1 form)."""
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_true if n_true else 0.0
    denominator = n_true + n_pred
    f1 = 2 * tp / denominator if denominator else 0.0
    return precision, recall, f1


@dataclass(frozen=True)
class ClassScores:
    """One class's row of the report, with the counts it comes from."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int  # gold examples of this class = TP + FN
    tp: int
    fp: int
    fn: int

    def as_dict(self) -> dict[str, float | int]:
        """JSON-ready dict: precision, recall, f1, support."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "support": self.support}


@dataclass(frozen=True)
class Average:
    """An averaged precision / recall / F1 (macro, micro or weighted)."""

    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        """JSON-ready dict: precision, recall, f1."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class ClassificationResult:
    """Everything sklearn's classification report and confusion matrix show."""

    labels: tuple[str, ...]
    accuracy: float
    correct: int
    total: int
    per_class: tuple[ClassScores, ...]
    macro: Average
    micro: Average
    weighted: Average
    matrix: tuple[tuple[int, ...], ...]  # rows: gold label, columns: predicted label

    def row(self, label: str) -> ClassScores:
        """The per-class row of `label`."""
        return self.per_class[self.labels.index(label)]

    def as_dict(self) -> dict[str, object]:
        """JSON-ready dict with the keys documented for `tutor metrics classification --json`."""
        return {
            "accuracy": self.accuracy,
            "macro": self.macro.as_dict(),
            "micro": self.micro.as_dict(),
            "weighted": self.weighted.as_dict(),
            "per_class": {row.label: row.as_dict() for row in self.per_class},
            "confusion_matrix": {"labels": list(self.labels),
                                 "matrix": [list(r) for r in self.matrix]},
            "correct": self.correct,
            "total": self.total,
        }


def classification_scores(gold: Sequence[str], pred: Sequence[str]) -> ClassificationResult:
    """Accuracy, per-class P/R/F1/support, macro/micro/weighted averages and confusion matrix."""
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} labels but pred has {len(pred)}")
    if not gold:
        raise ValueError("no label to score")
    # One C-level pass over the pairs: everything else is derived from these counts.
    pairs = Counter(zip(gold, pred, strict=True))
    return from_pair_counts(pairs)


def from_pair_counts(pairs: Counter[tuple[str, str]]) -> ClassificationResult:
    """Build the result from counts of (gold, predicted) pairs."""
    labels = tuple(sorted({g for g, _ in pairs} | {p for _, p in pairs}))
    index = {label: i for i, label in enumerate(labels)}
    size = len(labels)
    matrix = [[0] * size for _ in range(size)]
    for (g, p), count in pairs.items():
        matrix[index[g]][index[p]] += count
    total = sum(pairs.values())
    correct = sum(matrix[i][i] for i in range(size))
    rows = []
    for i, label in enumerate(labels):
        tp = matrix[i][i]
        n_true = sum(matrix[i])
        n_pred = sum(matrix[r][i] for r in range(size))
        precision, recall, f1 = prf(tp, n_pred, n_true)
        rows.append(ClassScores(label, precision, recall, f1, n_true, tp, n_pred - tp, n_true - tp))
    macro = Average(
        sum(r.precision for r in rows) / size,
        sum(r.recall for r in rows) / size,
        sum(r.f1 for r in rows) / size,
    )
    # Every label is included, so micro-averaged P = R = F1 = accuracy.
    accuracy = correct / total
    micro = Average(*prf(correct, total, total))
    weighted = Average(
        sum(r.precision * r.support for r in rows) / total,
        sum(r.recall * r.support for r in rows) / total,
        sum(r.f1 * r.support for r in rows) / total,
    )
    return ClassificationResult(
        labels=labels, accuracy=accuracy, correct=correct, total=total, per_class=tuple(rows),
        macro=macro, micro=micro, weighted=weighted,
        matrix=tuple(tuple(r) for r in matrix),
    )
