"""Answers as text, for feedback, results and exports (the words for true/false per language)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tutor.quiz.grading import format_number, parse_number, right_answer
from tutor.quiz.model import Question

TRUE_FALSE = {"fr": ("Vrai", "Faux"), "en": ("True", "False")}
NO_ANSWER = {"fr": "(pas de réponse)", "en": "(no answer)"}


def format_points(value: float) -> str:
    """Points as people write them: 2, 1.5, 4.73 (never 4.73333 nor 2.0)."""
    return f"{round(value, 2):g}"


def answer_text(question: Question, answer: Any, lang: str) -> str:
    """What the learner answered, in words."""
    if answer is None or answer == "" or answer == [] or answer == {}:
        return NO_ANSWER.get(lang, NO_ANSWER["en"])
    kind = question.type
    if kind in ("single", "multiple"):
        picked = [answer] if isinstance(answer, str) else list(answer)
        return " ; ".join(o.text for o in question.options if o.id in picked) or str(answer)
    if kind == "truefalse":
        words = TRUE_FALSE.get(lang, TRUE_FALSE["en"])
        return words[0] if answer is True else words[1] if answer is False else str(answer)
    if kind == "numeric":
        value = parse_number(answer) if isinstance(answer, str) else answer
        if isinstance(value, (int, float)):
            shown = format_number(float(value), question)
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
    return right_answer(question, TRUE_FALSE.get(lang, TRUE_FALSE["en"]))
