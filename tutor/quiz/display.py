"""Answers as text, for feedback, results and exports (the words for true/false per language)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tutor.i18n.numbers import fmt
from tutor.quiz.grading import format_number, parse_number, right_answer
from tutor.quiz.model import Question

TRUE_FALSE = {"fr": ("Vrai", "Faux"), "en": ("True", "False")}
NO_ANSWER = {"fr": "(pas de réponse)", "en": "(no answer)"}


def format_points(value: float, lang: str = "en") -> str:
    """Points as people write them in `lang`: 2, 1,5 / 1.5, 4,73 (never 4.73333 nor 2.0)."""
    return fmt(round(value, 2), lang)


def answer_text(question: Question, answer: Any, lang: str, shown: Sequence[str] = ()) -> str:
    """What the learner answered, in words; choices in the order they were `shown` (option ids)."""
    if answer is None or answer == "" or answer == [] or answer == {}:
        return NO_ANSWER.get(lang, NO_ANSWER["en"])
    kind = question.type
    if kind in ("single", "multiple"):
        picked = [answer] if isinstance(answer, str) else list(answer)
        rank = {option_id: index for index, option_id in enumerate(shown)}
        options = sorted(question.options, key=lambda o: rank.get(o.id, len(rank)))
        return " ; ".join(o.text for o in options if o.id in picked) or str(answer)
    if kind == "truefalse":
        words = TRUE_FALSE.get(lang, TRUE_FALSE["en"])
        return words[0] if answer is True else words[1] if answer is False else str(answer)
    if kind == "numeric":
        value = parse_number(answer, lang) if isinstance(answer, str) else answer
        if isinstance(value, (int, float)):
            shown = format_number(float(value), question, lang)
            return f"{shown} {question.unit}".strip() if question.unit else shown
        return str(answer)
    if kind == "ordering":
        texts = {item.id: item.text for item in question.items}
        return " → ".join(texts.get(i, i) for i in answer)
    if kind == "matching" and isinstance(answer, Mapping):
        rights = dict(question.right_choices())
        return " ; ".join(f"{p.left} → {rights.get(answer.get(p.id, ''), '?')}" for p in question.pairs)
    return str(answer)


def expected_text(question: Question, lang: str) -> str:
    """The right answer, in words."""
    return right_answer(question, TRUE_FALSE.get(lang, TRUE_FALSE["en"]), lang=lang)


def format_clock(seconds: float) -> str:
    """A countdown as mm:ss (or h:mm:ss), the same in both languages."""
    whole = int(max(0, seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def resume_clock_note(rule: str, time_left: float, lang: str) -> str:
    """What the resume prompt says of a timed exam's clock under `rule` (see `EXAM_CLOCKS`)."""
    from tutor.i18n.catalogue import t

    if rule == "deadline":
        return t("quiz.resume_deadline", lang, time=format_clock(time_left))
    return t("quiz.resume_clock", lang)
