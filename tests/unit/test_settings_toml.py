"""The settings file as TOML: hostile files never stop tutor from starting (review 6.13: 3,000 nested
arrays), and the writer (tomli-w, atomic, owner-only) round-trips every setting, any text included."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tutor.settings import (
    MAX_SETTINGS_BYTES,
    Settings,
    load_settings,
    save_settings,
    settings_data,
    toml_key,
)


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_LANG", "en")


# -- reading: every bad file gives one located message and the defaults ----------------------------

def test_deeply_nested_arrays_are_a_message_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('lang = "en"\na = ' + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    settings, problems = load_settings(path)  # was RecursionError on every start
    assert (settings.lang, settings.theme, settings.ascii, settings.keys) == (None, None, None, {})
    assert [str(p) for p in problems] == [
        f"{path}:1:1: invalid TOML: arrays or tables nested too deeply; settings ignored"]


def test_deeply_nested_settings_do_not_stop_tutor(isolated_home: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from tutor.cli import main

    path = isolated_home / "config" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    assert main(["--plain", "--lang", "en"]) == 0  # was: "tutor stopped on an unexpected error"
    err = capsys.readouterr().err
    assert "settings.toml:1:1: invalid TOML: arrays or tables nested too deeply; settings ignored" in err


@pytest.mark.timeout(60)
def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    os.mkfifo(path)  # no writer: a blocking read would hang every start
    settings, problems = load_settings(path)
    assert settings.lang is None and len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:1:1: cannot read settings: ")
    assert "not a regular file" in str(problems[0])


@pytest.mark.timeout(60)
def test_dev_zero_and_huge_files_are_refused(tmp_path: Path) -> None:
    link = tmp_path / "settings.toml"
    link.symlink_to("/dev/zero")
    assert "not a regular file" in str(load_settings(link)[1][0])
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * MAX_SETTINGS_BYTES + b"\n")
    settings, problems = load_settings(big)
    assert settings.lang is None and "1 MB" in str(problems[0])


# -- writing: tomli-w, owner-only, atomic -----------------------------------------------------------

SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
CHARACTERS = st.characters(exclude_categories=SURROGATES)  # any character UTF-8 can hold
KEY_TEXT = st.text(CHARACTERS, max_size=20)
THEME = st.text(CHARACTERS, min_size=1, max_size=20).filter(
    lambda s: s == s.strip() and bool(s))  # the reader strips themes


@given(lang=st.sampled_from([None, "fr", "en"]), theme=st.none() | THEME, ascii_=st.sampled_from([None, True, False]),
       keys=st.dictionaries(KEY_TEXT, KEY_TEXT, max_size=5))
@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_file_round_trips_any_text(tmp_path: Path, lang: str | None, theme: str | None, ascii_: bool | None,
                                       keys: dict[str, str]) -> None:
    # Key names with spaces, quotes, newlines, accents or emoji: the hand-written writer wrote "0\n" bare.
    settings = Settings(lang=lang, theme=theme, ascii=ascii_, keys=keys)
    path = save_settings(settings, tmp_path / "settings.toml")
    assert tomllib.loads(path.read_text(encoding="utf-8")) == settings_data(settings)
    loaded, _ = load_settings(path)
    assert (loaded.lang, loaded.theme, loaded.ascii) == (lang, theme, ascii_)


def test_every_setting_reads_back(tmp_path: Path) -> None:
    settings = Settings(lang="fr", theme='thème "sombre" \\ ☃', ascii=False,
                        keys={"next": "n,right", "back": "backspace", "hint": "ctrl+h"})
    loaded, problems = load_settings(save_settings(settings, tmp_path / "settings.toml"))
    assert problems == []
    assert (loaded.lang, loaded.theme, loaded.ascii, loaded.keys) == (
        settings.lang, settings.theme, settings.ascii, settings.keys)


def test_the_file_is_owner_only_from_its_first_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    modes: list[int] = []
    real_replace = os.replace

    def watching_replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        modes.append(os.stat(source).st_mode & 0o777)  # the temporary file, before it takes the name
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", watching_replace)
    old = os.umask(0)
    try:
        path = save_settings(Settings(lang="en"), tmp_path / "settings.toml")
    finally:
        os.umask(old)
    assert modes == [0o600] and path.stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = save_settings(Settings(lang="fr", theme="tutor-dark"), tmp_path / "settings.toml")
    before = path.read_bytes()

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        save_settings(Settings(lang="en", theme="tutor-light"), path)
    assert path.read_bytes() == before  # written in place, it would be empty or half written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]  # no temporary file left


def test_a_key_ending_in_a_newline_is_quoted() -> None:
    # `$` in the old bare-key pattern matched before a final newline: `0\n = ""` is not TOML.
    key = "0\n"
    assert tomllib.loads(toml_key(key) + ' = ""\n') == {key: ""}


def test_tomli_w_is_a_declared_dependency() -> None:
    root = Path(__file__).resolve().parents[2]
    dependencies = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(d.replace("_", "-").startswith("tomli-w") for d in dependencies)
