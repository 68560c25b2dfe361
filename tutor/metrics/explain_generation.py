"""Reports for generation metrics: BLEU, ROUGE and perplexity (see `report` for the model)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from tutor.i18n.numbers import fmt_int
from tutor.metrics.bleu import BleuResult
from tutor.metrics.perplexity import PerplexityResult
from tutor.metrics.report import Formula, Metric, Note, Report, Table, fixed, num
from tutor.metrics.rouge import (
    ROUGE_TYPES,
    RougeResult,
    RougeScore,
    lcs_tokens,
    tokenize,
)
from tutor.metrics.texts import counted, tr

__all__ = ["bleu_report", "rouge_report", "perplexity_report"]

MAX_ROWS = 20
MAX_TERMS = 6
ROUGE_NAMES = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L", "rougeLsum": "ROUGE-Lsum"}


def _terms(values: Sequence[str], joiner: str = " + ") -> str:
    shown = list(values[:MAX_TERMS])
    if len(values) > MAX_TERMS:
        shown.append("…")
    return joiner.join(shown)


def bleu_report(result: BleuResult, lang: str, segments: int = 0, refs: int = 1) -> Report:
    """Report of corpus BLEU: n-gram precisions (matches/total), brevity penalty, the product."""
    headline = (
        Metric("bleu", tr("m.bleu", lang), result.bleu, fixed(result.bleu, 2, lang=lang)),
        Metric("bp", tr("m.bp", lang), result.bp, fixed(result.bp, lang=lang)),
        Metric("sys_len", tr("m.sys_len", lang), result.sys_len, fmt_int(result.sys_len, lang)),
        Metric("ref_len", tr("m.ref_len", lang), result.ref_len, fmt_int(result.ref_len, lang)),
    )
    columns = ("n", tr("c.matches", lang), tr("c.total", lang), tr("c.precision", lang))
    table = Table("ngrams", tr("t.ngrams", lang), columns, tuple(
        (str(n + 1), fmt_int(result.counts[n], lang), fmt_int(result.totals[n], lang),
         fixed(result.precisions[n], 2, lang=lang))
        for n in range(len(result.counts))))
    formulas = []
    doublings = 0
    for n, (count, total, precision) in enumerate(zip(result.counts, result.totals, result.precisions, strict=True), 1):
        if total == 0:
            text = f"p{n} = 0/0 → 0"
        elif count == 0 and result.smoothed[n - 1]:
            doublings += 1
            text = f"p{n} = 1/(2^{doublings}·{total}) = {num(precision / 100, lang=lang)} ({tr('f.smoothed', lang)})"
        else:
            text = f"p{n} = {count}/{total} = {num(precision / 100, lang=lang)}"
        formulas.append(Formula(f"p{n}", text))
    c, r = result.sys_len, result.ref_len
    if c == 0:
        bp_text = "BP = 0 (c = 0)"
    elif c < r:
        bp_text = f"BP = exp(1 − r/c) = exp(1 − {r}/{c}) = {num(result.bp, lang=lang)}"
    else:
        bp_text = f"BP = 1 ({tr('f.no_penalty', lang)}, c = {c}, r = {r})"
    formulas.append(Formula("bp", bp_text))
    product = "·".join(num(p / 100, lang=lang) for p in result.precisions)
    order = len(result.precisions)
    formulas.append(Formula("bleu", f"BLEU = 100·BP·(p1·…·p{order})^(1/{order}) = 100·{num(result.bp, lang=lang)}·"
                                    f"({product})^(1/{order}) = {num(result.bleu, 2, lang=lang)}"))
    notes = []
    if not any(result.counts):
        notes.append(Note("zero", "warning", tr("n.bleu.zero", lang)))
    if 0 < c < r and result.bp < 0.99:
        notes.append(Note("bp", "warning", tr("n.bleu.bp", lang, c=c, r=r, bp=num(result.bp, lang=lang),
                                               loss=num(100 * (1 - result.bp), 1, lang=lang))))
    if r and result.ratio > 1.2:
        notes.append(Note("long", "info", tr("n.bleu.long", lang, ratio=num(result.ratio, 2, lang=lang))))
    p1, p4 = result.precisions[0], result.precisions[-1]
    if any(result.counts) and p4 < p1 / 3:
        notes.append(Note("order", "warning",
                          tr("n.bleu.order", lang, p1=num(p1, 1, lang=lang), p4=num(p4, 1, lang=lang))))
    smoothed = [n + 1 for n, flag in enumerate(result.smoothed) if flag]
    if smoothed:
        notes.append(Note("smoothing", "info", tr("n.bleu.smoothing", lang, n=smoothed[0])))
    notes.append(Note("corpus", "info", tr("n.bleu.corpus", lang)))
    if refs == 1:
        notes.append(Note("one_ref", "info", tr("n.bleu.one_ref", lang)))
    data = result.as_dict()
    return Report(task="bleu", lang=lang,
                  title=tr("title.bleu", lang, segments=counted("segments", segments, lang),
                           refs=counted("refs", refs, lang)),
                  headline=headline, tables=(table,), formulas=tuple(formulas), notes=tuple(notes),
                  data=data)


def _prf_formula(name: str, score: RougeScore, lang: str) -> str:
    # French decimals use the comma: the three computations are separated by " ; " there.
    separator = " ; " if lang == "fr" else ", "
    colon = " : " if lang == "fr" else ": "
    return (f"{name}{colon}P = {score.matches}/{score.prediction_total} = {num(score.precision, lang=lang)}"
            f"{separator}R = {score.matches}/{score.target_total} = {num(score.recall, lang=lang)}"
            f"{separator}F = 2·P·R/(P+R) = {num(score.fmeasure, lang=lang)}")


def rouge_report(result: RougeResult, lang: str, targets: Sequence[str] = (),
                 predictions: Sequence[str] = ()) -> Report:
    """Report of ROUGE means, per-pair F and, for the first pairs, the computation and the LCS."""
    headline = tuple(Metric(key, f"{ROUGE_NAMES[key]} F", result.mean[key].fmeasure,
                            fixed(result.mean[key].fmeasure, lang=lang)) for key in ROUGE_TYPES)
    columns = ("", tr("c.precision", lang), tr("c.recall", lang), "F")
    means = Table("means", tr("t.averages", lang), columns, tuple(
        (ROUGE_NAMES[key], fixed(result.mean[key].precision, lang=lang), fixed(result.mean[key].recall, lang=lang),
         fixed(result.mean[key].fmeasure, lang=lang)) for key in ROUGE_TYPES))
    pair_rows = tuple((str(i), *(fixed(pair[key].fmeasure, lang=lang) for key in ROUGE_TYPES))
                      for i, pair in enumerate(result.pairs[:MAX_ROWS], 1))
    pairs = Table("pairs", tr("t.pairs", lang), (tr("c.pair", lang), *(ROUGE_NAMES[k] for k in ROUGE_TYPES)),
                  pair_rows, max(0, len(result.pairs) - MAX_ROWS))
    formulas = []
    for i, pair in enumerate(result.pairs[:3], 1):
        where = tr("f.pair", lang, index=i)
        for key in ("rouge1", "rouge2", "rougeL"):
            formulas.append(Formula(f"{key}:{i}", _prf_formula(f"{ROUGE_NAMES[key]} ({where})", pair[key], lang)))
        if i <= len(targets) and i <= len(predictions):
            common = lcs_tokens(tokenize(targets[i - 1], result.stemmed),
                                tokenize(predictions[i - 1], result.stemmed))
            quoted = tr("f.quote", lang, text=" ".join(common))
            formulas.append(Formula(f"lcs:{i}", f"LCS ({where}, {tr('f.lcs', lang)}) = "
                                                f"{quoted} ({len(common)})"))
    for key in ROUGE_TYPES:
        values = [num(pair[key].fmeasure, lang=lang) for pair in result.pairs]
        formulas.append(Formula(f"mean:{key}", f"{ROUGE_NAMES[key]} F = ({_terms(values)})/"
                                               f"{len(values)} = {num(result.mean[key].fmeasure, lang=lang)}"))
    notes = []
    r1, r2 = result.mean["rouge1"], result.mean["rouge2"]
    p_r = {"p": num(r1.precision, lang=lang), "r": num(r1.recall, lang=lang)}
    if r1.precision - r1.recall >= 0.15:
        notes.append(Note("short", "warning", tr("n.rouge.short", lang, **p_r)))
    elif r1.recall - r1.precision >= 0.15:
        notes.append(Note("long", "warning", tr("n.rouge.long", lang, **p_r)))
    if r1.fmeasure > 0 and r2.fmeasure < r1.fmeasure / 2:
        notes.append(Note("bigram_gap", "warning", tr("n.rouge.bigram_gap", lang, r1=num(r1.fmeasure, lang=lang),
                                                       r2=num(r2.fmeasure, lang=lang))))
    if not result.stemmed:
        notes.append(Note("no_stem", "info", tr("n.rouge.no_stem", lang)))
    if any(not text.isascii() for text in (*targets, *predictions)):
        notes.append(Note("ascii", "info", tr("n.rouge.ascii", lang)))
    notes.append(Note("lsum", "info", tr("n.rouge.lsum", lang)))
    stem = tr("title.rouge.stem", lang) if result.stemmed else ""
    return Report(task="rouge", lang=lang,
                  title=tr("title.rouge", lang, pairs=counted("pairs", len(result.pairs), lang), stem=stem),
                  headline=headline, tables=(means, pairs), formulas=tuple(formulas),
                  notes=tuple(notes), data=result.as_dict())


def perplexity_report(result: PerplexityResult, lang: str,
                      logprobs: Sequence[Sequence[float]] = ()) -> Report:
    """Report of per-text, mean and corpus perplexity, with the exp(mean NLL) computations."""
    headline = (
        Metric("mean_perplexity", tr("m.mean_perplexity", lang), result.mean_perplexity,
               fixed(result.mean_perplexity, 2, lang=lang)),
        Metric("corpus_perplexity", tr("m.corpus_perplexity", lang), result.corpus_perplexity,
               fixed(result.corpus_perplexity, 2, lang=lang)),
    )
    columns = (tr("c.text", lang), tr("c.tokens", lang), "NLL/n", tr("c.perplexity", lang))
    table = Table("texts", tr("t.texts", lang), columns, tuple(
        (str(i), fmt_int(t.tokens, lang), fixed(t.mean_nll, lang=lang), fixed(t.perplexity, 2, lang=lang))
        for i, t in enumerate(result.texts[:MAX_ROWS], 1)), max(0, len(result.texts) - MAX_ROWS))
    formulas = []
    for i, text in enumerate(result.texts[:3], 1):
        terms = (_terms([num(-v, lang=lang) for v in logprobs[i - 1]]) if i <= len(logprobs)
                 else num(text.nll, lang=lang))
        formulas.append(Formula(f"text:{i}", f"PPL({tr('f.text', lang, index=i)}) = exp(−Σ log p / n) = "
                                             f"exp(({terms})/{text.tokens}) = exp({num(text.mean_nll, lang=lang)}) = "
                                             f"{num(text.perplexity, 2, lang=lang)}"))
    values = [num(t.perplexity, 2, lang=lang) for t in result.texts]
    formulas.append(Formula("mean_perplexity", f"{tr('f.mean_perplexity', lang)} = ({_terms(values)})/{len(values)} = "
                                               f"{num(result.mean_perplexity, 2, lang=lang)}"))
    formulas.append(Formula("corpus_perplexity",
                            f"{tr('f.corpus', lang)} = exp(ΣNLL/Σn) = exp({num(result.nll, lang=lang)}/"
                                                 f"{result.tokens}) = {num(result.corpus_perplexity, 2, lang=lang)}"))
    notes = []
    mean, corpus = result.mean_perplexity, result.corpus_perplexity
    if abs(mean - corpus) > 0.1 * corpus:
        notes.append(Note("gap", "warning",
                          tr("n.ppl.gap", lang, mean=num(mean, 2, lang=lang), corpus=num(corpus, 2, lang=lang))))
    if len(result.texts) > 1:
        index, worst = max(enumerate(result.texts, 1), key=lambda item: item[1].perplexity)
        notes.append(Note("worst", "info", tr("n.ppl.worst", lang, index=index,
                                              ppl=num(worst.perplexity, 2, lang=lang), tokens=worst.tokens)))
    if math.isfinite(corpus):
        notes.append(Note("meaning", "info", tr("n.ppl.meaning", lang, ppl=num(corpus, 1, lang=lang))))
    if not all(math.isfinite(value) for value in (mean, corpus, *result.per_text)):
        notes.append(Note("overflow", "warning", tr("n.ppl.overflow", lang)))
    return Report(task="perplexity", lang=lang,
                  title=tr("title.perplexity", lang, texts=counted("texts", len(result.texts), lang),
                           tokens=counted("tokens", result.tokens, lang)),
                  headline=headline, tables=(table,), formulas=tuple(formulas), notes=tuple(notes),
                  data=result.as_dict())
