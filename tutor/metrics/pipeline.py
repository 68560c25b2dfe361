"""From input files (or shipped samples) to results and reports, with FILE:LINE errors.

Shared by the command line and the panel: each `run_*` reads `Source`s, checks that they are
aligned, computes the metric and returns a `Run` (the result, the report options, warnings).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tutor.metrics import readers
from tutor.metrics.readers import InputError, InputWarning, Source

__all__ = [
    "Run", "run_classification", "run_ner", "run_qa", "run_bleu", "run_rouge", "run_perplexity",
    "decode_breaks", "report_of",
]


@dataclass(frozen=True)
class Run:
    """A computed metric: its task, result object, extra report options and input warnings."""

    task: str
    result: Any
    options: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


def report_of(run: Run, lang: str) -> Any:
    """The `Report` of a run in `lang`."""
    from tutor.metrics.explain import build_report

    return build_report(run.task, run.result, lang, **run.options)


def run_classification(gold: Source, pred: Source, positive: str | None = None) -> Run:
    """Classification from two label files (one label per line)."""
    from tutor.metrics.classification import classification_scores

    gold_labels = readers.read_labels(gold)
    pred_labels = readers.read_labels(pred)
    readers.check_same_length(gold, len(gold_labels), pred, len(pred_labels), "labels")
    result = classification_scores(gold_labels, pred_labels)
    if positive is not None and positive not in result.labels:
        raise InputError(pred.name, 1, key="e.positive_unknown", label=repr(positive))
    return Run("classification", result, {"positive": positive})


def _check_sentences(gold: Source, gold_sents: list[list[str]], gold_starts: list[int],
                     pred: Source, pred_sents: list[list[str]], pred_starts: list[int]) -> None:
    # Compare lengths first: the first sentence that differs shows where alignment breaks.
    for g, p, g_line, p_line in zip(gold_sents, pred_sents, gold_starts, pred_starts, strict=False):
        if len(g) != len(p):
            raise InputError(pred.name, p_line, key="e.sentence_tokens", count=len(p), gold=gold.name,
                             gold_line=g_line, gold_count=len(g))
    if len(pred_sents) > len(gold_sents):
        raise InputError(pred.name, pred_starts[len(gold_sents)], key="e.extra_sentence", gold=gold.name,
                         count=len(gold_sents))
    if len(pred_sents) < len(gold_sents):
        after_last = pred_starts[-1] + len(pred_sents[-1])
        raise InputError(pred.name, after_last, key="e.missing_sentences", gold=gold.name,
                         gold_count=len(gold_sents), pred=pred.name, count=len(pred_sents))


def _tag_warnings(source: Source, sentences: list[list[str]], starts: list[int]) -> list[InputWarning]:
    """seqeval's "seems not to be NE tag" warnings, once per odd tag, with its first line."""
    odd = {tag for sentence in sentences for tag in set(sentence)
           if tag not in ("O", "B", "I", "E", "S") and tag[:2] not in ("B-", "I-", "E-", "S-")}
    warnings = []
    for tag in sorted(odd):
        s, t = next((s, sent.index(tag)) for s, sent in enumerate(sentences) if tag in sent)
        warnings.append(InputWarning(source.name, starts[s] + t, "e.not_bio", tag=repr(tag)))
    return warnings


def run_ner(gold: Source, pred: Source, mode: str = "default") -> Run:
    """Entity-level NER from two CoNLL files; strict mode reports an invalid tag as FILE:LINE."""
    from tutor.metrics.ner import InvalidTagError, ner_scores

    gold_sents, gold_starts = readers.read_conll(gold)
    pred_sents, pred_starts = readers.read_conll(pred)
    _check_sentences(gold, gold_sents, gold_starts, pred, pred_sents, pred_starts)
    gold_ok, pred_ok = _valid_strict(gold_sents), _valid_strict(pred_sents)
    try:
        result = ner_scores(gold_sents, pred_sents, mode)
    except InvalidTagError as error:
        # Gold is scored first, so the bad tag is in gold whenever gold has one.
        source, starts = (gold, gold_starts) if not gold_ok else (pred, pred_starts)
        raise InputError(source.name, starts[error.sentence] + error.token, key="e.strict_tag",
                         tag=repr(error.tag)) from None
    # The other mode's F1 feeds a note on how much the choice of mode matters here.
    other = None
    if gold_ok and pred_ok:
        other = ner_scores(gold_sents, pred_sents, "strict" if mode == "default" else "default")
    warnings = []
    if mode == "default":
        warnings = _tag_warnings(gold, gold_sents, gold_starts) + _tag_warnings(pred, pred_sents, pred_starts)
    return Run("ner", result, {"other": other}, tuple(warnings))


