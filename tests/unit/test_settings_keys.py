"""Settings: keys checked when the file is read, one file per learner, a TOML writer that quotes."""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tutor.settings import (
    Settings,
    check_keys,
    learner_settings_path,
    load_settings,
    save_settings,
    settings_path,
    toml_key,
    toml_string,
)
from tutor.store.learners import database_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_unusable_keys_in_the_file_are_reported_with_their_line_and_left_at_default(tmp_path: Path) -> None:
    # W8: toc = "blah+x,ctrl+" and previous = "q" were accepted, leaving no key for the contents.
    path = write(tmp_path / "settings.toml",
                 'lang = "en"\n\n[keys]\nnext = "j"\ntoc = "blah+x,ctrl+"\nprevious = "q"\n'
                 '"go next" = "n"\nhint = "Entrée"\ncheck = "Ctrl+E, ?"\n')
    settings, problems = load_settings(path)
    assert settings.keys == {"next": "j"}  # check: ? is help's key in a lesson
    messages = [str(p).removeprefix(str(tmp_path) + "/") for p in problems]
    assert messages == [
        ("settings.toml:5:1: keys for toc (Contents): 'blah+x' is not a key name "
         "(for example n, G, Ctrl+B, F5, Enter, Esc, ?); ignored"),
        "settings.toml:6:1: keys for previous (Previous section): q is already used for 'Back' in a lesson; ignored",
        "settings.toml:7:1: 'go next' names no action (for example next, previous, toc, back, help); ignored",
        "settings.toml:8:1: keys for hint (Hint (quiz)): Enter is already used for 'Submit' in a quiz; ignored",
        "settings.toml:9:1: keys for check (Check (lesson)): ? is already used for 'Help' in a lesson; ignored",
    ]


def test_messages_about_keys_follow_the_language(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[keys]\nprevious = "q"\n')
    _, problems = load_settings(path, lang="fr")
    assert problems[0].line == 2
    spaced = problems[0].message.replace("\u202f", " ").replace("\u00a0", " ")  # French no-break spaces
    assert spaced == "touches de previous (Section précédente) : q sert déjà à « Retour » dans une leçon ; ignoré"


def test_of_two_entries_with_the_same_new_key_the_first_wins(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[keys]\nnext = "j"\ntoc = "j"\n')
    settings, problems = load_settings(path, lang="en")
    assert settings.keys == {"next": "j"}
    assert len(problems) == 1 and problems[0].line == 3 and "'Next section'" in problems[0].message


def test_good_keys_are_kept_in_textuals_names(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[keys]\nnext = "n, →, Ctrl+J"\nback = "Retour arrière,ctrl+b"\n')
    settings, problems = load_settings(path, lang="fr")
    assert problems == [] and settings.keys == {"next": "n,right,ctrl+j", "back": "backspace,ctrl+b"}


def test_check_keys_names_the_bad_key_or_the_conflict() -> None:
    assert check_keys("next", "j, F3", {}, "en") == ("j,f3", [])
    assert check_keys("toc", "blah+x, ctrl+", {}, "en")[1][0].startswith("'blah+x' is not a key name")
    assert check_keys("toc", "ctrl+", {}, "en")[1][0].startswith("'ctrl+' is not a key name")
    assert check_keys("toc", "t,,c", {}, "en")[1] == ["a key is missing between two commas"]
    assert check_keys("toc", "j", {"next": "j"}, "en")[1] == ["j is already used for 'Next section' in a lesson"]
    assert check_keys("toc", "j", {"next": "n"}, "en") == ("j", [])


def test_each_learner_has_a_settings_file_next_to_their_progress(isolated_home: Path) -> None:
    alice, bob = learner_settings_path("alice"), learner_settings_path("bob")
    assert alice != bob and alice.parent == database_path("alice").parent
    assert alice.name == "alice.settings.toml" and settings_path("alice") == alice
    assert learner_settings_path("../étrange name") == database_path("../étrange name").with_name(
        database_path("../étrange name").name.removesuffix(".sqlite3") + ".settings.toml")
    settings, _ = load_settings(learner="alice")
    settings.keys = {"next": "j"}
    assert save_settings(settings) == alice
    assert load_settings(learner="alice")[0].keys == {"next": "j"}
    assert load_settings(learner="bob")[0].keys == {}  # Alice's remap is hers
    assert not settings_path().exists()  # and the shared file is untouched


def test_a_learner_without_a_file_reads_the_shared_one_and_saves_to_their_own(isolated_home: Path) -> None:
    shared = write(isolated_home / "config" / "settings.toml", 'lang = "en"\n[keys]\nnext = "j"\n')
    settings, problems = load_settings(learner="carol")
    assert problems == [] and settings.lang == "en" and settings.keys == {"next": "j"}
    assert settings.path == learner_settings_path("carol")
    settings.keys = {"next": "k"}
    save_settings(settings)
    assert shared.read_text(encoding="utf-8").endswith('next = "j"\n')
    assert load_settings(learner="carol")[0].keys == {"next": "k"}
    assert load_settings(learner="dave")[0].keys == {"next": "j"}  # others still get the shared file


def test_a_bad_shared_file_is_reported_under_its_own_name(isolated_home: Path) -> None:
    write(isolated_home / "config" / "settings.toml", '[keys]\ntoc = "ctrl+"\n')
    settings, problems = load_settings(learner="erin", lang="en")
    assert settings.keys == {}
    assert str(problems[0]).endswith(":2:1: keys for toc (Contents): 'ctrl+' is not a key "
                                     "name (for example n, G, Ctrl+B, F5, Enter, Esc, ?); ignored")
    assert "config" in problems[0].path and settings.path == learner_settings_path("erin")


def test_toml_strings_with_quotes_backslashes_and_accents_read_back() -> None:
    for value in ['th"è\\me', "C:\\new\\table", "é\"\\\n\t\x01\x7f", "''' \"\"\" ", "naïve — ünïcode ☃"]:
        assert tomllib.loads(f"v = {toml_string(value)}\n") == {"v": value}
    assert toml_key("next") == "next" and toml_key("go next") == '"go next"'


@given(st.text(st.characters(exclude_categories=("Cs",))),
       st.text(st.characters(exclude_categories=("Cs",)), min_size=1))
def test_any_text_survives_the_writer(value: str, key: str) -> None:
    assert tomllib.loads(f"{toml_key(key)} = {toml_string(value)}\n") == {key: value}


def test_a_saved_file_with_odd_values_loads_again(tmp_path: Path) -> None:
    # The f-string writer wrote `theme = "a"b"`: the next start ignored every setting.
    path = save_settings(Settings(lang="fr", theme='my "theme" \\ é', ascii=False, keys={"back": "backspace"}),
                         tmp_path / "s.toml")
    settings, problems = load_settings(path)
    assert problems == []
    assert (settings.lang, settings.theme, settings.ascii, settings.keys) == ("fr", 'my "theme" \\ é', False,
                                                                              {"back": "backspace"})
