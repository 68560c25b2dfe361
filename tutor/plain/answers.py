"""How each question type is shown as numbered lines, and how a typed line becomes an answer.

The answers have exactly the shapes the full-screen app submits (an option id, a set of ids, a
bool, item ids in order, a pair → choice mapping, the typed text), so the quiz core grades them
the same. A line that cannot be an answer gives a message saying why, never an exception.
"""

from __future__ import annotations

import re
import string
from typing import Any

from tutor.plain.console import WIDTH, wrap
from tutor.plain.render import prose
from tutor.plain.words import w
from tutor.quiz.display import TRUE_FALSE
from tutor.quiz.grading import numeric_answer, numeric_problem
from tutor.quiz.model import Question
from tutor.quiz.session import QuizSession

LETTERS = string.ascii_lowercase
_SEPARATORS = re.compile(r"[\s,;]+")
_TRUE_WORDS = {"true", "t", "vrai", "v", "yes", "oui"}
_FALSE_WORDS = {"false", "f", "faux", "no", "non"}


class Invalid(Exception):
    """A typed line that is not an answer; the message says why."""


def _choices(question: Question, session: QuizSession, lang: str) -> list[tuple[str, str]]:
    if question.type == "truefalse":
        words = TRUE_FALSE.get(lang, TRUE_FALSE["en"])
        return [("true", words[0]), ("false", words[1])]
    return [(o.id, o.text) for o in session.options(question)]


def _numbered(texts: list[str], width: int, marks: str | None = None) -> list[str]:
    lines: list[str] = []
    for index, text in enumerate(texts):
        mark = marks[index] if marks else str(index + 1)
        prefix = f"{mark}. "
        lines += wrap(prefix + text, hanging=" " * len(prefix), width=width)
    return lines


def example_numbers(count: int) -> str:
    """An example answer for an ordering question of `count` items ("3 1 2")."""
    numbers = list(range(1, count + 1))
    return " ".join(str(n) for n in (numbers[-1:] + numbers[:-1])) if count > 1 else "1"


def instruction(question: Question, lang: str) -> str:
    """One line telling how to type the answer."""
    kind = question.type
    if kind in ("single", "truefalse"):
        return w("ask.single", lang)
    if kind == "multiple":
        return w("ask.multiple", lang)
    if kind == "ordering":
        return w("ask.ordering", lang, example=example_numbers(len(question.items)))
    if kind == "matching":
        count = len(question.pairs)
        example = " ".join(LETTERS[(i + 1) % count] for i in range(count)) if count > 1 else "a"
        return w("ask.matching", lang, example=example)
    if kind == "numeric":
        return w("ask.numeric", lang, unit=w("ask.unit", lang, unit=question.unit) if question.unit else "")
    return w("ask.short", lang)


def answer_lines(question: Question, session: QuizSession, lang: str, width: int = WIDTH) -> list[str]:
    """The numbered choices (or items, or texts and lettered choices) to answer from."""
    kind = question.type
    if kind in ("single", "multiple", "truefalse"):
        return _numbered([prose(text, lang) for _, text in _choices(question, session, lang)], width)
    if kind == "ordering":
        return [w("label.items", lang), *_numbered([prose(i.text, lang) for i in session.items(question)], width)]
    if kind == "matching":
        rights = [prose(text, lang) for _, text in session.right_choices(question)]
        return [w("label.lefts", lang), *_numbered([prose(p.left, lang) for p in question.pairs], width),
                w("label.rights", lang), *_numbered(rights, width, LETTERS[: len(rights)])]
    return []


def _whole(token: str) -> int | None:
    """`token` as a choice number, or None when it is not one. Only decimal digits (not "²"), and
    at most 9 of them: int() raises ValueError past 4,300 digits, and no list has a billion lines."""
    if not token.isdecimal() or len(token) > 9:
        return None
    return int(token)


def _tokens(text: str, count: int, several: bool) -> list[str]:
    tokens = [tok for tok in _SEPARATORS.split(text.strip()) if tok]
    whole = _whole(tokens[0]) if len(tokens) == 1 else None
    if several and len(tokens) == 1 and tokens[0].isdecimal() and (whole is None or whole > count):
        digits = list(tokens[0])
        if all(1 <= int(d) <= count for d in digits):
            return digits  # "312" for "3 1 2", when it cannot be one number
    return tokens


def _numbers(text: str, count: int, lang: str, several: bool = True) -> list[int]:
    numbers = []
    for token in _tokens(text, count, several):
        number = _whole(token)
        if number is None:  # a word, "²", or a number longer than any list: not a choice
            shown = token if len(token) <= 20 else token[:19] + "…"
            raise Invalid(w("err.not_number", lang, text=shown, count=count))
        if not 1 <= number <= count:
            raise Invalid(w("err.range", lang, number=number, count=count))
        numbers.append(number)
    return numbers


def _choice_answer(question: Question, session: QuizSession, text: str, lang: str) -> Any:
    choices = _choices(question, session, lang)
    if question.type == "truefalse" and text.strip().casefold() in _TRUE_WORDS | _FALSE_WORDS:
        return text.strip().casefold() in _TRUE_WORDS
    numbers = _numbers(text, len(choices), lang, several=question.type == "multiple")
    if question.type == "multiple":
        return {choices[n - 1][0] for n in numbers}
    if len(numbers) != 1:
        raise Invalid(w("err.one", lang, count=len(choices)))
    picked = choices[numbers[0] - 1][0]
    return picked == "true" if question.type == "truefalse" else picked


def _ordering_answer(question: Question, session: QuizSession, text: str, lang: str) -> list[str]:
    items = session.items(question)
    numbers = _numbers(text, len(items), lang)
    for number in numbers:
        if numbers.count(number) > 1:
            raise Invalid(w("err.twice", lang, number=number))
    if len(numbers) != len(items):
        raise Invalid(w("err.order_count", lang, count=len(items)))
    return [items[n - 1].id for n in numbers]


def _matching_answer(question: Question, session: QuizSession, text: str, lang: str) -> dict[str, str]:
    rights = session.right_choices(question)
    letters = LETTERS[: len(rights)]
    tokens = [tok.casefold() for tok in _SEPARATORS.split(text.strip()) if tok]
    if len(tokens) == 1 and len(tokens[0]) == len(question.pairs) > 1 and tokens[0].isalpha():
        tokens = list(tokens[0])  # "bac" for "b a c"
    for token in tokens:
        if len(token) != 1 or token not in letters:
            raise Invalid(w("err.letter", lang, text=token, last=letters[-1]))
    if len(tokens) != len(question.pairs):
        raise Invalid(w("err.letters_count", lang, count=len(question.pairs), given=len(tokens)))
    return {pair.id: rights[letters.index(token)][0] for pair, token in zip(question.pairs, tokens, strict=True)}


def parse_answer(question: Question, session: QuizSession, text: str, lang: str) -> Any:
    """The answer typed as `text`, shaped for the quiz core; raises Invalid with the reason."""
    if not text.strip():
        raise Invalid(w("err.empty", lang))
    kind = question.type
    if kind in ("single", "multiple", "truefalse"):
        return _choice_answer(question, session, text, lang)
    if kind == "ordering":
        return _ordering_answer(question, session, text, lang)
    if kind == "matching":
        return _matching_answer(question, session, text, lang)
    if kind == "numeric":
        # Read in the interface's language and submitted as a value, so the grade cannot read it
        # otherwise ("1,875" is 1.875 in French, 1875 in English); a non-number costs nothing.
        problem = numeric_problem(text, lang)
        if problem is not None:
            raise Invalid(problem)
        return numeric_answer(text, lang)
    return text.strip()