def _valid_strict(sentences: Sequence[Sequence[str]]) -> bool:
    return all(tag[:1] in ("B", "I", "O") for sentence in sentences for tag in sentence)


def run_qa(gold: Source, pred: Source) -> Run:
    """SQuAD EM/F1 from gold and prediction JSON Lines; a gold id without prediction is an error."""
    from tutor.metrics.qa import qa_scores

    gold_items = readers.read_qa_gold(gold)
    predictions = readers.read_qa_predictions(pred)
    for qid, (_answers, line) in gold_items.items():
        if qid not in predictions:
            raise InputError(gold.name, line, key="e.no_prediction", id=repr(qid), pred=pred.name)
    warnings = tuple(InputWarning(pred.name, line, "e.unknown_id", id=repr(qid), gold=gold.name)
                     for qid, (_text, line) in predictions.items() if qid not in gold_items)
    result = qa_scores({qid: answers for qid, (answers, _line) in gold_items.items()},
                       {qid: text for qid, (text, _line) in predictions.items()})
    return Run("qa", result, warnings=warnings)


def decode_breaks(segment: str) -> str:
    """A segment file holds one segment per line: the two characters \\n stand for a line break."""
    return segment.replace("\\n", "\n") if "\\n" in segment else segment


def _segments(source: Source) -> list[str]:
    return [decode_breaks(line) for line in readers.read_segments(source)]


def run_bleu(refs: Sequence[Source], hyp: Source) -> Run:
    """Corpus BLEU of a hypothesis file against one or more aligned reference files."""
    from tutor.metrics.bleu import corpus_bleu

    hypotheses = _segments(hyp)
    streams = []
    for ref in refs:
        segments = _segments(ref)
        readers.check_same_length(ref, len(segments), hyp, len(hypotheses), "segments")
        streams.append(segments)
    result = corpus_bleu(hypotheses, streams)
    return Run("bleu", result, {"segments": len(hypotheses), "refs": len(streams)})


def run_rouge(ref: Source, hyp: Source, stem: bool = False) -> Run:
    """ROUGE-1/2/L/Lsum of aligned reference (target) and hypothesis (prediction) files."""
    from tutor.metrics.rouge import corpus_rouge

    targets = _segments(ref)
    predictions = _segments(hyp)
    readers.check_same_length(ref, len(targets), hyp, len(predictions), "segments")
    for source, segments in ((ref, targets), (hyp, predictions)):
        _check_rouge_sizes(source, segments)
    result = corpus_rouge(targets, predictions, stem)
    return Run("rouge", result, {"targets": targets, "predictions": predictions})


def _check_rouge_sizes(source: Source, segments: Sequence[str]) -> None:
    """Refuse, at its line, a segment too long for ROUGE-L or with too many sentences for ROUGE-Lsum
    (their cost is quadratic: see `tutor.metrics.rouge.MAX_TOKENS`)."""
    from tutor.metrics.rouge import MAX_SENTENCES, MAX_TOKENS, sentence_count, tokenize

    for number, segment in enumerate(segments, 1):  # one segment per line
        tokens = len(tokenize(segment))
        if tokens > MAX_TOKENS:
            raise InputError(source.name, number, key="e.rouge_tokens", count=tokens, limit=MAX_TOKENS)
        sentences = sentence_count(segment)
        if sentences > MAX_SENTENCES:
            raise InputError(source.name, number, key="e.rouge_sentences", count=sentences, limit=MAX_SENTENCES)


def run_perplexity(source: Source) -> Run:
    """Perplexities from a file of per-token natural-log probabilities, one text per line."""
    from tutor.metrics.perplexity import perplexity

    logprobs = readers.read_logprobs(source)
    return Run("perplexity", perplexity(logprobs), {"logprobs": logprobs})
