"""Choosing the language: --lang, then TUTOR_LANG, then the locale, then French."""

from __future__ import annotations

import pytest

from tutor.i18n.catalogue import STRINGS, duplicate_keys, resolve_lang, t, translate


@pytest.mark.parametrize(
    ("cli", "env", "expected"),
    [
        ("en", {"TUTOR_LANG": "fr", "LANG": "fr_FR.UTF-8"}, "en"),
        (None, {"TUTOR_LANG": "en", "LANG": "fr_FR.UTF-8"}, "en"),
        (None, {"TUTOR_LANG": "EN "}, "en"),
        (None, {"TUTOR_LANG": "de", "LANG": "en_GB.UTF-8"}, "en"),
        (None, {"LANG": "fr_CA.UTF-8"}, "fr"),
        (None, {"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "fr_BE", "LANG": "en_US"}, "fr"),
        (None, {"LANG": "de_DE.UTF-8"}, "fr"),
        (None, {"LANG": "C.UTF-8"}, "fr"),
        (None, {}, "fr"),
    ],
)
def test_resolve_lang(cli: str | None, env: dict[str, str], expected: str) -> None:
    assert resolve_lang(cli, env) == expected


def test_every_interface_string_exists_in_both_languages() -> None:
    for key, entry in STRINGS.items():
        assert set(entry) == {"fr", "en"}, key
        for value in entry.values():
            forms = value if isinstance(value, dict) else {"other": value}
            assert set(forms) <= {"one", "other"} and "other" in forms, key
            assert all(form.strip() for form in forms.values()), key


def test_no_key_is_defined_in_two_areas() -> None:
    assert duplicate_keys() == []


def test_numbers_and_plurals_follow_the_language() -> None:
    table = {"n": {"fr": {"one": "{count} question", "other": "{count} questions"},
                   "en": {"one": "{count} question", "other": "{count} questions"}}}
    assert translate(table, "n", "fr", count=1) == "1 question"
    assert translate(table, "n", "fr", count=0) == "0 question"
    assert translate(table, "n", "en", count=0) == "0 questions"
    assert translate(table, "n", "fr", count=1875) == "1\u202f875 questions"
    assert translate(table, "n", "en", count=1875) == "1,875 questions"
    assert translate({"x": {"fr": "{v} %", "en": "{v}%"}}, "x", "fr", v=0.75) == "0,75\u202f%"


def test_substitution() -> None:
    assert t("home.progress", "en", read=2, total=7) == "2/7 sections read"
    assert t("no.such.key", "fr") == "no.such.key"  # a missing word never crashes a screen
