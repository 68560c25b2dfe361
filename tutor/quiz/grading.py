"""Grading what the learner answered: points, partial credit, tolerance, hint costs.

Answers by question type:
- single: an option id; multiple: a collection of option ids; truefalse: a bool;
- numeric: a float (`numeric_answer`), or the learner's text (read by `parse_number`; check it first
  with `numeric_problem`, so a typo costs nothing); ordering: item ids in order;
- matching: a mapping pair id → chosen right-hand id (see `Question.right_choices`); short: text.
A missing or malformed answer scores 0; grading never raises.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt, read_number
from tutor.quiz.model import Question


@dataclass(frozen=True)
class Grade:
    """The outcome of one answer."""

    earned: float  # points after hint costs, never below 0
    max_points: float
    credit: float  # fraction of the question earned by the answer itself, 0..1
    hint_cost: float
    feedback: tuple[str, ...] = ()

    @property
    def correct(self) -> bool:
        """Fully right (hints aside)."""
        return self.credit >= 1 - 1e-9

    @property
    def partial(self) -> bool:
        """Partly right."""
        return 0 < self.credit < 1 - 1e-9


# What phones, word processors and French keyboards type in place of the plain characters: ligatures
# (NFKD does not split œ and æ), typographic apostrophes and primes, every dash and hyphen, and the
# no-break and thin spaces. Without this table "cœur", "fine‑tuning" (U+2011) or "l’apprentissage"
# would be marked wrong against "coeur", "fine-tuning" and "l'apprentissage".
_FOLD = str.maketrans({
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae",
    "’": "'", "ʼ": "'", "‘": "'", "′": "'", "`": "'", "´": "'", "‛": "'", "＇": "'",
    "-": " ", "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " ", "\u2015": " ",
    "\u2212": " ", "\u2043": " ", "\ufe58": " ", "\ufe63": " ", "\uff0d": " ", "\u00ad": "",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\u200b": "", "\u2060": "", "\ufeff": "",
})


def fold_text(text: str) -> str:
    """`text` lowercased, without accents, ligatures split (œ → oe, æ → ae), every apostrophe the
    plain one, every dash and hyphen a space, every special space a plain one (nothing else changes)."""
    folded = text.casefold().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD)


def normalize_text(text: str) -> str:
    """A short answer as compared: `fold_text`, spacing collapsed, punctuation trimmed at both ends."""
    plain = " ".join(fold_text(text).split())
    return plain.strip(" .,;:!?«»\"'()[]")


def parse_number(text: str, lang: str = "fr") -> float | None:
    """A number typed by a learner, read as `lang` writes it (`tutor.i18n.numbers.read_number`):
    `0.727`, `0,727`, `1 875` (any space), `−3`, `1e-5`, `72,7 %`, `4.0 tokens`; None otherwise,
    including the ambiguous `1.875,5`."""
    return read_number(text, lang).value


def numeric_problem(text: str, lang: str) -> str | None:
    """What is wrong with `text` as the answer to a numeric question, in words for the learner, or
    None when it is a number. Call it before grading: a typo must not cost points.

    The message is the one plain mode shows ("« abc » n'est pas un nombre. Exemples : …").
    """
    problem = read_number(text, lang).problem
    return None if problem is None else t(problem, lang, text=text.strip())


def numeric_answer(text: str, lang: str) -> float | None:
    """The value of a typed numeric answer read in `lang` (None when `numeric_problem` says why not).

    Submitting this value rather than the text makes the grade independent of the language the
    grader assumes: "1,875" is 1.875 in French and 1875 in English.
    """
    return read_number(text, lang).value


def _within(question: Question, value: float) -> bool:
    expected = float(question.answer)
    if question.tolerance is not None:
        allowed = question.tolerance
    else:
        allowed = abs(expected) * (question.relative_tolerance or 0.0)
    # A hair of slack so a bound written in decimal (0.5 ± 0.05) is inclusive despite binary floats.
    return abs(value - expected) <= allowed + 1e-12 * max(1.0, abs(expected))


def _choice_credit(question: Question, picked: set[str]) -> tuple[float, list[str]]:
    feedback = [o.feedback for o in question.options if o.id in picked and o.feedback]
    if question.type == "single":
        option = question.option(next(iter(picked))) if len(picked) == 1 else None
        return (1.0 if option is not None and option.correct else 0.0), feedback
    right = [o for o in question.options if o.correct]
    share = 1.0 / len(right)
    total = 0.0
    for option in question.options:
        if option.id in picked:
            default = share if option.correct else -share
            total += default if option.credit is None else option.credit
    return min(1.0, max(0.0, total)), feedback


def answer_credit(question: Question, answer: Any, lang: str = "fr") -> tuple[float, list[str]]:
    """Fraction of the question the answer earns (0..1), and the feedback of picked options.

    A numeric answer given as text is read as `lang` writes numbers (French by default, as the
    interface: "294,912" is 294.912 there); give the value itself (`numeric_answer`) to avoid
    depending on it."""
    kind = question.type
    try:
        if kind in ("single", "multiple"):
            picked = {answer} if isinstance(answer, str) else set(answer or ())
            return _choice_credit(question, picked)
        if kind == "truefalse":
            return (1.0 if isinstance(answer, bool) and answer == question.answer else 0.0), []
        if kind == "numeric":
            value = parse_number(answer, lang) if isinstance(answer, str) else answer
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                return 0.0, []
            try:
                value = float(value)
            except OverflowError:  # an int beyond any float (10**400, say from a stored answer): wrong
                return 0.0, []
            if not math.isfinite(value):
                return 0.0, []
            return (1.0 if _within(question, value) else 0.0), []
        if kind == "ordering":
            return (1.0 if list(answer or ()) == [i.id for i in question.items] else 0.0), []
        if kind == "matching":
            chosen: Mapping[str, str] = answer if isinstance(answer, Mapping) else {}
            right = sum(1 for pair in question.pairs if chosen.get(pair.id) == pair.id)
            return right / len(question.pairs), []
        if kind == "short":
            given = normalize_text(answer) if isinstance(answer, str) else ""
            accepted = {normalize_text(a) for a in question.answers}
            return (1.0 if given and given in accepted else 0.0), []
    except TypeError:  # an answer of the wrong shape (e.g. a number for an ordering)
        return 0.0, []
    return 0.0, []


def grade(question: Question, answer: Any, hints_used: int = 0, lang: str = "fr") -> Grade:
    """Grade `answer` to `question`, taking `hints_used` hints into account (`lang`: see `answer_credit`)."""
    credit, feedback = answer_credit(question, answer, lang)
    hint_cost = sum(h.cost for h in question.hints[: max(0, hints_used)])
    earned = max(0.0, credit * question.points - hint_cost)
    return Grade(round(earned, 6), question.points, credit, hint_cost, tuple(feedback))


def answer_decimals(question: Question) -> int:
    """How many decimals the question's tolerance makes meaningful (3 without a tolerance, at most 6)."""
    step = question.tolerance or abs(float(question.answer)) * (question.relative_tolerance or 0.0)
    return 3 if step <= 0 else min(6, max(0, -math.floor(math.log10(step))))


