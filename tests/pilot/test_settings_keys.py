"""The settings screen refuses keys that would not work, names actions and keys in the learner's language,
and the help shows the learner's own keys."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, Label, Static

from tests.pilot.waits import settle
from tutor.settings import learner_settings_path, load_settings, settings_path
from tutor.ui.app import TutorApp
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.settings import SettingsScreen


def problem_under(screen: SettingsScreen, field: str) -> str:
    """The message shown under a field ("" when none)."""
    error = screen.query_one(f"#field-{field} .field-error", Static)
    return str(error.render()) if error.display else ""


async def test_an_unknown_or_taken_key_is_refused_and_nothing_is_saved(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_settings()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#control-key-toc").focus()
        await pilot.press(*"blah+x, ctrl+")
        screen.query_one("#control-key-previous").focus()
        await pilot.press("q")  # the lesson's Back key
        await pilot.press("f5")
        await settle(pilot)
        assert problem_under(screen, "key-toc").startswith("! 'blah+x' is not a key name")
        assert problem_under(screen, "key-previous") == "! q is already used for 'Back' in a lesson"
        assert any("Nothing saved" in notification.message for notification in app._notifications)
        assert not learner_settings_path("test").exists() and not settings_path().exists()
        assert app._keymap == {}  # nothing applied either

        # Fixed: saved in the learner's own file, and the messages go away.
        screen.query_one("#control-key-toc", Input).value = ""
        screen.query_one("#control-key-previous", Input).value = "k"
        await pilot.press("f5")
        await settle(pilot)
        assert problem_under(screen, "key-toc") == problem_under(screen, "key-previous") == ""
        saved, problems = load_settings(learner="test")
        assert problems == [] and saved.keys == {"previous": "k"}
        assert learner_settings_path("test").exists() and not settings_path().exists()


async def test_actions_and_keys_are_named_in_french(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    app.settings.keys = {"back": "backspace,ctrl+b"}
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_settings()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert str(screen.query_one("#field-key-next .field-label", Label).render()) == "Section suivante"
        assert "n, →" in screen.query_one("#control-key-next", Input).placeholder
        back = screen.query_one("#control-key-back", Input)
        assert back.value == "Retour arrière, Ctrl+B"  # a learner's keys, as they read them
        await pilot.press("f5")  # saved unchanged: read back as the same keys
        await settle(pilot)
        assert load_settings(learner="test")[0].keys == {"back": "backspace,ctrl+b"}


async def test_the_help_lists_the_learners_keys_in_their_language(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr", keymap={"next": "j"})
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("question_mark")
        await settle(pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert ("F3 / j", "Suivante") in help_screen.keys  # the remapped letter, and F3 that no remap takes away
        rows = {description: keys for keys, description in help_screen.keys}
        assert rows["Retour"] == "q / Retour arrière / Ctrl+B"
        assert rows["Début"] == "g / Début" and rows["Page suivante"] == "Espace / Page↓"
