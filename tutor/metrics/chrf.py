"""chrF (Popović, 2015) exactly as sacreBLEU 2.x computes it with its defaults (chrF2).

- Whitespace is removed (`"".join(text.split())`), then character n-grams of orders 1 to 6 are
  counted; matches are the clipped counts Σ min(count in output, count in reference). The output's
  n-grams of an order the reference has none of are not counted (they matter in a corpus sum).
- For each order n: precision = matches / output n-grams, recall = matches / reference n-grams.
- chrP and chrR average them over the *effective* orders, those where both the output and the
  reference have n-grams (sacreBLEU's default, without eps smoothing), and
  chrF = (1 + β²)·chrP·chrR / (β²·chrP + chrR), β = 2, times 100; 0 when chrP + chrR = 0.
- Several references: the one with the best sentence score. A corpus score sums the statistics of
  its sentences first (as `sacrebleu.corpus_chrf`).

Pure Python; tests compare it with sacreBLEU itself (tests/unit/test_metrics_chrf.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

CHAR_ORDER = 6
BETA = 2.0


@dataclass(frozen=True)
class OrderCounts:
    """The counts of one n-gram order: in the output, in the reference, and shared (clipped)."""

    n: int
    hypothesis: int
    reference: int
    matches: int


@dataclass(frozen=True)
class ChrfResult:
    """chrF in [0, 100], the averaged precision and recall (fractions) and the counts per order."""

    score: float
    precision: float
    recall: float
    orders: tuple[OrderCounts, ...]
    beta: float = BETA

    @property
    def effective_order(self) -> int:
        """How many orders have n-grams on both sides (the averages divide by it)."""
        return sum(1 for o in self.orders if o.hypothesis > 0 and o.reference > 0)


def strip_spaces(text: str) -> str:
    """The text chrF reads: whitespace removed."""
    return "".join(text.split())


def char_ngrams(text: str, n: int) -> Counter[str]:
    """The character n-grams of `text` (spaces already removed), with their counts."""
    return Counter(text[i:i + n] for i in range(len(text) - n + 1))


def order_counts(hypothesis: str, reference: str, order: int = CHAR_ORDER) -> tuple[OrderCounts, ...]:
    """The counts of orders 1..`order` for one output and one reference."""
    hyp, ref = strip_spaces(hypothesis), strip_spaces(reference)
    counts = []
    for n in range(1, order + 1):
        h, r = char_ngrams(hyp, n), char_ngrams(ref, n)
        # sacreBLEU does not count the output's n-grams of an order the reference has none of.
        counts.append(OrderCounts(n, sum(h.values()) if r else 0, sum(r.values()), sum((h & r).values())))
    return tuple(counts)


def chrf_from_counts(orders: Sequence[OrderCounts], beta: float = BETA) -> ChrfResult:
    """chrF from the counts of each order (sacreBLEU's effective-order averaging)."""
    precision = recall = 0.0
    effective = 0
    for o in orders:
        if o.hypothesis > 0 and o.reference > 0:
            precision += o.matches / o.hypothesis
            recall += o.matches / o.reference
            effective += 1
    if effective:
        precision /= effective
        recall /= effective
    factor = beta ** 2
    score = 0.0
    if precision + recall:
        score = 100 * (1 + factor) * precision * recall / (factor * precision + recall)
    return ChrfResult(score, precision, recall, tuple(orders), beta)


def sentence_chrf(hypothesis: str, references: str | Sequence[str], beta: float = BETA,
                  order: int = CHAR_ORDER) -> ChrfResult:
    """chrF of one output against one reference (or the best of several)."""
    refs = [references] if isinstance(references, str) else list(references)
    if not refs:
        raise ValueError("chrF needs at least one reference")
    best: ChrfResult | None = None
    for ref in refs:
        result = chrf_from_counts(order_counts(hypothesis, ref, order), beta)
        if best is None or result.score > best.score:
            best = result
    assert best is not None
    return best


def corpus_chrf(hypotheses: Sequence[str], references: Sequence[Sequence[str]], beta: float = BETA,
                order: int = CHAR_ORDER) -> ChrfResult:
    """Corpus chrF: each sentence's counts (its best reference's) summed, then one score.

    `references` is a list of reference streams, as sacreBLEU takes them: references[k][i] is
    the k-th reference of sentence i.
    """
    if any(len(stream) != len(hypotheses) for stream in references):
        raise ValueError("every reference stream must have one reference per output")
    totals = [[0, 0, 0] for _ in range(order)]
    for i, hypothesis in enumerate(hypotheses):
        best = sentence_chrf(hypothesis, [stream[i] for stream in references], beta, order)
        for total, o in zip(totals, best.orders, strict=True):
            total[0] += o.hypothesis
            total[1] += o.reference
            total[2] += o.matches
    return chrf_from_counts([OrderCounts(n + 1, *total) for n, total in enumerate(totals)], beta)