def format_number(value: float, question: Question, lang: str | None = None) -> str:
    """`value` with as many decimals as the question's tolerance makes meaningful, written in `lang`
    (`tutor.i18n.numbers.fmt`: 0,727 and 294 912 in French, 0.727 and 294,912 in English).

    Without `lang`: a decimal point and narrow no-break spaces between thousands (0.727, 294 912),
    which both languages read back as the same number.
    """
    whole = value == int(value) and abs(value) < 1e15
    if lang is not None:
        return fmt(value, lang, 0 if whole else answer_decimals(question))
    if whole:
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:.{answer_decimals(question)}f}"


def right_answer(question: Question, true_false: tuple[str, str] = ("true", "false"), lang: str | None = None) -> str:
    """The expected answer, as text to show after grading (`true_false`: the words for a boolean;
    `lang`: how a number is written, see `format_number`)."""
    kind = question.type
    if kind in ("single", "multiple"):
        return " ; ".join(o.text for o in question.options if o.correct)
    if kind == "truefalse":
        return true_false[0] if question.answer else true_false[1]
    if kind == "numeric":
        shown = format_number(float(question.answer), question, lang)
        if not question.unit:
            return shown
        return f"{shown}\u00a0{question.unit}" if lang else f"{shown} {question.unit}"  # unit never alone on a line
    if kind == "ordering":
        return " → ".join(i.text for i in question.items)
    if kind == "matching":
        return " ; ".join(f"{p.left} → {p.right}" for p in question.pairs)
    return question.answers[0] if question.answers else ""
