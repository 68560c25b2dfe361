"""Grading what the learner answered: points, partial credit, tolerance, hint costs.

Answers by question type:
- single: an option id; multiple: a collection of option ids; truefalse: a bool;
- numeric: a float (see `parse_number` for the learner's text); ordering: item ids in order;
- matching: a mapping pair id → chosen right-hand id (see `Question.right_choices`); short: text.
A missing or malformed answer scores 0; grading never raises.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tutor.quiz.model import Question

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$")


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


def normalize_text(text: str) -> str:
    """Lowercase, without accents, spacing collapsed, punctuation trimmed at both ends."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("’", "'").replace("-", " ")
    plain = " ".join(plain.split())
    return plain.strip(" .,;:!?«»\"'()[]")


def parse_number(text: str) -> float | None:
    """A number typed by a learner: `0.727`, `0,727`, `1 875`, `1e-5`, `72.7 %`, `4.0 tokens`."""
    cleaned = text.strip().lower().replace("\u202f", "").replace("\u00a0", "")
    if not _NUMBER.match(cleaned):
        cleaned = re.sub(r"\D+$", "", cleaned)  # a trailing unit: "%", "steps", "paramètres"
    cleaned = cleaned.replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    elif "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(",", "")  # 1,875.5: thousands separators
    if not _NUMBER.match(cleaned):
        return None
    value = float(cleaned)
    return value if math.isfinite(value) else None


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


def answer_credit(question: Question, answer: Any) -> tuple[float, list[str]]:
    """Fraction of the question the answer earns (0..1), and the feedback of picked options."""
    kind = question.type
    try:
        if kind in ("single", "multiple"):
            picked = {answer} if isinstance(answer, str) else set(answer or ())
            return _choice_credit(question, picked)
        if kind == "truefalse":
            return (1.0 if isinstance(answer, bool) and answer == question.answer else 0.0), []
        if kind == "numeric":
            value = parse_number(answer) if isinstance(answer, str) else answer
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            return (1.0 if ok and _within(question, float(value)) else 0.0), []
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


def grade(question: Question, answer: Any, hints_used: int = 0) -> Grade:
    """Grade `answer` to `question`, taking `hints_used` hints into account."""
    credit, feedback = answer_credit(question, answer)
    hint_cost = sum(h.cost for h in question.hints[: max(0, hints_used)])
    earned = max(0.0, credit * question.points - hint_cost)
    return Grade(round(earned, 6), question.points, credit, hint_cost, tuple(feedback))


def format_number(value: float, question: Question) -> str:
    """`value` with as many decimals as the question's tolerance makes meaningful."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}".replace(",", "\u202f")
    step = question.tolerance or abs(float(question.answer)) * (question.relative_tolerance or 0.0)
    decimals = 3 if step <= 0 else min(6, max(0, -math.floor(math.log10(step))))
    return f"{value:.{decimals}f}"


def right_answer(question: Question, true_false: tuple[str, str] = ("true", "false")) -> str:
    """The expected answer, as text to show after grading (`true_false`: the words for a boolean)."""
    kind = question.type
    if kind in ("single", "multiple"):
        return " ; ".join(o.text for o in question.options if o.correct)
    if kind == "truefalse":
        return true_false[0] if question.answer else true_false[1]
    if kind == "numeric":
        shown = format_number(float(question.answer), question)
        return f"{shown} {question.unit}".strip() if question.unit else shown
    if kind == "ordering":
        return " → ".join(i.text for i in question.items)
    if kind == "matching":
        return " ; ".join(f"{p.left} → {p.right}" for p in question.pairs)
    return question.answers[0] if question.answers else ""
