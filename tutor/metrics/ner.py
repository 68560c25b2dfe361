"""Entity-level NER metrics matching seqeval, in its default and its strict IOB2 modes.

Default mode reproduces seqeval's `get_entities` (conlleval-like): sentences are joined with an
"O" between them and chunks start/end by seqeval's exact prefix rules, so a sequence that is not
valid IOB2 (an "I-" after "O") still yields an entity. Strict mode reproduces
`mode="strict", scheme=IOB2`: an entity is a "B-" followed by "I-" of the same type, anything
else is ignored, and a tag whose prefix is not B, I or O is an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tutor.metrics.classification import Average

__all__ = [
    "InvalidTagError", "TypeScores", "NerResult", "get_entities", "strict_entities", "ner_scores",
]

Entity = tuple[str, int, int]  # (type, start, end) — the end index is inclusive in default mode


class InvalidTagError(ValueError):
    """A tag that strict IOB2 mode rejects; carries its sentence and token position (0-based)."""

    def __init__(self, tag: str, sentence: int, token: int) -> None:
        super().__init__(f"invalid IOB2 tag {tag!r} (sentence {sentence + 1}, token {token + 1})")
        self.tag = tag
        self.sentence = sentence
        self.token = token


def _split_default(chunk: str) -> tuple[str, str]:
    # seqeval: the prefix is the first character, the type what follows the first "-".
    return chunk[0], chunk[1:].split("-", maxsplit=1)[-1] or "_"


def _transition(prev_tag: str, tag: str, prev_type: str, type_: str) -> tuple[bool, bool]:
    """seqeval's (end_of_chunk, start_of_chunk) for one step."""
    end = (
        prev_tag in ("E", "S")
        or (prev_tag in ("B", "I") and tag in ("B", "S", "O"))
        or (prev_tag != "O" and prev_tag != "." and prev_type != type_)
    )
    start = (
        tag in ("B", "S")
        or (prev_tag in ("E", "S", "O") and tag in ("E", "I"))
        or (tag != "O" and tag != "." and prev_type != type_)
    )
    return end, start


def get_entities(sentences: Iterable[Sequence[str]]) -> list[Entity]:
    """seqeval's default `get_entities` over sentences joined by "O" (global token offsets)."""
    parts: dict[str, tuple[str, str]] = {}
    steps: dict[tuple[str, str], tuple[bool, bool]] = {}
    chunks: list[Entity] = []
    # "" is never a tag: the first step goes through the full rules, with seqeval's initial
    # state (tag "O", type "") rather than the "_" type an actual "O" has.
    prev = ""
    prev_tag, prev_type = "O", ""
    begin = 0
    i = 0
    flat: list[str] = []
    for sentence in sentences:
        flat.extend(sentence)
        flat.append("O")
    if not flat:
        flat.append("O")  # seqeval appends a final "O" even to an empty sequence
    for chunk in flat:
        if chunk == prev == "O":
            i += 1  # the commonest step, and one that neither ends nor starts a chunk
            continue
        key = (prev, chunk)
        step = steps.get(key)
        if step is None:
            if chunk not in parts:
                if not chunk:
                    raise ValueError("empty tag")
                parts[chunk] = _split_default(chunk)
            tag, type_ = parts[chunk]
            step = steps[key] = _transition(prev_tag, tag, prev_type, type_)
        end, start = step
        if end:
            chunks.append((prev_type, begin, i - 1))
        if start:
            begin = i
        prev = chunk
        prev_tag, prev_type = parts[chunk]
        i += 1
    return chunks


def strict_entities(sentences: Iterable[Sequence[str]]) -> list[tuple[str, int, int, int]]:
    """seqeval's strict IOB2 entities as (type, sentence, start, end-exclusive)."""
    entities = []
    for s, sentence in enumerate(sentences):
        open_type: str | None = None
        start = 0
        for t, tag in enumerate(sentence):
            prefix = tag[:1]
            if prefix not in ("B", "I", "O"):
                raise InvalidTagError(tag, s, t)
            type_ = tag[1:].strip("-") or "_"
            if open_type is not None and not (prefix == "I" and type_ == open_type):
                entities.append((open_type, s, start, t))
                open_type = None
            if prefix == "B":
                open_type, start = type_, t
        if open_type is not None:
            entities.append((open_type, s, start, len(sentence)))
    return entities


