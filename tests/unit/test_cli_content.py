"""`tutor validate`, `tutor lessons`, `tutor schema`: output lines and exit codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_helpers import run_main


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English messages (French is the default): tests/unit/test_french_cli.py checks French."""
    monkeypatch.setenv("TUTOR_LANG", "en")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "lessons"
WriteYaml = Callable[[str, str], Path]


run = run_main


def test_validate_builtin_content_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate")
    assert (code, out) == (0, "")
    assert err.startswith("OK, no problem.")


def test_validate_fixture_with_builtin(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(FIXTURES))
    assert (code, out) == (0, "")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "bad.yaml:1:1: not a text file"),
        (b"", "bad.yaml:1:1: the file is empty"),
        (b"id: x\n\tlang: fr\n", "bad.yaml:2:1: invalid YAML"),
        (b"!!python/object/apply:os.system ['echo owned']\n", "bad.yaml:1:1: tag"),
        (b"- just\n- a list\n", "bad.yaml:1:1: expected a mapping (module), found a list"),
    ],
)
def test_validate_reports_malformed_files_without_traceback(
    capsys: pytest.CaptureFixture[str], write_yaml: WriteYaml, content: bytes, expected: str
) -> None:
    path = write_yaml("bad.yaml", "")
    path.write_bytes(content)
    code, out, err = run(capsys, "validate", "bad.yaml")
    assert code == 1
    assert out.splitlines() == [line for line in out.splitlines() if line.startswith("bad.yaml:")]
    assert out.startswith(expected)
    assert "Traceback" not in out + err


def test_validate_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or directory" in err
    code, _, err = run(capsys, "validate", str(tmp_path))
    assert code == 2 and "no YAML file" in err
    code, _, err = run(capsys, "validate", "--alone")
    assert code == 2 and "--alone needs" in err
    code, _, err = run(capsys, "validate", "--bogus")
    assert code == 2 and err.count("\n") == 1 and "unrecognized arguments" in err
    code, _, err = run(capsys, "--lang", "de", "lessons")
    assert code == 2 and "invalid choice" in err


def test_validate_alone_checks_a_copy_of_the_builtin_lessons(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path) -> None:
    from tutor.locations import builtin_dir

    for path in builtin_dir("lessons").glob("*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    code, _, _ = run(capsys, "validate", "--alone", str(tmp_path))
    assert code == 0
    code, out, _ = run(capsys, "validate", str(tmp_path))
    assert code == 1 and "is already defined in" in out


def test_lessons_lists_modules_and_sections(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lessons", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("fine-tuning  [en]  7. Fine-tuning")
    assert any(line.split()[1] == "strategies" for line in lines[1:])
    code, out_fr, _ = run(capsys, "--lang", "fr", "lessons", "--content", str(FIXTURES))
    assert code == 0 and out_fr.splitlines()[0] == "demo  [fr]  1. Module de démonstration"


def test_lessons_refuses_invalid_extra_content(capsys: pytest.CaptureFixture[str], write_yaml: WriteYaml,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    write_yaml("extra/broken.fr.yaml", "id: broken\n")
    monkeypatch.setenv("TUTOR_CONTENT", "extra")
    code, out, err = run(capsys, "lessons")
    assert code == 1 and out == ""
    assert "extra/broken.fr.yaml:1:1: module: missing 'lang'" in err


def test_the_app_refuses_invalid_content_with_the_same_messages(
    capsys: pytest.CaptureFixture[str], write_yaml: WriteYaml
) -> None:
    write_yaml("extra/broken.fr.yaml", "id: broken\nlang: fr\n")
    code, out, err = run(capsys, "--content", "extra")
    assert code == 1 and out == ""
    assert "extra/broken.fr.yaml:1:1: module: missing 'number'" in err
    assert "Traceback" not in err


def test_missing_content_dir_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "lessons", "--content", str(tmp_path / "absent"))
    assert code == 2 and "content directory not found" in err


def test_app_needs_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys)
    assert code == 2 and "needs a terminal" in err


def test_schema_is_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code, out, _ = run(capsys, "schema", "lesson")
    assert code == 0 and json.loads(out)["title"] == "tutor lesson module"
