"""`tutor lab`: text (≤ 80 columns, fr and en), JSON, scenarios, comparison, one-line usage errors."""

from __future__ import annotations

import json
import sys

import pytest

from tests.helpers import spaced
from tutor.cli import lab as lab_cli
from tutor.cli.parser import TutorArgumentParser
from tutor.errors import EXIT_USAGE, UsageError


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English messages (French is the default): tests/unit/test_french_cli.py checks French."""
    monkeypatch.setenv("TUTOR_LANG", "en")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Parse and run `tutor lab argv…` as tutor.cli.main does (usage errors: one line, exit 2)."""
    parser = TutorArgumentParser(prog="tutor")
    subparsers = parser.add_subparsers(dest="command", parser_class=TutorArgumentParser)
    lab_cli.register(subparsers, parser)
    try:
        args = parser.parse_args(["lab", *argv])
        code = int(args.handler(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    except UsageError as error:
        print(f"tutor: error: {error}", file=sys.stderr)
        code = EXIT_USAGE
    out, err = capsys.readouterr()
    return code, out, err


def assert_usage_error(result: tuple[int, str, str], *fragments: str) -> None:
    code, out, err = result
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


def assert_narrow(text: str) -> None:
    assert all(len(line) <= 80 for line in text.splitlines()), max(text.splitlines(), key=len)


def test_default_run_prints_the_curves_and_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "en")
    assert code == 0
    assert_narrow(out)
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if "val loss" in line and "source acc" in line)
    rows = lines[header + 1 : header + 12]
    assert [int(row[2:].split()[0]) for row in rows] == list(range(0, 11))
    starred = [row for row in rows if row.startswith("*")]
    assert len(starred) == 1
    assert "Best epoch: " + starred[0][2:].split()[0] in out
    assert "Synthetic data" in out and "Source task: " in out and "Trainable parameters: 16,098 of 16,098" in out
    assert "40 optimizer steps (4 per epoch), 4 of them warmup" in out


def test_french_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--strategy", "feature-extraction", "--epochs", "3", "--lang", "fr")
    assert code == 0
    assert_narrow(out)
    assert "Données synthétiques" in out and "extraction de caractéristiques" in out
    assert "Paramètres entraînables : 66 sur 16 098" in spaced(out) and "(oubli : 0,0 points)" in spaced(out)


def test_language_from_the_environment(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_LANG", "en")
    _, out, _ = run(capsys, "--epochs", "2")
    assert "Best epoch" in out
    monkeypatch.delenv("TUTOR_LANG")
    _, out, _ = run(capsys, "--epochs", "2")  # LANG=C.UTF-8 in the tests: French by default
    assert "Meilleure époque" in out


def test_json_run(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--strategy", "lora", "--lr", "0.01", "--epochs", "4", "--json")
    data = json.loads(out)
    assert code == 0 and data["ok"] is True and data["cancelled"] is False
    assert data["settings"]["strategy"] == "lora" and data["trainable_params"] == 450
    assert [e["epoch"] for e in data["epochs"]] == [1, 2, 3, 4] and data["initial"]["epoch"] == 0
    assert len(data["step_lrs"]) == data["steps"]["total"] == 16
    assert data["best_epoch"] in (1, 2, 3, 4) and set(data["changed"]) == {"head", "lora"}


def test_scenario_text_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--scenario", "forgetting", "--lang", "en")
    assert code == 0
    assert_narrow(out)
    assert "Catastrophic forgetting" in out and "Run A — rate 0.1 (too high)" in out and "Run B — rate 0.003" in out
    assert "Comparison" in out and "source acc (end)" in out
    assert "✓ Holds on these curves" in out
    code, out, _ = run(capsys, "--scenario", "warmup", "--lang", "fr")
    assert code == 0
    assert_narrow(out)
    assert "sans warmup" in out and "✓ Vérifié sur ces courbes :" in out


def test_scenario_json_and_seed_override(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--scenario", "overfitting", "--json")
    data = json.loads(out)
    assert code == 0 and data["claim"]["holds"] is True and data["runs"]["A"]["settings"]["epochs"] == 40
    code, out, _ = run(capsys, "--scenario", "transfer-vs-scratch", "--seed", "2", "--json")
    data = json.loads(out)
    assert {r["settings"]["seed"] for r in data["runs"].values()} == {2}
    assert data["runs"]["B"]["settings"]["strategy"] == "scratch"


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--list", "--lang", "en")
    assert code == 0
    assert_narrow(out)
    for name in ("transfer-vs-scratch", "forgetting", "warmup", "overfitting"):
        assert name in out
    code, out, _ = run(capsys, "--list", "--json")
    assert [s["name"] for s in json.loads(out)][0] == "transfer-vs-scratch"


def test_comparison_with_vs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--warmup-ratio", "0", "--epochs", "3", "--vs", "warmup-ratio=20%", "--lang", "en")
    assert code == 0
    assert_narrow(out)
    assert out.count("optimizer steps") == 2 and "0 of them warmup" in out and "3 of them warmup" in out
    assert "Comparison" in out
    code, out, _ = run(capsys, "--epochs", "2", "--vs", "strategy=scratch", "--json")
    data = json.loads(out)
    assert data["runs"]["A"]["settings"]["strategy"] == "full"
    assert data["runs"]["B"]["settings"]["strategy"] == "scratch"


def test_warnings_are_shown_not_fatal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--schedule", "constant", "--epochs", "2", "--lang", "en")
    assert code == 0 and "! schedule: the 'constant' schedule ignores warmup" in out


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (("--examples", "0"), ("--examples: must be >= 2",)),
        (("--lr", "-0.1"), ("--lr: must be > 0",)),
        (("--lr=-0.1",), ("--lr: must be > 0",)),
        (("--batch-size", "1e9"), ("--batch-size: must be <= 4,096",)),
        (("--examples", "lots"), ("'lots' is not a number",)),
        (("--strategy", "magic"), ("--strategy: unknown value 'magic'",)),
        (("--epochs", "500", "--examples", "5000", "--batch-size", "1"), ("too much work",)),
        (("--examples", "0", "--lr", "0"), ("--examples", "--lr")),
        (("--scenario", "nope"), ("unknown scenario 'nope'", "forgetting")),
        (("--scenario", "warmup", "--vs", "lr=0.1"), ("--vs",)),
        (("--scenario", "warmup", "--lr", "-1"), ("--lr: must be > 0",)),
        (("--list", "--lr", "1"), ("--list",)),
        (("--vs", "lr"), ("FIELD=VALUE",)),
        (("--vs", "colour=blue"), ("unknown setting 'colour'",)),
        (("--vs", "lr=-1"), ("--vs --lr: must be > 0",)),
        (("--lang", "de"), ("invalid choice",)),
        (("--bogus",), ("unrecognized arguments",)),
    ],
)
def test_bad_values_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    assert_usage_error(run(capsys, *argv), *fragments)


def test_through_tutor_main(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import tutor.cli

    if "tutor.cli.lab" not in tutor.cli.COMMAND_MODULES:
        monkeypatch.setattr(tutor.cli, "COMMAND_MODULES", (*tutor.cli.COMMAND_MODULES, "tutor.cli.lab"))
    assert tutor.cli.main(["--lang", "en", "lab", "--epochs", "2"]) == 0
    assert "Best epoch" in capsys.readouterr().out
    assert tutor.cli.main(["lab", "--examples", "0"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == "tutor: error: --examples: must be >= 2"
