"""tutor.i18n.keynames copies a little of Textual (it must not import it): check the copies still agree,
and that the per-screen key table is what the screens really bind."""

from __future__ import annotations

import string

import pytest
from textual import keys as textual_keys
from textual.binding import Binding

from tutor.i18n.keynames import (
    GLOBAL_KEYS,
    KEY_NAME_REPLACEMENTS,
    KEY_TO_UNICODE_NAME,
    SCREEN_KEYS,
    character_of,
    key_of_character,
    parse_key,
)


def test_the_copied_tables_are_textuals() -> None:
    assert KEY_NAME_REPLACEMENTS == textual_keys.KEY_NAME_REPLACEMENTS
    assert KEY_TO_UNICODE_NAME == textual_keys.KEY_TO_UNICODE_NAME


@pytest.mark.parametrize("character", [*string.printable.strip(), "é", "ç", "€", "²"])
def test_characters_are_named_as_textual_names_them(character: str) -> None:
    if character.isspace():
        return
    key = textual_keys._character_to_key(character)
    assert key_of_character(character) == key
    # Textual cannot turn `plus` (its own name for +) back into a character; we can
    assert character_of(key) == (textual_keys.key_to_character(key) or character)
    assert parse_key(character) == key


# Keys Textual lists but never reports as written: `return` (Enter is `enter`), `ctrl+@` (read as `ctrl+at`),
# its alias spellings, and the pseudo keys.
NEVER_WRITTEN = {"return", "ctrl+@", "ctrl-at"}


def test_every_key_textual_reports_is_accepted_under_its_own_name() -> None:
    for member in textual_keys.Keys:
        name = member.value
        if name.startswith("<") or name in NEVER_WRITTEN:
            continue
        assert parse_key(name) in (name, {"ctrl+i": "tab", "ctrl+m": "enter"}.get(name)), name


def _bound(classes: list[type]) -> tuple[set[tuple[str, str]], set[str]]:
    """(binding id, key) of the classes' bindings with an id, and the keys of those without."""
    with_id: set[tuple[str, str]] = set()
    fixed: set[str] = set()
    for cls in classes:
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding)
            for key in binding.key.split(","):
                key = textual_keys._normalize_key_list(key)
                if binding.id:
                    with_id.add((binding.id, key))
                else:
                    fixed.add(key)
    return with_id, fixed


def _screen_classes() -> dict[str, list[type]]:
    from tutor.ui.panels.configurator import ConfiguratorPanel
    from tutor.ui.panels.lab_panel import LabPanel
    from tutor.ui.panels.metrics_panel import MetricsPanel
    from tutor.ui.screens.confirm import ConfirmScreen
    from tutor.ui.screens.export import ExportScreen
    from tutor.ui.screens.help import HelpScreen
    from tutor.ui.screens.home import HomeScreen
    from tutor.ui.screens.lesson import LessonContent, LessonScreen
    from tutor.ui.screens.quiz import QuizScreen
    from tutor.ui.screens.quiz_setup import QuizSetupScreen
    from tutor.ui.screens.results import ResultsScreen
    from tutor.ui.screens.resume import ResumeScreen
    from tutor.ui.screens.settings import SettingsScreen
    from tutor.ui.screens.simulator import SimulatorScreen
    from tutor.ui.screens.stats import StatsScreen
    from tutor.ui.widgets.answers import ChoiceAnswer, MatchingAnswer, OrderingAnswer
    from tutor.ui.widgets.controls import TutorSelectOverlay
    from tutor.ui.widgets.toggle import Toggle

    form: list[type] = [TutorSelectOverlay, Toggle]
    panels: list[type] = [ConfiguratorPanel, MetricsPanel, LabPanel, *form]
    return {
        "home": [HomeScreen], "lesson": [LessonScreen, LessonContent, *panels],
        "quiz": [QuizScreen, ChoiceAnswer, OrderingAnswer, MatchingAnswer], "results": [ResultsScreen],
        "stats": [StatsScreen], "settings": [SettingsScreen, *form], "quiz_setup": [QuizSetupScreen, *form],
        "export": [ExportScreen],
        "simulator": [SimulatorScreen, *panels], "help": [HelpScreen], "resume": [ResumeScreen],
        "confirm": [ConfirmScreen],
    }


@pytest.mark.parametrize("screen", sorted(SCREEN_KEYS))
def test_the_key_table_is_what_each_screen_binds(screen: str) -> None:
    with_id, fixed = _bound(_screen_classes()[screen])
    table = SCREEN_KEYS[screen]
    assert {(use.binding, key) for use in table if use.binding for key in use.default_keys} == with_id
    assert fixed <= {key for use in table if use.binding is None for key in use.default_keys}


def test_the_global_keys_are_the_apps() -> None:
    from tutor.ui.app import TutorApp

    with_id, _ = _bound([TutorApp])
    assert {(use.binding, use.keys) for use in GLOBAL_KEYS if use.binding} == with_id
    assert TutorApp.COMMAND_PALETTE_BINDING in {use.keys for use in GLOBAL_KEYS}


def test_the_footer_display_names_keys_in_the_language() -> None:
    from tutor.ui.keys import key_display

    assert key_display(Binding("ctrl+b", "back", "Back"), "fr") == "Ctrl+B"
    assert key_display(Binding("backspace", "back", "Back"), "fr") == "Retour arrière"
    assert key_display(Binding("escape", "back", "Back"), "en") == "Esc"
    assert key_display(Binding("enter", "go", "Go", key_display="⏎"), "fr") == "⏎"  # a binding's own display wins
    assert key_display(Binding("q,enter", "go", "Go"), "fr", "enter") == "Entrée"
