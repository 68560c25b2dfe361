"""Grading every question type: partial credit, clamping, tolerance edges, accents, hint costs."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutor.quiz.grading import grade, normalize_text, parse_number, right_answer
from tutor.quiz.model import Hint, Item, Option, Pair, Question


def make(kind: str, **fields: object) -> Question:
    base = {"id": "q", "type": kind, "topic": "metrics", "difficulty": "easy", "prompt": "?",
            "explanation": "because", "section": "s", "module": "m"}
    return Question(**{**base, **fields})  # type: ignore[arg-type]


SINGLE = make("single", options=(Option("a", "A", True), Option("b", "B", feedback="No: B is wrong.")))
MULTIPLE = make("multiple", points=2.0, options=(
    Option("a", "A", True), Option("b", "B", True), Option("c", "C"), Option("d", "D"),
))


def test_single_choice() -> None:
    assert grade(SINGLE, "a").earned == 1 and grade(SINGLE, "a").correct
    wrong = grade(SINGLE, "b")
    assert wrong.earned == 0 and not wrong.correct and wrong.feedback == ("No: B is wrong.",)
    assert grade(SINGLE, ["a", "b"]).earned == 0  # two picks are not one answer
    assert grade(SINGLE, None).earned == 0 and grade(SINGLE, "zzz").earned == 0


@pytest.mark.parametrize(
    ("picked", "earned"),
    [({"a", "b"}, 2.0), ({"a"}, 1.0), ({"a", "c"}, 0.0), ({"a", "b", "c"}, 1.0), ({"c", "d"}, 0.0), (set(), 0.0),
     ({"a", "b", "c", "d"}, 0.0)],
)
def test_multiple_choice_partial_credit_and_clamping(picked: set[str], earned: float) -> None:
    result = grade(MULTIPLE, picked)
    assert result.earned == pytest.approx(earned)
    assert 0 <= result.credit <= 1
    assert result.partial == (0 < earned < 2)


def test_multiple_choice_explicit_credit() -> None:
    question = make("multiple", options=(
        Option("a", "A", True, credit=0.75), Option("b", "B", True, credit=0.25), Option("c", "C", credit=-0.5),
    ))
    assert grade(question, {"a"}).credit == pytest.approx(0.75)
    assert grade(question, {"a", "c"}).credit == pytest.approx(0.25)
    assert grade(question, {"b", "c"}).credit == 0  # clamped at 0, never negative


def test_true_false() -> None:
    question = make("truefalse", answer=False)
    assert grade(question, False).correct and not grade(question, True).correct
    assert not grade(question, "false").correct  # the UI sends booleans, not words
    assert right_answer(question, ("vrai", "faux")) == "faux"


def test_numeric_absolute_tolerance_edges() -> None:
    question = make("numeric", answer=0.727, tolerance=0.005)
    assert grade(question, 0.722).correct and grade(question, 0.732).correct  # bounds included
    assert not grade(question, 0.7325).correct and not grade(question, 0.7215).correct
    assert grade(question, "0,727").correct and grade(question, " 0.73 ").correct
    assert not grade(question, "abc").correct and not grade(question, float("nan")).correct


def test_numeric_relative_tolerance_and_units() -> None:
    question = make("numeric", answer=188, relative_tolerance=0.01, unit="steps")
    assert grade(question, "186.12").correct and grade(question, 189.88).correct
    assert not grade(question, 186.1).correct
    assert grade(question, "188 steps").correct
    exact = make("numeric", answer=294912, tolerance=0)
    assert grade(exact, "294 912").correct and grade(exact, "294912").correct and not grade(exact, 294911).correct
    assert not grade(exact, "294,912").correct  # a lone comma is a decimal comma (French)
    assert right_answer(exact) == "294\u202f912"


def test_ordering_is_all_or_nothing() -> None:
    question = make("ordering", items=(Item("x", "X"), Item("y", "Y"), Item("z", "Z")))
    assert grade(question, ["x", "y", "z"]).correct
    assert grade(question, ["x", "z", "y"]).earned == 0
    assert grade(question, ["x", "y"]).earned == 0 and grade(question, 42).earned == 0


def test_matching_partial_credit() -> None:
    question = make("matching", points=3.0, pairs=(Pair("p1", "A", "1"), Pair("p2", "B", "2"), Pair("p3", "C", "3")),
                    distractors=("4",))
    assert grade(question, {"p1": "p1", "p2": "p2", "p3": "p3"}).correct
    assert grade(question, {"p1": "p1", "p2": "p3", "p3": "distractor-1"}).earned == pytest.approx(1.0)
    assert grade(question, {}).earned == 0 and grade(question, "nonsense").earned == 0
    assert [text for _, text in question.right_choices()] == ["1", "2", "3", "4"]


@pytest.mark.parametrize("given_answer", ["Oubli catastrophique", "oubli  CATASTROPHIQUE.", " oubli catastrophique ", "oubli-catastrophique"])
def test_short_answer_ignores_case_accents_spacing(given_answer: str) -> None:
    question = make("short", answers=("oubli catastrophique", "catastrophic forgetting"))
    assert grade(question, given_answer).correct


def test_short_answer_accents() -> None:
    question = make("short", answers=("époque",))
    assert grade(question, "EPOQUE").correct and grade(question, "Époque").correct
    assert not grade(question, "époques").correct and not grade(question, "").correct


def test_hint_costs_are_subtracted_never_below_zero() -> None:
    question = make("single", points=1.0, options=SINGLE.options, hints=(Hint("h1", 0.25), Hint("h2", 0.5)))
    assert grade(question, "a", hints_used=1).earned == 0.75
    assert grade(question, "a", hints_used=2).earned == 0.25
    result = grade(question, "b", hints_used=2)
    assert result.earned == 0 and result.hint_cost == 0.75
    assert grade(question, "a", hints_used=5).hint_cost == 0.75


@pytest.mark.parametrize(
    ("text", "value"),
    [("0.727", 0.727), ("0,727", 0.727), ("1 875", 1875), ("1,875.5", 1875.5), ("1e-5", 1e-5), ("72.7 %", 72.7),
     ("4.0 tokens", 4.0), ("-3", -3), ("1\u202f875", 1875), ("", None), ("abc", None), ("1.2.3", None), ("inf", None)],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@given(st.text(max_size=30))
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or math.isfinite(value)


@given(st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=10), st.lists(st.text(max_size=3)),
                 st.dictionaries(st.text(max_size=3), st.text(max_size=3))))
def test_grading_never_raises(answer: object) -> None:
    for question in (SINGLE, MULTIPLE, make("numeric", answer=1.0, tolerance=0.1), make("truefalse", answer=True),
                     make("ordering", items=(Item("x", "X"), Item("y", "Y"))),
                     make("matching", pairs=(Pair("p", "A", "1"), Pair("r", "B", "2"))), make("short", answers=("x",))):
        result = grade(question, answer)
        assert 0 <= result.earned <= question.points


def test_normalize_text() -> None:
    assert normalize_text("  « Fine-Tuning » ") == "fine tuning"
    assert normalize_text("Précision") == "precision"
