"""What both writers compute the same way: Moodle's grade fractions, tolerances, hint penalties.

Moodle accepts only the grades of its menu (question_bank::fraction_options_full in
question/engine/bank.php): an import whose fraction is not one of them, within 1e-5, fails
(`match_grade_options`, "error" mode). A writer therefore rounds every credit to the nearest
allowed grade and says so when that changes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_POSITIVE = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
             0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)
#: Every fraction Moodle's question import accepts, from 1 down to -1.
MOODLE_FRACTIONS: tuple[float, ...] = (*_POSITIVE, 0.0, *(-f for f in reversed(_POSITIVE)))
_MATCH = 1e-5  # match_grade_options' tolerance


def moodle_fraction(value: float) -> tuple[float, bool]:
    """The Moodle grade nearest `value` (a fraction between -1 and 1), and whether it is `value` itself."""
    nearest = min(MOODLE_FRACTIONS, key=lambda allowed: abs(allowed - value))
    return nearest, abs(nearest - value) < _MATCH


def percent(fraction: float) -> str:
    """A fraction as Moodle writes a grade in percent: `100`, `50`, `33.33333`, `-25`."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class ChoiceGrade:
    """One option of a choice question with the grade Moodle gets for it."""

    option: Any  # tutor.quiz.model.Option
    fraction: float  # what Moodle is given (one of MOODLE_FRACTIONS)
    exact: bool  # False: tutor's credit had to be rounded to Moodle's nearest grade


def choice_grades(question: Any) -> list[ChoiceGrade]:
    """Each option's grade as Moodle needs it.

    single: 1 for the correct option, 0 for the others. multiple: the option's `credit`, else tutor's
    default share (1/k for each of the k correct options, -1/k for a wrong one) — Moodle grades a
    multiple-answer question the same way (the sum of the chosen fractions, between 0 and 1).
    """
    if question.type == "single":
        return [ChoiceGrade(o, 1.0 if o.correct else 0.0, True) for o in question.options]
    share = 1.0 / max(1, sum(1 for o in question.options if o.correct))
    grades = []
    for option in question.options:
        wanted = option.credit if option.credit is not None else (share if option.correct else -share)
        fraction, exact = moodle_fraction(wanted)
        grades.append(ChoiceGrade(option, fraction, exact))
    return grades


def absolute_tolerance(question: Any) -> float:
    """A numeric question's tolerance in the answer's unit (Moodle's tolerance is absolute, "nominal")."""
    if question.tolerance is not None:
        return float(question.tolerance)
    return abs(float(question.answer)) * float(question.relative_tolerance or 0.0)


def number_text(value: float) -> str:
    """A number as Moodle reads it (a point, no thousands separator, no exponent for usual values)."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def hint_penalty(question: Any) -> tuple[float, bool]:
    """Moodle's penalty for a question with hints, and whether it says exactly what tutor's hints cost.

    Moodle shows hint k after the k-th wrong try and takes `penalty` of the mark for each try; tutor
    takes each hint's `cost` in points. The same when every hint costs `penalty × points`; otherwise
    the first hint's cost decides, rounded to Moodle's grades like any fraction.
    """
    if not question.hints:
        return 0.3333333, True  # Moodle's default
    wanted = question.hints[0].cost / question.points
    fraction, exact = moodle_fraction(wanted)
    fraction = max(0.0, fraction)
    same = all(abs(h.cost - question.hints[0].cost) < 1e-9 for h in question.hints)
    return fraction, exact and same


def option_credits(fractions: list[float]) -> list[float | None]:
    """A multiple-answer question's per-option `credit` read back from Moodle's fractions.

    Options with a positive fraction are the correct ones. When every fraction is tutor's default
    share (1/k for each of the k correct options, -1/k for a wrong one, within Moodle's rounding),
    no option needs a `credit` (all None); otherwise each option keeps its fraction as its credit.
    """
    correct = sum(1 for fraction in fractions if fraction > 0)
    share = 1.0 / max(1, correct)
    default = all(abs(f - (share if f > 0 else -share)) < 1e-5 for f in fractions)
    return [None] * len(fractions) if default else [round(f, 7) for f in fractions]
