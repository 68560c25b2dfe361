"""Grading every question type: partial credit, clamping, tolerance edges, accents, hint costs."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutor.quiz.grading import format_number, grade, normalize_text, parse_number, right_answer
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


@pytest.mark.parametrize("given_answer",
                         ["Oubli catastrophique", "oubli  CATASTROPHIQUE.", " oubli catastrophique ",
                          "oubli-catastrophique"])
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
    [("0.727", 0.727), ("0,727", 0.727), ("1 875", 1875), ("1,875.5", None), ("1e-5", 1e-5), ("72.7 %", 72.7),
     ("4.0 tokens", 4.0), ("-3", -3), ("1\u202f875", 1875), ("", None), ("abc", None), ("1.2.3", None), ("inf", None)],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_parse_number_reads_english_thousands_in_english_only() -> None:
    """1,875.5 has a comma for thousands only in English; French reads the comma as decimal mark."""
    assert parse_number("1,875.5", "en") == 1875.5 and parse_number("1,875.5", "fr") is None


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


def test_typographic_apostrophe_is_a_plain_one() -> None:
    """A French keyboard or a phone types ’: "l’apprentissage" is "l'apprentissage"."""
    assert normalize_text("L’apprentissage") == "l'apprentissage"
    assert normalize_text("l'apprentissage") == "l'apprentissage"
    question = make("short", answers=("l'apprentissage par transfert",))
    assert grade(question, "l’apprentissage par transfert").correct
    assert grade(make("short", answers=("l’apprentissage",)), "l'apprentissage").correct
    assert not grade(question, "lapprentissage par transfert").correct


# --- Found by mutation testing (docs/testing.md): each number a learner sees ------------------

@pytest.mark.parametrize("question", [
    make("truefalse", answer=True, points=2.0),
    make("numeric", answer=0.5, tolerance=0.05, points=2.0),
    make("ordering", items=(Item("x", "X"), Item("y", "Y")), points=2.0),
    make("short", answers=("lora",), points=2.0),
])
def test_a_right_answer_earns_exactly_the_points(question: Question) -> None:
    right = {"truefalse": True, "numeric": "0.5", "ordering": ["x", "y"], "short": "LoRA"}[question.type]
    result = grade(question, right)
    assert (result.credit, result.earned, result.max_points) == (1.0, 2.0, 2.0)


def test_credits_above_one_are_clamped() -> None:
    generous = make("multiple", options=(Option("a", "A", True, credit=0.8), Option("b", "B", True, credit=0.7),
                                         Option("c", "C")))
    assert grade(generous, ["a", "b"]).credit == 1.0 and grade(generous, ["a", "b"]).earned == 1.0


def test_partial_credit_is_rounded_to_six_decimals() -> None:
    three = make("multiple", options=(Option("a", "A", True), Option("b", "B", True), Option("c", "C", True)))
    assert grade(three, ["a"]).earned == 0.333333


def test_only_the_picked_options_give_feedback() -> None:
    assert grade(SINGLE, "a").feedback == ()
    assert grade(SINGLE, "b").feedback == ("No: B is wrong.",)


def test_an_option_id_of_several_letters_is_one_option() -> None:
    question = make("single", options=(Option("yes", "Yes", True), Option("no", "No")))
    assert grade(question, "yes").correct and not grade(question, "no").correct
    assert grade(make("multiple", options=question.options), "yes").correct


def test_hints_cost_only_when_taken() -> None:
    question = make("single", options=SINGLE.options, hints=(Hint("h1", 0.25),))
    assert grade(question, "a").earned == 1.0 and grade(question, "a").hint_cost == 0.0
    assert grade(question, "a", hints_used=0).earned == 1.0
    assert grade(question, "a", hints_used=-1).earned == 1.0


def test_numeric_without_tolerance_is_exact() -> None:
    question = make("numeric", answer=4.0)
    assert grade(question, "4").correct and grade(question, "4.0").correct
    assert not grade(question, "4.5").correct and not grade(question, "7").correct


def test_numeric_tolerance_survives_float_rounding_on_large_answers() -> None:
    """1000000.3 − 1000000 is 0.30000000004656613 in binary floats: still within ± 0.3."""
    question = make("numeric", answer=1_000_000.0, tolerance=0.3)
    assert grade(question, "1000000.3").correct and grade(question, "999999.7").correct
    assert not grade(question, "1000000.31").correct


def test_numeric_answers_reject_booleans_and_unknown_types_score_zero() -> None:
    assert grade(make("numeric", answer=1.0), True).credit == 0.0
    assert grade(make("essay"), "anything").earned == 0.0


@pytest.mark.parametrize(("text", "value"), [
    ("1\u00a0875", 1875), ("1\u00a0875,5", 1875.5), ("0,5,1", None), ("1e999", None),
])
def test_parse_number_separators_and_overflow(text: str, value: float | None) -> None:
    """A no-break space groups thousands (French keyboards); two decimal commas are no number."""
    assert parse_number(text) == value


@pytest.mark.parametrize(("answer", "tolerance", "relative", "shown"), [
    (1875.0, None, None, "1\u202f875"),
    (2.5, None, None, "2.500"),  # no tolerance: 3 decimals
    (0.5, 0.05, None, "0.50"),  # ± 0.05: 2 decimals
    (12.5, 0.5, None, "12.5"),
    (1234.5678, 50.0, None, "1235"),  # a tolerance above 1: no decimal
    (0.727, None, 0.01, "0.727"),  # ± 1 % of 0.727 = 0.00727: 3 decimals
    (31.4159, None, 0.001, "31.42"),  # ± 0.0314: 2 decimals
    (3.14159, 1e-9, None, "3.141590"),  # at most 6 decimals
    (2.52e15, None, 0.05, "2520000000000000"),
])
def test_format_number_decimals_follow_the_tolerance(answer: float, tolerance: float | None,
                                                     relative: float | None, shown: str) -> None:
    question = make("numeric", answer=answer, tolerance=tolerance, relative_tolerance=relative, unit="s")
    assert format_number(answer, question) == shown
    assert right_answer(question) == f"{shown} s"
    assert right_answer(make("numeric", answer=answer, tolerance=tolerance, relative_tolerance=relative)) == shown


def test_right_answer_of_every_type() -> None:
    assert right_answer(SINGLE) == "A"
    assert right_answer(MULTIPLE) == "A ; B"
    assert right_answer(make("truefalse", answer=True), ("vrai", "faux")) == "vrai"
    assert right_answer(make("truefalse", answer=False), ("vrai", "faux")) == "faux"
    assert right_answer(make("ordering", items=(Item("x", "X"), Item("y", "Y")))) == "X → Y"
    assert right_answer(make("matching", pairs=(Pair("p", "A", "1"), Pair("r", "B", "2")))) == "A → 1 ; B → 2"
    assert right_answer(make("short", answers=("LoRA", "low-rank adaptation"))) == "LoRA"
    assert right_answer(make("short")) == ""
