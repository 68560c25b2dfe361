"""What F5 (lab panel) and `tutor lab --scenario` train: one function turns a scenario and the
values typed into runs, so both interfaces train exactly the values the learner gave."""

from __future__ import annotations

import json
import sys

import pytest

from tutor.cli import lab as lab_cli
from tutor.cli.parser import TutorArgumentParser
from tutor.lab.plan import edited_values, plan_runs
from tutor.lab.results import RunResult
from tutor.lab.scenarios import SCENARIOS, ScenarioResult

FORGETTING = SCENARIOS["forgetting"]


def form_filled_with(scenario_name: str) -> dict[str, object]:
    """The lab form's fields as the panel fills them when a scenario is chosen (run A's values)."""
    a = SCENARIOS[scenario_name].a
    names = ("strategy", "lr", "warmup_ratio", "schedule", "epochs", "batch_size", "examples", "seed")
    return {name: f"{getattr(a, name):g}" if isinstance(getattr(a, name), float) else getattr(a, name)
            for name in names}


def test_values_apply_to_every_run_of_the_scenario() -> None:
    plan = plan_runs(FORGETTING, {"lr": "0.5", "epochs": "20"})
    assert plan.ok and plan.scenario is not None
    assert [(r.key, r.settings.lr, r.settings.epochs, r.edited) for r in plan.runs] == [
        ("A", 0.5, 20, True), ("B", 0.5, 20, True)]
    assert plan.scenario.a == plan.runs[0].settings and plan.scenario.b == plan.runs[1].settings
    assert plan.runs[0].names["en"] == "rate 0.1 (too high), edited settings"  # the old name no longer fits
    assert plan.scenario.label_a == plan.runs[0].names


def test_no_values_train_the_scenario_as_shipped() -> None:
    plan = plan_runs(FORGETTING, {})
    assert [r.settings for r in plan.runs] == [FORGETTING.a, FORGETTING.b]
    assert not any(r.edited for r in plan.runs) and plan.scenario == FORGETTING


def test_only_the_fields_the_learner_changed_count_as_edits() -> None:
    form = form_filled_with("forgetting") | {"epochs": "20", "lr": "0,1"}  # 0,1 is still run A's 0.1
    edits = edited_values(form, FORGETTING.a)
    assert edits == {"epochs": "20"}
    plan = plan_runs(FORGETTING, edits)
    assert [(r.settings.lr, r.settings.epochs) for r in plan.runs] == [(0.1, 20), (0.003, 20)]


def test_an_unreadable_value_is_an_edit_and_its_error_is_reported_once() -> None:
    form = form_filled_with("forgetting") | {"lr": "abc"}
    edits = edited_values(form, FORGETTING.a)
    assert edits == {"lr": "abc"}
    plan = plan_runs(FORGETTING, edits)
    assert not plan.ok
    assert [(key, p.field, p.key) for key, p in plan.errors] == [("A", "lr", "not_number")]


def test_free_settings_make_one_run() -> None:
    plan = plan_runs(None, {"epochs": "3", "strategy": "lora"})
    assert plan.scenario is None and [r.key for r in plan.runs] == ["current"]
    assert plan.runs[0].settings.epochs == 3 and plan.runs[0].settings.strategy == "lora"
    assert [p.field for _, p in plan_runs(None, {"epochs": "0"}).errors] == ["epochs"]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    parser = TutorArgumentParser(prog="tutor")
    subparsers = parser.add_subparsers(dest="command", parser_class=TutorArgumentParser)
    lab_cli.register(subparsers, parser)
    args = parser.parse_args(["lab", *argv, "--json"])
    assert args.handler(args) == 0
    out, err = capsys.readouterr()
    assert err == "", err
    return json.loads(out)


def test_the_command_line_builds_its_runs_with_the_same_function(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tutor.lab.plan
    import tutor.lab.scenarios

    calls: list[dict[str, object]] = []
    original = tutor.lab.plan.plan_runs

    def spy(scenario: object, values: dict[str, object], *rest: object) -> object:
        calls.append(dict(values))
        return original(scenario, values, *rest)  # type: ignore[arg-type]

    def untrained(scenario: object) -> ScenarioResult:  # the settings are what is checked, not curves
        s = scenario  # type: ignore[assignment]
        return ScenarioResult(s, RunResult(s.a), RunResult(s.b) if s.b else None, None)  # type: ignore[attr-defined]

    monkeypatch.setattr(tutor.lab.plan, "plan_runs", spy)
    monkeypatch.setattr(tutor.lab.scenarios, "run_scenario", untrained)
    data = run_cli(capsys, "--scenario", "forgetting", "--lr", "0.5")
    runs = data["runs"]
    assert isinstance(runs, dict)
    assert [runs[k]["settings"]["lr"] for k in ("A", "B")] == [0.5, 0.5]
    data = run_cli(capsys, "--scenario", "forgetting", "--epochs", "3")
    runs = data["runs"]
    assert isinstance(runs, dict)
    assert [(runs[k]["settings"]["lr"], runs[k]["settings"]["epochs"]) for k in ("A", "B")] == [(0.1, 3), (0.003, 3)]
    assert calls == [{"lr": "0.5"}, {"epochs": "3"}]
    assert sys.modules["tutor.lab.plan"] is tutor.lab.plan
