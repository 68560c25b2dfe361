"""The last line of defence: any unexpected exception ends in a crash log and two plain lines."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tutor import cli, crash


def _boom() -> None:
    raise ZeroDivisionError("a bug deep in the core")


def test_a_crash_log_keeps_the_traceback_for_its_owner_only(isolated_home: Path) -> None:
    try:
        _boom()
    except ZeroDivisionError as error:
        path = crash.write_crash_log(error, ["tutor", "quiz"])
    assert isinstance(path, Path) and path.parent == isolated_home / "data" / "crashes"
    text = path.read_text(encoding="utf-8")
    assert "command: tutor quiz" in text and "Traceback" in text and "in _boom" in text
    assert "ZeroDivisionError: a bug deep in the core" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_old_logs_are_pruned(isolated_home: Path) -> None:
    directory = isolated_home / "data" / "crashes"
    directory.mkdir(parents=True)
    for number in range(crash.KEEP_LOGS + 5):
        (directory / f"crash-20000101-0000{number:02d}-1.log").write_text("old")
    crash.write_crash_log(ValueError("new"))
    logs = sorted(directory.glob("crash-*.log"))
    assert len(logs) == crash.KEEP_LOGS and not (directory / "crash-20000101-000000-1.log").exists()


def test_an_unwritable_data_directory_still_gives_the_two_lines(isolated_home: Path) -> None:
    (isolated_home / "data").write_text("a file where the directory should be")
    log = crash.write_crash_log(ValueError("x"))
    assert isinstance(log, str)
    message = crash.crash_message(log, "en")
    assert len(message.splitlines()) == 2 and "could not be written" in message


@pytest.mark.parametrize(("lang", "words"), [("fr", ("erreur inattendue", "reprendre")),
                                             ("en", ("unexpected error", "resume"))])
def test_the_message_is_two_lines_in_the_learners_language(lang: str, words: tuple[str, str]) -> None:
    message = crash.crash_message(Path("/tmp/crash-1.log"), lang)
    first, second = message.splitlines()
    assert words[0] in first and words[1] in second and "/tmp/crash-1.log" in second


def test_a_sub_command_that_crashes_exits_1_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], isolated_home: Path,
) -> None:
    def broken(args: object) -> int:
        _boom()
        return 0

    monkeypatch.setattr("tutor.cli.content.run_lessons", broken)
    assert cli.main(["lessons", "--lang", "fr"]) == 1
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "Traceback" not in out and "tutor s'est arrêté sur une erreur inattendue" in out
    logs = list((isolated_home / "data" / "crashes").glob("crash-*.log"))
    assert len(logs) == 1 and "ZeroDivisionError" in logs[0].read_text(encoding="utf-8")
    assert str(logs[0]) in out
