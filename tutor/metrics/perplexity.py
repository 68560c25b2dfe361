"""Perplexity from per-token natural-log probabilities.

Two different averages are in use and learners confuse them: the `evaluate` library's
`mean_perplexity` averages each text's perplexity, while the corpus perplexity is exp of the mean
negative log-likelihood over all tokens (what a language-model loss gives). Both are reported.

A perplexity beyond the largest float (mean NLL above about 709.78) is `math.inf`, as `torch.exp`
gives, never an OverflowError: a learner's file of very low log-probabilities must still score.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["TextPerplexity", "PerplexityResult", "perplexity"]


@dataclass(frozen=True)
class TextPerplexity:
    """One text: its token count, summed NLL, mean NLL and perplexity exp(mean NLL)."""

    tokens: int
    nll: float
    mean_nll: float
    perplexity: float


@dataclass(frozen=True)
class PerplexityResult:
    """Per-text perplexities, their mean (evaluate's mean_perplexity) and the corpus value."""

    texts: tuple[TextPerplexity, ...]
    mean_perplexity: float
    corpus_perplexity: float
    tokens: int
    nll: float
    mean_nll: float  # corpus mean NLL, finite even when the sum `nll` overflows

    @property
    def per_text(self) -> tuple[float, ...]:
        """Each text's perplexity, in input order."""
        return tuple(text.perplexity for text in self.texts)

    def as_dict(self) -> dict[str, object]:
        """Dict for JSON: per_text, mean_perplexity, corpus_perplexity, tokens, mean_nll.

        An overflowing perplexity stays the float inf here; the CLI writes it as the string "inf".
        """
        return {"per_text": list(self.per_text), "mean_perplexity": self.mean_perplexity,
                "corpus_perplexity": self.corpus_perplexity, "tokens": self.tokens,
                "mean_nll": self.mean_nll}


def _exp(value: float) -> float:
    """exp(value), or +inf when it overflows a float (as torch.exp does)."""
    try:
        return math.exp(value)
    except OverflowError:
        return math.inf


def _sum(values: Sequence[float]) -> float:
    """Exact sum; ±inf when it overflows a float (math.fsum raises instead).

    Every caller sums values of one sign (log-probabilities ≤ 0, perplexities ≥ 0), so the sign of
    any term is the sign of the overflow.
    """
    try:
        return math.fsum(values)
    except OverflowError:
        return math.copysign(math.inf, max(values, key=abs))


def _mean(values: Sequence[float]) -> float:
    """Mean of same-sign values; finite whenever they are, even when their sum overflows."""
    try:
        return math.fsum(values) / len(values)
    except OverflowError:
        return math.fsum(value / len(values) for value in values)


def perplexity(logprobs: Sequence[Sequence[float]]) -> PerplexityResult:
    """Perplexities of texts given as lists of per-token natural-log probabilities (≤ 0)."""
    if not logprobs:
        raise ValueError("no text to score")
    texts = []
    for index, values in enumerate(logprobs):
        if not values:
            raise ValueError(f"text {index + 1} has no token")
        mean = -_mean(values)
        texts.append(TextPerplexity(len(values), -_sum(values), mean, _exp(mean)))
    tokens = sum(text.tokens for text in texts)
    total_nll = _sum([text.nll for text in texts])
    mean_nll = -_mean([value for values in logprobs for value in values])
    return PerplexityResult(
        texts=tuple(texts),
        mean_perplexity=_mean([text.perplexity for text in texts]),
        corpus_perplexity=_exp(mean_nll),
        tokens=tokens,
        nll=total_nll,
        mean_nll=mean_nll,
    )
