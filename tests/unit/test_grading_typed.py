"""What learners really type: French short answers with ligatures, typographic apostrophes and every
dash; numbers with a minus sign, no-break spaces and a decimal comma; checked before grading."""

from __future__ import annotations

import pytest

from tutor.i18n.catalogue import t
from tutor.quiz.grading import (
    fold_text,
    format_number,
    grade,
    normalize_text,
    numeric_answer,
    numeric_problem,
    parse_number,
    right_answer,
)
from tutor.quiz.model import Question


def make(kind: str, **fields: object) -> Question:
    base = {"id": "q", "type": kind, "topic": "metrics", "difficulty": "easy", "prompt": "?",
            "explanation": "because", "section": "s", "module": "m"}
    return Question(**{**base, **fields})  # type: ignore[arg-type]


# -- short answers ----------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", [
    "fine\u2011tuning",  # non-breaking hyphen
    "fine\u2010tuning",  # hyphen
    "fine\u2012tuning",  # figure dash
    "fine\u2013tuning",  # en dash (macOS and iOS autocorrect)
    "fine\u2014tuning",  # em dash
    "fine\u2212tuning",  # minus sign
    "fine\u00a0tuning",  # no-break space
    "fine\u202ftuning",  # narrow no-break space
    "Fine-Tuning",
])
def test_every_dash_and_no_break_space_is_a_space(typed: str) -> None:
    assert normalize_text(typed) == "fine tuning"
    assert grade(make("short", answers=("fine-tuning",)), typed).correct


@pytest.mark.parametrize("typed", ["l’apprentissage", "l‘apprentissage", "lʼapprentissage", "l′apprentissage",
                                   "l'apprentissage", "L’Apprentissage"])
def test_every_apostrophe_is_the_plain_one(typed: str) -> None:
    assert normalize_text(typed) == "l'apprentissage"
    assert grade(make("short", answers=("l'apprentissage",)), typed).correct
    assert grade(make("short", answers=("l’apprentissage",)), typed).correct


@pytest.mark.parametrize(("typed", "folded"), [("cœur", "coeur"), ("Cœur", "coeur"), ("CŒUR", "coeur"),
                                               ("ex æquo", "ex aequo"), ("Æ", "ae")])
def test_ligatures_are_split(typed: str, folded: str) -> None:
    assert normalize_text(typed) == folded


def test_a_right_french_answer_is_never_marked_wrong() -> None:
    assert grade(make("short", answers=("coeur",)), "cœur").correct
    assert grade(make("short", answers=("cœur",)), "coeur").correct
    assert grade(make("short", answers=("oubli catastrophique",)), "Oubli\u00a0catastrophique").correct
    assert not grade(make("short", answers=("coeur",)), "choeur").correct


# -- numbers ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "value"), [
    ("\u22123", -3.0),  # the minus sign the app itself prints
    ("1\u2009875", 1875.0),  # thin space
    ("1\u202f875", 1875.0),  # narrow no-break space
    ("1\u00a0875", 1875.0),  # no-break space
    ("0,75", 0.75), ("0.75", 0.75), ("72,7\u202f%", 72.7),
])
def test_typed_numbers_in_french(typed: str, value: float) -> None:
    assert parse_number(typed, "fr") == value and numeric_answer(typed, "fr") == value
    assert numeric_problem(typed, "fr") is None


def test_an_ambiguous_number_is_refused_with_a_reason() -> None:
    """1.875,5 used to be read as 1.8755: now it is no number, and the learner is told why."""
    assert parse_number("1.875,5") is None
    message = numeric_problem("1.875,5", "fr")
    assert message is not None and "«\u00a01.875,5\u00a0»" in message
    assert message == t("number.ambiguous", "fr", text="1.875,5")
    assert not grade(make("numeric", answer=1.8755, tolerance=0.001), "1.875,5").correct


def test_the_message_for_a_non_number_is_the_plain_mode_one() -> None:
    assert numeric_problem("abc", "fr") == ("«\u00a0abc\u00a0» n'est pas un nombre. Exemples\u00a0: 0,75 ou "
                                           "0.75 ou 1875 ou 1e-5.")
    assert numeric_problem(" abc ", "en") == t("number.not_a_number", "en", text="abc")
    assert numeric_problem("abc", "en").startswith("'abc' is not a number.")  # type: ignore[union-attr]
    assert numeric_problem("", "fr") == t("number.empty", "fr")
    assert numeric_answer("abc", "fr") is None


def test_the_language_decides_a_lone_comma_before_three_digits() -> None:
    question = make("numeric", answer=294912, tolerance=0)
    assert grade(question, numeric_answer("294,912", "en")).correct
    assert not grade(question, numeric_answer("294,912", "fr")).correct
    assert grade(question, "294,912", lang="en").correct and not grade(question, "294,912").correct


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("answer", "tolerance", "unit"), [
    (0.727, 0.0015, None), (294912, 0, "paramètres"), (1875.5, 0.05, None), (-3.25, 0.005, None), (4.31, None, None),
])
def test_the_answer_shown_in_a_language_is_read_back_in_that_language(answer: float, tolerance: float | None,
                                                                       unit: str | None, lang: str) -> None:
    question = make("numeric", answer=answer, tolerance=tolerance, relative_tolerance=0.005 if tolerance is None
                    else None, unit=unit)
    shown = right_answer(question, lang=lang)
    assert numeric_problem(shown, lang) is None
    assert grade(question, numeric_answer(shown, lang)).correct
    assert grade(question, shown, lang=lang).correct
    if lang == "fr":
        assert "." not in shown


def test_numbers_are_written_in_the_language() -> None:
    question = make("numeric", answer=1875.5, tolerance=0.05, unit="s")
    assert format_number(1875.5, question, "fr") == "1\u202f875,50"
    assert format_number(1875.5, question, "en") == "1,875.50"
    assert format_number(1875.5, question) == "1875.50"  # no language: what both read back
    assert right_answer(question, lang="fr") == "1\u202f875,50\u00a0s"
    assert right_answer(make("numeric", answer=294912, tolerance=0), lang="fr") == "294\u202f912"


def test_fold_text_keeps_punctuation_and_spacing() -> None:
    """For callers that match inside sentences (task recognition): only the characters are folded."""
    assert fold_text("Le cœur — l’Æ, fine‑tuning !") == "le coeur   l'ae, fine tuning !"
