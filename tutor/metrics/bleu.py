"""Corpus BLEU exactly as sacreBLEU computes it with its defaults.

Defaults reproduced: 13a tokenisation (mteval-v13a, as in sacrebleu's `Tokenizer13a`), case kept,
exponential ("exp", mteval's NIST) smoothing, n-grams up to 4, brevity penalty on the corpus with,
for each segment, the reference length closest to the hypothesis length (the shorter on ties), and
clipped n-gram counts against the maximum count over the references.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["BleuResult", "compute_bleu", "corpus_bleu", "tokenize_13a", "closest_ref_len"]

MAX_ORDER = 4

# sacrebleu's TokenizerRegexp rules, in its order (the order matters: later rules see earlier spaces).
_RULES = (
    (re.compile(r"([\{-\~\[-\` -\&\(-\+\:-\@\/])"), r" \1 "),
    (re.compile(r"([^0-9])([\.,])"), r"\1 \2 "),
    (re.compile(r"([\.,])([^0-9])"), r" \1 \2"),
    (re.compile(r"([0-9])(-)"), r"\1 \2 "),
)


@lru_cache(maxsize=1 << 16)
def tokenize_13a(line: str) -> str:
    """Tokenise one segment like sacrebleu's 13a tokenizer; tokens are joined by single spaces."""
    line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ")
    if "&" in line:
        line = line.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    line = f" {line} "
    for pattern, replacement in _RULES:
        line = pattern.sub(replacement, line)
    return " ".join(line.split())


@dataclass(frozen=True)
class BleuResult:
    """Corpus BLEU (0–100) with its sufficient statistics, as sacrebleu's BLEUScore reports them."""

    bleu: float
    counts: tuple[int, ...]  # matched (clipped) n-grams, n = 1..4
    totals: tuple[int, ...]  # hypothesis n-grams, n = 1..4
    precisions: tuple[float, ...]  # percentages, smoothed where a count is 0
    bp: float
    sys_len: int
    ref_len: int
    smoothed: tuple[bool, ...]  # which precisions came from exp smoothing

    @property
    def ratio(self) -> float:
        """Hypothesis length over reference length (0 when there is no reference token)."""
        return self.sys_len / self.ref_len if self.ref_len else 0.0

    def as_dict(self) -> dict[str, object]:
        """JSON-ready dict: bleu, precisions, bp, sys_len, ref_len and the raw counts."""
        return {
            "bleu": self.bleu,
            "precisions": list(self.precisions),
            "bp": self.bp,
            "sys_len": self.sys_len,
            "ref_len": self.ref_len,
            "ratio": self.ratio,
            "counts": list(self.counts),
            "totals": list(self.totals),
        }


def _log(value: float) -> float:
    # sacrebleu floors log(0) at this value instead of raising.
    return math.log(value) if value != 0.0 else -9999999999


def compute_bleu(
    correct: Sequence[int], total: Sequence[int], sys_len: int, ref_len: int
) -> BleuResult:
    """BLEU from sufficient statistics with exp smoothing (sacrebleu's `compute_bleu`)."""
    bp = 1.0
    if sys_len < ref_len:
        bp = math.exp(1 - ref_len / sys_len) if sys_len > 0 else 0.0
    order = len(correct)
    precisions = [0.0] * order
    smoothed = [False] * order
    if not any(correct):
        return BleuResult(0.0, tuple(correct), tuple(total), tuple(precisions), bp, sys_len,
                          ref_len, tuple(smoothed))
    smooth = 1.0
    for n in range(order):
        if total[n] == 0:
            break
        if correct[n] == 0:
            smooth *= 2
            precisions[n] = 100.0 / (smooth * total[n])
            smoothed[n] = True
        else:
            precisions[n] = 100.0 * correct[n] / total[n]
    score = bp * math.exp(sum(_log(p) for p in precisions) / order)
    return BleuResult(score, tuple(correct), tuple(total), tuple(precisions), bp, sys_len,
                      ref_len, tuple(smoothed))


def closest_ref_len(hyp_len: int, ref_lens: Sequence[int]) -> int:
    """The reference length closest to `hyp_len`, the shorter one on ties."""
    best_diff, best_len = -1, -1
    for ref_len in ref_lens:
        diff = abs(hyp_len - ref_len)
        if best_diff == -1 or diff < best_diff or (diff == best_diff and ref_len < best_len):
            best_diff, best_len = diff, ref_len
    return best_len


def _ngram_counts(tokens: list[str]) -> list[Counter[tuple[str, ...]]]:
    # zip-based n-grams are several times faster than slicing, with the same tuple keys.
    return [
        Counter(zip(*(tokens[k:] for k in range(n)), strict=False)) for n in range(1, MAX_ORDER + 1)
    ]


def corpus_bleu(hypotheses: Sequence[str], references: Sequence[Sequence[str]]) -> BleuResult:
    """sacreBLEU corpus BLEU; `references` is a list of reference streams, each aligned with
    `hypotheses` (as in `sacrebleu.corpus_bleu(hyps, [refs1, refs2])`)."""
    if any(len(stream) != len(hypotheses) for stream in references):
        raise ValueError("every reference stream must have one segment per hypothesis")
    correct = [0] * MAX_ORDER
    total = [0] * MAX_ORDER
    sys_len = ref_len = 0
    tokenize = tokenize_13a
    for index, hyp in enumerate(hypotheses):
        hyp_tokens = tokenize(hyp.rstrip()).split()
        hyp_len = len(hyp_tokens)
        ref_lens = []
        ref_counts: list[Counter[tuple[str, ...]]] | None = None
        for stream in references:
            ref_tokens = tokenize(stream[index].rstrip()).split()
            ref_lens.append(len(ref_tokens))
            counts = _ngram_counts(ref_tokens)
            if ref_counts is None:
                ref_counts = counts
            else:
                for merged, new in zip(ref_counts, counts, strict=True):
                    for gram, count in new.items():
                        if count > merged[gram]:
                            merged[gram] = count
        sys_len += hyp_len
        ref_len += closest_ref_len(hyp_len, ref_lens)
        if ref_counts is None:
            raise ValueError("at least one reference stream is needed")
        for n, hyp_counts in enumerate(_ngram_counts(hyp_tokens)):
            ref_n = ref_counts[n]
            total[n] += hyp_len - n if hyp_len > n else 0
            matched = 0
            for gram, count in hyp_counts.items():
                ref_count = ref_n.get(gram)
                if ref_count:
                    matched += count if count < ref_count else ref_count
            correct[n] += matched
    return compute_bleu(correct, total, sys_len, ref_len)