@dataclass(frozen=True)
class TypeScores:
    """One entity type's row: precision, recall, F1, support and the counts."""

    type: str
    precision: float
    recall: float
    f1: float
    support: int  # gold entities of this type
    tp: int
    predicted: int

    @property
    def fp(self) -> int:
        """Predicted entities of this type that are not in the gold set."""
        return self.predicted - self.tp

    @property
    def fn(self) -> int:
        """Gold entities of this type that were not predicted exactly."""
        return self.support - self.tp

    def as_dict(self) -> dict[str, float | int]:
        """JSON-ready dict: precision, recall, f1, support."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "support": self.support}


@dataclass(frozen=True)
class NerResult:
    """Entity-level scores: micro average (seqeval's headline), macro, weighted and per type."""

    mode: str
    micro: Average
    macro: Average
    weighted: Average
    per_type: tuple[TypeScores, ...]
    tp: int
    predicted: int
    gold: int
    sentences: int
    tokens: int

    @property
    def precision(self) -> float:
        """Micro-averaged precision (seqeval's default average)."""
        return self.micro.precision

    @property
    def recall(self) -> float:
        """Micro-averaged recall."""
        return self.micro.recall

    @property
    def f1(self) -> float:
        """Micro-averaged F1."""
        return self.micro.f1

    def as_dict(self) -> dict[str, object]:
        """JSON-ready dict with the keys documented for `tutor metrics ner --json`."""
        return {
            "mode": self.mode,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "macro": self.macro.as_dict(), "weighted": self.weighted.as_dict(),
            "per_type": {row.type: row.as_dict() for row in self.per_type},
            "tp": self.tp, "predicted": self.predicted, "gold": self.gold,
        }


def _seqeval_prf(tp: int, pred: int, true: int) -> tuple[float, float, float]:
    precision = tp / pred if pred else 0.0
    recall = tp / true if true else 0.0
    denominator = precision + recall
    return precision, recall, (2 * precision * recall / denominator if denominator else 0.0)


def ner_scores(
    gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], mode: str = "default"
) -> NerResult:
    """seqeval's entity-level scores; `mode` is "default" (conlleval-like) or "strict" (IOB2)."""
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} sentences but pred has {len(pred)}")
    for s, (g, p) in enumerate(zip(gold, pred, strict=True)):
        if len(g) != len(p):
            raise ValueError(f"sentence {s + 1}: gold has {len(g)} tags but pred has {len(p)}")
    if mode == "default":
        true_entities: list[tuple[str, *tuple[int, ...]]] = list(get_entities(gold))
        pred_entities: list[tuple[str, *tuple[int, ...]]] = list(get_entities(pred))
    elif mode == "strict":
        true_entities = list(strict_entities(gold))
        pred_entities = list(strict_entities(pred))
    else:
        raise ValueError(f"unknown mode {mode!r} (default or strict)")
    by_type_true: dict[str, set[tuple[int, ...]]] = {}
    by_type_pred: dict[str, set[tuple[int, ...]]] = {}
    for entity in true_entities:
        by_type_true.setdefault(entity[0], set()).add(entity[1:])
    for entity in pred_entities:
        by_type_pred.setdefault(entity[0], set()).add(entity[1:])
    rows = []
    for type_ in sorted(by_type_true.keys() | by_type_pred.keys()):
        true_set = by_type_true.get(type_, set())
        pred_set = by_type_pred.get(type_, set())
        tp = len(true_set & pred_set)
        rows.append(TypeScores(type_, *_seqeval_prf(tp, len(pred_set), len(true_set)),
                               len(true_set), tp, len(pred_set)))
    tp = sum(r.tp for r in rows)
    n_pred = sum(r.predicted for r in rows)
    n_true = sum(r.support for r in rows)
    micro = Average(*_seqeval_prf(tp, n_pred, n_true))
    count = len(rows)
    macro = Average(
        *(sum(getattr(r, k) for r in rows) / count if count else 0.0
          for k in ("precision", "recall", "f1"))
    )
    weighted = Average(
        *(sum(getattr(r, k) * r.support for r in rows) / n_true if n_true else 0.0
          for k in ("precision", "recall", "f1"))
    )
    return NerResult(mode, micro, macro, weighted, tuple(rows), tp, n_pred, n_true,
                     len(gold), sum(map(len, gold)))
