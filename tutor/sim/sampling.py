"""Next-token sampling as Hugging Face `generate` does it: temperature, then top-k, then top-p.

The warpers follow `transformers.generation.logits_process`:
- TemperatureLogitsWarper: scores / T (skipped when T = 1).
- TopKLogitsWarper: keep tokens whose score is ≥ the k-th largest (ties at the k-th are kept);
  k = min(max(k, min_tokens_to_keep), vocabulary); k = 0 disables it.
- TopPLogitsWarper: sort ascending, softmax, cumulative sum; remove tokens with cumsum ≤ 1 − p,
  but never the last `min_tokens_to_keep` (1). The token that crosses p is therefore kept.
  p = 1 disables it.

Float rounding: HF works on float32 tensors, and a tie such as probs [0.3, 0.1, 0.1, 0.5] with
p = 0.8 (cumsum 0.2 against 1 − 0.8) resolves differently in float64. We emulate float32 where it
decides what is kept: scores, softmax probabilities, every partial sum and the threshold 1 − p are
rounded to float32 (`struct` 'f'). The exp itself is computed in float64 before rounding, so a
contrived case could still differ from torch by one ulp. Ties in the sort keep index order
(a stable sort). The probabilities shown after each step are float64 and renormalised.

Near-zero temperature: when scores / T overflows float32 (T below about 1e-38 for logits near 1),
HF's own softmax gets inf - inf = NaN. We show the limit T → 0 instead, which is what such a
temperature means: greedy decoding, all the mass on the top token (shared by tied tokens). It is
computed in float64 as (score - max) / T, so nothing overflows, and the result says so (`greedy`).
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass

# GenerationConfig defaults (transformers): greedy unless do_sample is set.
GENERATION_DEFAULTS: dict[str, object] = {"do_sample": False, "temperature": 1.0, "top_k": 50, "top_p": 1.0}


def f32(value: float) -> float:
    """`value` rounded to the nearest float32 (infinities kept)."""
    if math.isinf(value) or math.isnan(value):
        return value
    try:
        return float(struct.unpack("f", struct.pack("f", value))[0])
    except OverflowError:
        return math.copysign(math.inf, value)


def softmax(scores: list[float], temperature: float = 1.0) -> list[float]:
    """softmax(scores / T) in float64; -inf scores get 0. All -inf (or empty) gives uniform/empty."""
    if not scores:
        return []
    t = temperature if temperature > 0 else 1.0
    scaled = [s / t if not math.isnan(s) else -math.inf for s in scores]
    top = max(scaled)
    if top == -math.inf:
        return [1.0 / len(scores)] * len(scores)
    if top == math.inf:  # overflowed scores: they share all the mass
        count = scaled.count(math.inf)
        return [1.0 / count if s == math.inf else 0.0 for s in scaled]
    exps = [math.exp(s - top) if s != -math.inf else 0.0 for s in scaled]
    total = math.fsum(exps)
    return [e / total for e in exps]


def top_k_keep(scores: list[float], k: int, min_tokens_to_keep: int = 1) -> list[bool]:
    """Which tokens TopKLogitsWarper keeps (every token when k ≤ 0)."""
    if k <= 0 or not scores:
        return [True] * len(scores)
    k = min(max(k, min_tokens_to_keep), len(scores))
    kth = sorted(scores, reverse=True)[k - 1]
    return [s >= kth for s in scores]


def top_p_keep(scores: list[float], top_p: float, min_tokens_to_keep: int = 1) -> list[bool]:
    """Which tokens TopPLogitsWarper keeps, with HF's float32 arithmetic emulated."""
    if not scores:
        return []
    order = sorted(range(len(scores)), key=lambda i: scores[i])  # ascending, stable
    probs = [f32(p) for p in softmax([scores[i] for i in order])]
    threshold = f32(1.0 - top_p)
    keep = [True] * len(scores)
    running = 0.0
    protected = len(order) - max(1, min_tokens_to_keep)
    for position, index in enumerate(order):
        running = f32(running + probs[position])
        if running <= threshold and position < protected:
            keep[index] = False
    return keep


@dataclass(frozen=True)
class SamplingStep:
    """The distribution after one warper: which tokens are still allowed, their probabilities."""

    name: str
    probs: tuple[float, ...]
    kept: tuple[bool, ...]


