"""Perplexity from per-token natural-log probabilities.

Two different averages are in use and learners confuse them: the `evaluate` library's
`mean_perplexity` averages each text's perplexity, while the corpus perplexity is exp of the mean
negative log-likelihood over all tokens (what a language-model loss gives). Both are reported.
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

    @property
    def per_text(self) -> tuple[float, ...]:
        """Each text's perplexity, in input order."""
        return tuple(text.perplexity for text in self.texts)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready dict: per_text, mean_perplexity, corpus_perplexity, tokens."""
        return {"per_text": list(self.per_text), "mean_perplexity": self.mean_perplexity,
                "corpus_perplexity": self.corpus_perplexity, "tokens": self.tokens,
                "mean_nll": self.nll / self.tokens}


def perplexity(logprobs: Sequence[Sequence[float]]) -> PerplexityResult:
    """Perplexities of texts given as lists of per-token natural-log probabilities (≤ 0)."""
    if not logprobs:
        raise ValueError("no text to score")
    texts = []
    for index, values in enumerate(logprobs):
        if not values:
            raise ValueError(f"text {index + 1} has no token")
        nll = -math.fsum(values)
        mean = nll / len(values)
        texts.append(TextPerplexity(len(values), nll, mean, math.exp(mean)))
    tokens = sum(text.tokens for text in texts)
    total_nll = math.fsum(text.nll for text in texts)
    return PerplexityResult(
        texts=tuple(texts),
        mean_perplexity=math.fsum(text.perplexity for text in texts) / len(texts),
        corpus_perplexity=math.exp(total_nll / tokens),
        tokens=tokens,
        nll=total_nll,
    )
