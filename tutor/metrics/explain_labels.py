"""Reports for label-based tasks: classification, NER and extractive QA.

Each builder turns a result into a `Report`: headline numbers, tables, formulas with the
learner's counts substituted, and notes whose thresholds are chosen to flag what a teacher would
point at (a class far below the average, a precision/recall imbalance, …).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from tutor.i18n.numbers import fmt_int
from tutor.metrics.classification import Average, ClassificationResult
from tutor.metrics.ner import NerResult
from tutor.metrics.qa import QAResult, normalize_answer
from tutor.metrics.report import (
    ConfusionMatrix,
    Formula,
    Metric,
    Note,
    Report,
    Table,
    fixed,
    num,
)
from tutor.metrics.texts import counted, tr

__all__ = ["classification_report", "ner_report", "qa_report", "infer_positive"]

FAR_BELOW = 0.15  # F1 this far under the macro average is worth a note
IMBALANCE = 0.2  # |P − R| from which a class is called over- or under-predicted
MAX_CLASSES = 10  # per-class formulas shown at most for this many classes
POSITIVE_NAMES = ("1", "pos", "positive", "positif", "true", "yes", "oui", "spam")


def infer_positive(labels: Sequence[str]) -> str | None:
    """The positive class of a binary task when its name says so ("1", "pos", "true", …)."""
    if len(labels) != 2:
        return None
    found = [label for label in labels if label.lower() in POSITIVE_NAMES]
    return found[0] if len(found) == 1 else None


def _terms(values: Sequence[str], joiner: str = " + ") -> str:
    shown = list(values[:MAX_CLASSES])
    if len(values) > MAX_CLASSES:
        shown.append("…")
    return joiner.join(shown)


def _ratio(name: str, top: str, bottom: str, tp: int, other: int, value: float, lang: str) -> str:
    head = f"{name} = {top}/({top}+{bottom}) = {tp}/({tp}+{other})"
    if tp + other == 0:
        return f"{head} → {tr('f.zero_division', lang)}"
    return f"{head} = {num(value, lang=lang)}"


def _f1_text(name: str, p: float, r: float, f1: float, lang: str) -> str:
    if p + r == 0:
        return f"{name} = 2·P·R/(P+R) = 0 ({tr('f.pr_zero', lang)})"
    return (f"{name} = 2·P·R/(P+R) = 2·{num(p, lang=lang)}·{num(r, lang=lang)}/"
            f"({num(p, lang=lang)}+{num(r, lang=lang)}) = {num(f1, lang=lang)}")


def _average_rows(lang: str, micro: Average, macro: Average, weighted: Average) -> Table:
    rows = tuple(
        (tr(f"c.{name}", lang), fixed(avg.precision, lang=lang), fixed(avg.recall, lang=lang), fixed(avg.f1, lang=lang))
        for name, avg in (("micro", micro), ("macro", macro), ("weighted", weighted))
    )
    columns = (tr("c.average", lang), tr("c.precision", lang), tr("c.recall", lang), tr("c.f1", lang))
    return Table("averages", tr("t.averages", lang), columns, rows)


class _Row(Protocol):
    """What the notes need from a per-class or per-type row."""

    @property
    def precision(self) -> float: ...
    @property
    def recall(self) -> float: ...
    @property
    def f1(self) -> float: ...
    @property
    def support(self) -> int: ...
    @property
    def fp(self) -> int: ...
    @property
    def fn(self) -> int: ...


def _imbalance_notes(rows: Sequence[_Row], names: Sequence[str], lang: str, macro_f1: float) -> list[Note]:
    notes = []
    named = list(zip(names, rows, strict=True))
    for name, r in sorted((item for item in named if item[1].f1 < macro_f1 - FAR_BELOW),
                          key=lambda item: item[1].f1)[:3]:
        notes.append(Note("low_class", "warning", tr("n.low_class", lang, label=name, f1=num(r.f1, lang=lang),
                                                     macro=num(macro_f1, lang=lang))))
    # Only classes that are both present and predicted: the others get their own note.
    skewed = [item for item in named if abs(item[1].precision - item[1].recall) >= IMBALANCE
              and item[1].support and item[1].support - item[1].fn + item[1].fp]
    skewed.sort(key=lambda item: -abs(item[1].precision - item[1].recall))
    for name, r in skewed[:3]:
        key = "n.over_predicted" if r.precision < r.recall else "n.under_predicted"
        notes.append(Note(key[2:], "warning", tr(key, lang, label=name, p=num(r.precision, lang=lang),
                                                 r=num(r.recall, lang=lang), fp=r.fp, fn=r.fn)))
    return notes


def classification_report(result: ClassificationResult, lang: str,
                          positive: str | None = None) -> Report:
    """Report of a classification result; `positive` names the positive class of a binary task."""
    if positive is not None and positive not in result.labels:
        raise ValueError(f"positive label {positive!r} is not one of {list(result.labels)}")
    positive = positive or infer_positive(result.labels)
    headline = (
        Metric("accuracy", tr("m.accuracy", lang), result.accuracy, fixed(result.accuracy, lang=lang)),
        Metric("macro_f1", tr("m.macro_f1", lang), result.macro.f1, fixed(result.macro.f1, lang=lang)),
        Metric("weighted_f1", tr("m.weighted_f1", lang), result.weighted.f1, fixed(result.weighted.f1, lang=lang)),
        Metric("micro_f1", tr("m.micro_f1", lang), result.micro.f1, fixed(result.micro.f1, lang=lang)),
    )
    columns = (tr("c.class", lang), tr("c.precision", lang), tr("c.recall", lang), tr("c.f1", lang),
               tr("c.support", lang))
    per_class = Table("per_class", tr("t.per_class", lang), columns, tuple(
        (r.label, fixed(r.precision, lang=lang), fixed(r.recall, lang=lang), fixed(r.f1, lang=lang),
         fmt_int(r.support, lang))
        for r in result.per_class))
    formulas = [Formula("accuracy", f"accuracy = {tr('f.correct', lang)}/total = "
                                    f"{result.correct}/{result.total} = {num(result.accuracy, lang=lang)}")]
    for r in result.per_class[:MAX_CLASSES]:
        formulas.append(Formula(f"precision:{r.label}", _ratio(f"P({r.label})", "TP", "FP", r.tp, r.fp,
                                                               r.precision, lang)))
        formulas.append(Formula(f"recall:{r.label}", _ratio(f"R({r.label})", "TP", "FN", r.tp, r.fn,
                                                            r.recall, lang)))
        formulas.append(Formula(f"f1:{r.label}", _f1_text(f"F1({r.label})", r.precision, r.recall,
                                                          r.f1, lang)))
    k = len(result.per_class)
    for key, attr in (("macro_precision", "precision"), ("macro_recall", "recall"), ("macro_f1", "f1")):
        values = [num(getattr(r, attr), lang=lang) for r in result.per_class]
        formulas.append(Formula(key, f"{tr('f.' + key, lang)} = ({_terms(values)})/{k} = "
                                     f"{num(getattr(result.macro, attr), lang=lang)}"))
    weighted_terms = [f"{r.support}·{num(r.f1, lang=lang)}" for r in result.per_class]
    formulas.append(Formula("weighted_f1", f"{tr('f.weighted_f1', lang)} = Σ support·F1 / N = "
                                           f"({_terms(weighted_terms)})/{result.total} = "
                                           f"{num(result.weighted.f1, lang=lang)}"))
    micro = f"{result.correct}/{result.total} = {num(result.micro.f1, lang=lang)}"
    formulas.append(Formula("micro_f1", f"{tr('f.micro_f1', lang)} = ΣTP/N = {micro} = accuracy"))
    notes = _imbalance_notes(result.per_class, result.labels, lang, result.macro.f1)
    for r in result.per_class:
        if r.tp + r.fp == 0:
            notes.append(Note("never_predicted", "warning", tr("n.never_predicted", lang, label=r.label)))
    if result.accuracy - result.macro.f1 >= 0.1:
        notes.append(Note("imbalance", "warning", tr("n.imbalance", lang, accuracy=num(result.accuracy, lang=lang),
                                                     macro=num(result.macro.f1, lang=lang))))
    if not notes:
        notes.append(Note("balanced", "info", tr("n.balanced", lang)))
    errors = [(count, g, p) for g, row in zip(result.labels, result.matrix, strict=True)
              for p, count in zip(result.labels, row, strict=True) if g != p and count]
    if errors:
        count, g, p = max(errors, key=lambda e: e[0])
        notes.append(Note("confusion", "info", tr("n.confusion", lang, gold=g, pred=p, count=count)))
    if positive is not None:
        row = result.row(positive)
        notes.append(Note("binary", "info", tr("n.binary", lang, label=positive, p=num(row.precision, lang=lang),
                                               r=num(row.recall, lang=lang), f1=num(row.f1, lang=lang))))
    notes.append(Note("micro", "info", tr("n.micro", lang)))
    data = result.as_dict()
    if positive is not None:
        data["binary"] = {"positive": positive, **result.row(positive).as_dict()}
    return Report(
        task="classification", lang=lang,
        title=tr("title.classification", lang, total=counted("examples", result.total, lang),
                 classes=counted("classes", k, lang)),
        headline=headline,
        tables=(per_class, _average_rows(lang, result.micro, result.macro, result.weighted)),
        formulas=tuple(formulas), notes=tuple(notes),
        confusion=ConfusionMatrix(result.labels, result.matrix), data=data,
    )


def ner_report(result: NerResult, lang: str, other: NerResult | None = None) -> Report:
    """Report of an NER result; `other` is the same data scored in the other mode, if known."""
    mode_name = tr(f"mode.{result.mode}", lang)
    headline = (
        Metric("precision", tr("m.precision", lang), result.precision, fixed(result.precision, lang=lang)),
        Metric("recall", tr("m.recall", lang), result.recall, fixed(result.recall, lang=lang)),
        Metric("f1", tr("m.f1", lang), result.f1, fixed(result.f1, lang=lang)),
    )
    columns = (tr("c.type", lang), tr("c.precision", lang), tr("c.recall", lang), tr("c.f1", lang),
               tr("c.support", lang))
    per_type = Table("per_type", tr("t.per_type", lang), columns, tuple(
        (r.type, fixed(r.precision, lang=lang), fixed(r.recall, lang=lang), fixed(r.f1, lang=lang),
         fmt_int(r.support, lang))
        for r in result.per_type))
    formulas = []
    for r in result.per_type[:MAX_CLASSES]:
        formulas.append(Formula(f"precision:{r.type}",
                                _ratio(f"P({r.type})", "TP", "FP", r.tp, r.fp, r.precision, lang)))
        formulas.append(Formula(f"recall:{r.type}",
                                _ratio(f"R({r.type})", "TP", "FN", r.tp, r.fn, r.recall, lang)))
    formulas.append(Formula("precision", _ratio("P (micro)", "ΣTP", "ΣFP", result.tp,
                                                result.predicted - result.tp, result.precision, lang)))
    formulas.append(Formula("recall", _ratio("R (micro)", "ΣTP", "ΣFN", result.tp,
                                             result.gold - result.tp, result.recall, lang)))
    formulas.append(Formula("f1", _f1_text("F1 (micro)", result.precision, result.recall,
                                           result.f1, lang)))
    if result.per_type:
        values = [num(r.f1, lang=lang) for r in result.per_type]
        formulas.append(Formula("macro_f1", f"{tr('f.macro_f1', lang)} = ({_terms(values)})/{len(values)} = "
                                            f"{num(result.macro.f1, lang=lang)}"))
    notes = _imbalance_notes(result.per_type, [r.type for r in result.per_type], lang, result.macro.f1)
    if not result.per_type:
        notes.append(Note("no_entity", "warning", tr("n.ner.no_entity", lang)))
    if other is not None and abs(other.f1 - result.f1) > 1e-12:
        notes.append(Note("other_mode", "warning", tr(
            "n.ner.other_mode", lang, other_mode=tr(f"mode.{other.mode}", lang),
            other_f1=num(other.f1, lang=lang), f1=num(result.f1, lang=lang))))
    notes.append(Note("entity_level", "info", tr("n.ner.entity_level", lang)))
    data = result.as_dict()
    return Report(
        task="ner", lang=lang,
        title=tr("title.ner", lang, sentences=counted("sentences", result.sentences, lang), mode=mode_name),
        headline=headline,
        tables=(per_type, _average_rows(lang, result.micro, result.macro, result.weighted)),
        formulas=tuple(formulas), notes=tuple(notes), data=data,
    )


MAX_QUESTIONS = 20


def qa_report(result: QAResult, lang: str) -> Report:
    """Report of SQuAD exact match and F1, with per-question rows and F1 computations."""
    total = len(result.items)
    headline = (
        Metric("exact_match", tr("m.exact_match", lang), result.exact_match, fixed(result.exact_match, 2, lang=lang)),
        Metric("f1", tr("m.f1", lang), result.f1, fixed(result.f1, 2, lang=lang)),
    )
    columns = ("id", tr("c.prediction", lang), tr("c.best_answer", lang), tr("c.em", lang), tr("c.f1", lang))
    rows = tuple((item.id, item.prediction or tr("f.empty", lang), item.best_answer,
                  "1" if item.exact else "0", fixed(item.f1, lang=lang))
                 for item in result.items[:MAX_QUESTIONS])
    table = Table("questions", tr("t.questions", lang), columns, rows, max(0, total - MAX_QUESTIONS))
    exact = sum(item.exact for item in result.items)
    formulas = [
        Formula("exact_match", f"EM = 100·exact/total = 100·{exact}/{total} = {num(result.exact_match, 2, lang=lang)}"),
        Formula("f1", f"F1 = 100·ΣF1/total = 100·({_terms([num(i.f1, lang=lang) for i in result.items])})/{total}"
                      f" = {num(result.f1, 2, lang=lang)}"),
    ]
    partial = [item for item in result.items if 0 < item.f1 < 1][:5]
    for item in partial:
        p = item.common / item.prediction_tokens
        r = item.common / item.answer_tokens
        formulas.append(Formula(
            f"f1:{item.id}",
            f"{tr('f.question', lang, id=item.id)}: P = {item.common}/{item.prediction_tokens}, "
            f"R = {item.common}/{item.answer_tokens}, F1 = 2·{num(p, lang=lang)}·{num(r, lang=lang)}/"
            f"({num(p, lang=lang)}+{num(r, lang=lang)}) "
            f"= {num(item.f1, lang=lang)} — {tr('f.quote', lang, text=normalize_answer(item.prediction))} / "
            f"{tr('f.quote', lang, text=normalize_answer(item.best_answer))}"))
    notes = []
    if result.f1 - result.exact_match >= 10:
        notes.append(Note("partial", "warning", tr("n.qa.partial", lang, f1=num(result.f1, 1, lang=lang),
                                                   em=num(result.exact_match, 1, lang=lang))))
    zero = sum(item.f1 == 0 for item in result.items)
    if zero:
        notes.append(Note("zero", "warning", tr("n.qa.zero", lang, count=zero, total=total)))
    normalised = sum(item.exact and item.prediction not in item.answers for item in result.items)
    if normalised:
        notes.append(Note("normalised", "info", tr("n.qa.normalised", lang, count=normalised)))
    notes.append(Note("max", "info", tr("n.qa.max", lang)))
    return Report(task="qa", lang=lang, title=tr("title.qa", lang, total=counted("questions", total, lang)),
                  headline=headline,
                  tables=(table,), formulas=tuple(formulas), notes=tuple(notes), data=result.as_dict())
