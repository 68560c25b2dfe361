"""The command line speaks the language of the learner it runs for (settings are per learner)."""

from __future__ import annotations

import pytest

from tutor.cli import main
from tutor.settings import Settings, save_settings, settings_path


def _error_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    return capsys.readouterr().err


def test_each_learner_gets_the_language_of_their_own_settings(capsys: pytest.CaptureFixture[str]) -> None:
    save_settings(Settings(lang="en", path=settings_path("bob")))
    bob = _error_of(["--learner", "bob", "quiz", "--nope"], capsys)
    ann = _error_of(["--learner", "ann", "quiz", "--nope"], capsys)
    assert "error: unrecognized arguments" in bob
    assert "erreur" in ann and "error:" not in ann
