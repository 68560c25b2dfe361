"""The one number formatter and the one number reader, in French and in English."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutor.i18n.numbers import (
    NBSP,
    NNBSP,
    fmt,
    fmt_int,
    fmt_percent,
    fmt_sci,
    fmt_signed,
    french_spacing,
    read_number,
)


@pytest.mark.parametrize(("value", "decimals", "fr", "en"), [
    (109_483_778, None, f"109{NNBSP}483{NNBSP}778", "109,483,778"),
    (1875, None, f"1{NNBSP}875", "1,875"),
    (150, None, "150", "150"),
    (0.75, None, "0,75", "0.75"),
    (2.0, None, "2", "2"),
    (1.5, 2, "1,50", "1.50"),
    (-3.25, None, "-3,25", "-3.25"),
    (1234.5678, 1, f"1{NNBSP}234,6", "1,234.6"),
    (1e-5, None, "1e-5", "1e-5"),
    (6.83e15, None, "6,83e15", "6.83e15"),
    (math.inf, None, "inf", "inf"),
    (math.nan, None, "nan", "nan"),
])
def test_numbers_in_each_language(value: float, decimals: int | None, fr: str, en: str) -> None:
    assert fmt(value, "fr", decimals) == fr
    assert fmt(value, "en", decimals) == en


def test_percent_int_signed_and_scientific() -> None:
    assert fmt_percent(37.56, "fr") == f"37,6{NNBSP}%" and fmt_percent(37.56, "en") == "37.6%"
    assert fmt_percent(0.852, "fr", 0, fraction=True) == f"85{NNBSP}%"
    assert fmt_int(2306.6, "fr") == f"2{NNBSP}307"
    assert fmt_signed(18.2, "fr", 1) == "+18,2" and fmt_signed(-3, "en") == "\u22123"
    assert fmt_sci(6.8324e15, "en") == "6.83e15" and fmt_sci(0.00012, "fr", 2) == "1,2e-4"


def test_french_spacing_keeps_punctuation_with_its_word() -> None:
    text = french_spacing("Quelle valeur ? Note : « oui » ; 37 % ! https://exemple.fr:80 a:b")
    assert f"valeur{NNBSP}?" in text and f"Note{NBSP}:" in text and f"«{NBSP}oui{NBSP}»" in text
    assert f"{NNBSP};" in text and f"37{NNBSP}%" in text and f"{NNBSP}!" in text
    assert "https://exemple.fr:80" in text and "a:b" in text


def test_one_comma_reads_as_each_language_prints_it() -> None:
    assert read_number("1,875", "fr").value == 1.875 and read_number("1,875", "en").value == 1875
    assert read_number("0,75", "en").value == 0.75 and read_number("1.875", "en").value == 1.875
    assert read_number("1,875.5", "en").value == 1875.5 and read_number("1.875,5", "en").problem


@pytest.mark.parametrize(("text", "value"), [
    ("0,75", 0.75), ("0.75", 0.75), ("1 875", 1875), (f"1{NNBSP}875", 1875), ("1\u2009875", 1875),
    (f"1{NBSP}875,5", 1875.5), ("1,875,000", 1_875_000), ("1.875.000", 1_875_000), ("\u22123", -3),
    ("-1 000,5", -1000.5), ("1e-5", 1e-5), ("2,5e-5", 2.5e-5), ("72,7 %", 72.7), ("4.0 tokens", 4.0),
    ("600 paramètres", 600), (".5", 0.5), ("+2", 2),
])
def test_what_people_type_is_read(text: str, value: float) -> None:
    reading = read_number(text)
    assert reading.problem is None and reading.value == pytest.approx(value)


@pytest.mark.parametrize(("text", "problem"), [
    ("", "number.empty"), ("   ", "number.empty"), ("abc", "number.not_a_number"),
    ("1.875,5", "number.ambiguous"), ("1,875.5", "number.ambiguous"), ("1,8.5", "number.ambiguous"),
    ("18 75", "number.not_a_number"),
    ("1,2,3", "number.not_a_number"), ("1e999", "number.not_a_number"), ("-", "number.not_a_number"),
    ("1e", "number.not_a_number"),
])
def test_ambiguous_or_wrong_text_is_refused_with_a_reason(text: str, problem: str) -> None:
    reading = read_number(text)
    assert (reading.value, reading.problem) == (None, problem)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
       st.sampled_from(["fr", "en"]), st.integers(0, 4))
def test_every_number_the_tool_prints_can_be_typed_back(value: float, lang: str, decimals: int) -> None:
    shown = fmt(value, lang, decimals)
    reading = read_number(shown, lang)
    assert reading.problem is None, shown
    assert reading.value == pytest.approx(round(value, decimals), abs=10 ** -decimals)


def test_french_prose_holds_numbers_and_punctuation_together() -> None:
    from tutor.i18n.numbers import french_markdown, french_prose

    text = "BERT-base (109 483 778 paramètres) : combien de Go ?"
    shown = french_prose(text, "fr")
    assert "109\u202f483\u202f778" in shown and "paramètres)\u00a0:" in shown and "Go\u202f?" in shown
    assert french_prose(text, "en") == text
    markdown = "Avant : `a : b` puis\n```\nx = 1 000 ; y\n```\nfin ?"
    kept = french_markdown(markdown, "fr")
    assert "`a : b`" in kept and "x = 1 000 ; y" in kept and "Avant\u00a0:" in kept and "fin\u202f?" in kept