@dataclass(frozen=True)
class SamplingResult:
    """Every step from the raw softmax to the final distribution, and the surviving tokens."""

    tokens: tuple[str, ...]
    steps: tuple[SamplingStep, ...]
    greedy: bool = False  # the temperature overflowed float32: its step shows the limit T → 0

    @property
    def final(self) -> SamplingStep:
        """The last step: the distribution actually sampled from."""
        return self.steps[-1]

    @property
    def kept_tokens(self) -> tuple[str, ...]:
        """Tokens still allowed after every warper, most likely first."""
        final = self.final
        kept = [i for i, keep in enumerate(final.kept) if keep]
        kept.sort(key=lambda i: -final.probs[i])
        return tuple(self.tokens[i] for i in kept)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view."""
        return {
            "tokens": list(self.tokens),
            "steps": [{"name": s.name, "probs": list(s.probs), "kept": list(s.kept)} for s in self.steps],
            "kept_tokens": list(self.kept_tokens),
            "greedy": self.greedy,
        }


def _masked(scores: list[float], keep: list[bool]) -> list[float]:
    return [s if k else -math.inf for s, k in zip(scores, keep, strict=True)]


def _with_temperature(scores: list[float], temperature: float) -> tuple[list[float], list[float], bool]:
    """The scores top-k ranks, the scores after temperature, and whether T is so small that the
    float32 division overflowed (then the second list is the float64 limit: see the module doc)."""
    t = max(f32(temperature), 1e-45)  # a temperature below float32's range would divide by 0
    scaled = [f32(s / t) if math.isfinite(s) else s for s in scores]
    if not any(math.isinf(v) and math.isfinite(s) for v, s in zip(scaled, scores, strict=True)):
        return scaled, scaled, False
    # Overflowed finite scores would tie at +inf (the uniform 1/3 of probe 2.3). Shifted by the top
    # finite score, every value is ≤ 0 and the top one is exactly 0: exp gives 1 for it (for each tied
    # top score) and 0 for the rest. An infinite logit stays infinite and keeps all the mass.
    top = max(s for s in scores if math.isfinite(s))
    limit = [(s - top) / temperature if math.isfinite(s) else s for s in scores]
    # Top-k ranks the scores themselves: dividing by T > 0 keeps their order, and the far ones
    # would all tie at -inf in `limit`.
    return scores, limit, True


def sample_steps(
    logits: list[float],
    tokens: list[str] | None = None,
    temperature: float = 1.0,
    top_k: int = 0,
    top_p: float = 1.0,
) -> SamplingResult:
    """Apply temperature, top-k and top-p in HF's order; record the distribution after each.

    Steps: "softmax" (raw logits), then "temperature", "top-k" and "top-p" when they are active.
    Invalid settings never raise: T ≤ 0 counts as 1, top_p outside (0, 1] is clamped, NaN logits
    count as -inf. Missing or extra token names are filled with "#i" or dropped.
    """
    given = [str(t) for t in (tokens or [])][: len(logits)]
    names = tuple(given + [f"#{i}" for i in range(len(given), len(logits))])
    scores = [f32(x) if not math.isnan(x) else -math.inf for x in logits]
    steps = [SamplingStep("softmax", tuple(softmax(scores)), tuple(True for _ in scores))]
    ranking = scores  # what top-k compares
    greedy = False
    if temperature > 0 and temperature != 1.0 and math.isfinite(temperature):
        ranking, scores, greedy = _with_temperature(scores, temperature)
        steps.append(SamplingStep("temperature", tuple(softmax(scores)), steps[-1].kept))
    if top_k > 0:
        keep = top_k_keep(ranking, top_k)
        scores = _masked(scores, keep)
        steps.append(SamplingStep("top-k", tuple(softmax(scores)), tuple(keep)))
    p = min(1.0, max(0.0, top_p)) if not math.isnan(top_p) else 1.0
    if p < 1.0:
        keep = top_p_keep(scores, p)
        keep = [k and previous for k, previous in zip(keep, steps[-1].kept, strict=True)]
        scores = _masked(scores, keep)
        steps.append(SamplingStep("top-p", tuple(softmax(scores)), tuple(keep)))
    return SamplingResult(names, tuple(steps), greedy)


@dataclass(frozen=True)
class NextTokenExample:
    """A prompt and candidate next tokens with logits, for the sampling playground."""

    id: str
    lang: str
    prompt: str
    tokens: tuple[str, ...]
    logits: tuple[float, ...]


# Illustrative logits written for teaching (not read from a real model): a likely head, a
# plausible middle and an implausible tail, so temperature and top-p visibly change the choice.
PLAYGROUND: tuple[NextTokenExample, ...] = (
    NextTokenExample(
        "chat-assis", "fr", "Le chat est assis sur le",
        ("canapé", "tapis", "rebord", "lit", "toit", "clavier", "banc", "nuage"),
        (4.1, 3.6, 2.9, 2.7, 1.8, 1.2, 0.9, -1.5),
    ),
    NextTokenExample(
        "capitale", "fr", "La capitale de la France est",
        ("Paris", "une", "la", "située", "Lyon", "magnifique", "très", "Marseille"),
        (7.2, 3.1, 2.8, 2.5, 1.4, 1.1, 0.8, 0.2),
    ),
    NextTokenExample(
        "recette", "fr", "Pour réussir une bonne pâte à crêpes, il faut",
        ("de", "du", "bien", "des", "un", "toujours", "laisser", "mélanger"),
        (3.9, 3.3, 3.0, 2.6, 2.2, 1.7, 1.5, 1.4),
    ),
    NextTokenExample(
        "cat-sat", "en", "The cat sat on the",
        ("mat", "floor", "couch", "bed", "windowsill", "roof", "keyboard", "moon"),
        (4.5, 3.2, 3.0, 2.8, 2.1, 1.5, 1.0, -2.0),
    ),
    NextTokenExample(
        "weather", "en", "Tomorrow the weather will be",
        ("sunny", "cold", "warm", "rainy", "nice", "cloudy", "better", "purple"),
        (3.4, 3.1, 2.9, 2.9, 2.6, 2.4, 1.2, -3.0),
    ),
    NextTokenExample(
        "code", "en", "def fibonacci(n):\n    if n <",
        (" 2", " 1", "=", " 0", " 3", " n", " -", " len"),
        (5.0, 3.8, 2.2, 1.9, 0.6, 0.1, -0.5, -1.0),
    ),
)


def playground_examples(lang: str | None = None) -> list[NextTokenExample]:
    """The playground examples, only those in `lang` when given."""
    return [e for e in PLAYGROUND if lang is None or e.lang == lang]
