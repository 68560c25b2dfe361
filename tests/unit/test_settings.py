"""The settings file: values, bad values reported with file and line and ignored, precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.i18n.catalogue import resolve_lang
from tutor.settings import Settings, load_settings, locale_is_utf8, resolve_ascii, save_settings, settings_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_is_fine(isolated_home: Path) -> None:
    settings, problems = load_settings()
    assert problems == [] and settings.lang is None and settings.path == settings_path()
    assert settings_path() == isolated_home / "config" / "settings.toml"


def test_good_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    saved = save_settings(Settings(lang="en", theme="tutor-light", ascii=True, keys={"next": "n,j"}), path)
    settings, problems = load_settings(saved)
    assert problems == []
    assert (settings.lang, settings.theme, settings.ascii, settings.keys) == (
        "en", "tutor-light", True, {"next": "n,j"})
    assert oct(path.stat().st_mode & 0o777) == "0o600"


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English messages (the French ones: test_settings_french_messages)."""
    monkeypatch.setenv("TUTOR_LANG", "en")


def test_settings_french_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_LANG", "fr")
    path = write(tmp_path / "settings.toml", 'theme = ""\ncolour = 3\n')
    _, problems = load_settings(path)
    texts = [str(p) for p in problems]
    assert any(":1:1: theme est un nom de thème" in x and "ignoré" in x for x in texts), texts
    assert any(":2:1: réglage inconnu 'colour'" in x for x in texts), texts
    broken = write(tmp_path / "broken.toml", "[keys\n")
    assert "TOML invalide" in str(load_settings(broken)[1][0])


def test_bad_values_are_reported_with_their_line_and_ignored(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml",
                 'lang = "de"\ntheme = "tutor-light"\nascii = "yes"\ncolour = 3\n\n[keys]\nnext = "n"\nback = 42\n')
    settings, problems = load_settings(path)
    assert settings.theme == "tutor-light" and settings.keys == {"next": "n"}
    assert settings.lang is None and settings.ascii is None
    messages = [str(p) for p in problems]
    assert messages[0].endswith("settings.toml:1:1: lang must be \"fr\" or \"en\", not 'de'; ignored")
    assert ":3:1: ascii must be true or false" in messages[1]
    assert ":4:1: unknown setting 'colour'" in messages[2]
    assert ":8:1: keys for 'back' must be text" in messages[3]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(b'lang = "fr\n', "settings.toml:1:"), (b"[keys\n", "invalid TOML"), (b"\xff\xfe", "not UTF-8")],
)
def test_unreadable_files_are_reported_not_fatal(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(raw)
    settings, problems = load_settings(path)
    assert len(problems) == 1 and expected in str(problems[0]) and "ignored" in str(problems[0])
    assert settings.lang is None


def test_precedence_of_language_and_ascii() -> None:
    assert resolve_lang(None, {"LANG": "fr_FR.UTF-8"}, configured="en") == "en"
    assert resolve_lang(None, {"TUTOR_LANG": "fr"}, configured="en") == "fr"
    assert resolve_lang("fr", {}, configured="en") == "fr"
    assert resolve_ascii(False, Settings(), {"LANG": "fr_FR.UTF-8"}) is False
    assert resolve_ascii(False, Settings(), {"LANG": "C"}) is True  # no UTF-8: ASCII by itself
    assert resolve_ascii(False, Settings(ascii=False), {"LANG": "C"}) is False
    assert resolve_ascii(False, Settings(ascii=False), {"TUTOR_ASCII": "1"}) is True
    assert resolve_ascii(True, Settings(ascii=False), {"TUTOR_ASCII": "0"}) is True
    assert locale_is_utf8({}) and locale_is_utf8({"LC_ALL": "en_US.utf8"}) and not locale_is_utf8({"LANG": "POSIX"})


def test_bad_settings_are_reported_by_tutor_and_not_fatal(isolated_home: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from tutor.cli import main

    write(isolated_home / "config" / "settings.toml", 'lang = "xx"\n')
    code = main([])  # no terminal here: tutor explains plain mode after reporting the settings
    err = capsys.readouterr().err
    assert "settings.toml:1:1: lang must be" in err and "ignored" in err
    assert "tutor --plain" in err and code == 2
