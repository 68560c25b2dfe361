"""Key names: what a learner may write, how keys are shown to them, and which keys clash on a screen."""

from __future__ import annotations

import pytest

from tutor.i18n.keynames import (
    REMAPPABLE,
    SCREEN_KEYS,
    action_label,
    default_keys,
    key_conflicts,
    key_label,
    parse_key,
    read_keys,
)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("n", "n"), ("G", "G"), ("?", "question_mark"), ("question_mark", "question_mark"), ("é", "é"),
        ("ctrl+b", "ctrl+b"), ("Ctrl+B", "ctrl+b"), ("shift+ctrl+left", "ctrl+shift+left"), ("shift+tab", "shift+tab"),
        ("Maj+Tab", "shift+tab"), ("shift+a", "A"), ("f1", "f1"), ("F24", "f24"), ("alt+x", "alt+x"),
        ("enter", "enter"), ("Entrée", "enter"), ("Échap", "escape"), ("esc", "escape"),
        ("Retour arrière", "backspace"),
        ("Page↓", "pagedown"), ("PgUp", "pageup"), ("Début", "home"), ("Fin", "end"), ("Espace", "space"),
        ("→", "right"), ("comma", "comma"), ("Virgule", "comma"), ("+", "plus"), ("ctrl++", "ctrl+plus"),
        ("solidus", "slash"), ("ctrl+m", "enter"), ("ctrl+i", "tab"),
    ],
)
def test_key_names_are_read_as_textual_names_them(written: str, key: str) -> None:
    assert parse_key(written) == key


@pytest.mark.parametrize(
    "written",
    ["blah+x", "ctrl+", "ctrl+ctrl+x", "f25", "nothing", "shift+1", "shift+?", "", " ", "\x01", "hyper+", "ctrl+blah"],
)
def test_names_no_terminal_key_has_are_refused(written: str) -> None:
    assert parse_key(written) is None


def test_a_list_of_keys_reports_each_bad_part_and_drops_repeats() -> None:
    reading = read_keys("blah+x,ctrl+")
    assert reading.keys == () and reading.bad == ("blah+x", "ctrl+")
    reading = read_keys(" n , Entrée,n, ctrl+B ")
    assert reading.text == "n,enter,ctrl+b" and reading.bad == ()
    assert read_keys("n,,p").bad == ("",)


@pytest.mark.parametrize(
    ("key", "french", "english"),
    [
        ("enter", "Entrée", "Enter"), ("escape", "Échap", "Esc"), ("tab", "Tab", "Tab"), ("space", "Espace", "Space"),
        ("ctrl+p", "Ctrl+P", "Ctrl+P"), ("home", "Début", "Home"), ("end", "Fin", "End"),
        ("pagedown", "Page↓", "PgDn"), ("pageup", "Page↑", "PgUp"), ("backspace", "Retour arrière", "Backspace"),
        ("f1", "F1", "F1"), ("question_mark", "?", "?"), ("G", "G", "G"), ("n", "n", "n"), ("left", "←", "←"),
        ("shift+tab", "Maj+Tab", "Shift+Tab"), ("ctrl+shift+left", "Ctrl+Maj+←", "Ctrl+Shift+←"),
        ("comma", "Virgule", "Comma"), ("<weird>", "<weird>", "<weird>"),
    ],
)
def test_keys_are_shown_in_the_learners_language(key: str, french: str, english: str) -> None:
    assert key_label(key, "fr") == french and key_label(key, "en") == english


def test_every_label_reads_back_as_its_key() -> None:
    """The settings screen shows labels in its fields: saving them unchanged must give the same keys."""
    keys = {key for uses in SCREEN_KEYS.values() for use in uses for key in use.default_keys}
    for lang in ("fr", "en"):
        for key in keys:
            assert parse_key(key_label(key, lang)) == key, (key, lang)


def test_remappable_actions_have_labels_in_both_languages() -> None:
    assert action_label("next", "fr") == "Section suivante" and action_label("next", "en") == "Next section"
    for binding in REMAPPABLE:
        assert action_label(binding, "fr") != binding and action_label(binding, "en") != binding
        assert default_keys(binding)


def test_a_key_another_action_uses_on_the_same_screen_is_a_conflict() -> None:
    # W8: previous = q took the lesson's Back key; a lesson key on t, n, c...
    conflicts = key_conflicts({"next": "j", "previous": "q"})
    assert [(c.binding, c.key, c.other, c.screen) for c in conflicts] == [("previous", "q", "back", "lesson")]
    assert {(c.key, c.other) for c in key_conflicts({"back": "t,n,c"})} >= {("t", "toc"), ("n", "next"), ("c", "check")}
    # quiz keys, the quiz's answer keys, and the global ones
    assert {c.other for c in key_conflicts({"skip": "enter", "read": "h"})} == {"submit", "hint"}
    assert {c.other for c in key_conflicts({"hint": "1"})} == {"answer"}
    assert {(c.other, c.screen) for c in key_conflicts({"toc": "ctrl+p,ctrl+q,f1"})} == {
        ("palette", "lesson"), ("quit", "lesson"), ("help", "lesson")}
    # help moves on every screen at once: `h` is the quiz's hint
    assert [(c.key, c.other, c.screen) for c in key_conflicts({"help": "h"})] == [("h", "hint", "quiz")]


def test_defaults_and_free_keys_are_no_conflict() -> None:
    assert key_conflicts({}) == []
    assert key_conflicts({"next": "n,right,f3", "back": "q,backspace,ctrl+b", "help": "f1,question_mark"}) == []
    assert key_conflicts({"next": "j", "previous": "k", "toc": "ctrl+e"}) == []
    assert {c.other for c in key_conflicts({"toc": "ctrl+t"})} == {"metrics_task"}  # a lesson's metrics panel
    # a swap is fine: next takes q that back gives up
    assert key_conflicts({"next": "q", "back": "backspace,ctrl+b"}) == []


def test_two_actions_given_the_same_new_key_are_both_told() -> None:
    conflicts = key_conflicts({"next": "n,j", "toc": "j"})
    assert {(c.binding, c.other) for c in conflicts} == {("next", "toc"), ("toc", "next")}


def test_conflict_messages_name_the_key_the_action_and_where() -> None:
    conflict = key_conflicts({"skip": "enter"})[0]
    assert conflict.message("fr") == "Entrée sert déjà à «\u00a0Valider\u00a0» dans un quiz"
    assert conflict.message("en") == "Enter is already used for 'Submit' in a quiz"
