"""The lab in French: no "run", numbers written the French way, accuracy called exactitude."""

from __future__ import annotations

import re

from tutor.i18n.strings.lab import LAB_STRINGS
from tutor.lab.messages import LABELS, MESSAGES
from tutor.lab.report import scenario_lines, summary_lines
from tutor.lab.results import EpochStats, RunResult
from tutor.lab.scenarios import SCENARIOS, ScenarioResult
from tutor.lab.settings import LabSettings, parse_settings

NNBSP = "\u202f"


def french_texts() -> list[str]:
    texts: list[str] = []
    for table in (LAB_STRINGS, LABELS, MESSAGES):
        for entry in table.values():
            value = entry.get("fr", "")
            texts.extend(value.values() if isinstance(value, dict) else [value])  # type: ignore[union-attr]
    return [str(text) for text in texts]


def test_no_franglais_and_accuracy_is_exactitude() -> None:
    for text in (re.sub(r"\{[^}]*\}", "", text) for text in french_texts()):  # not the placeholders
        assert not re.search(r"\brun\b", text, re.IGNORECASE), text
        assert not re.search(r"précision|\bpréc\b", text, re.IGNORECASE), text


def finished(settings: LabSettings) -> RunResult:
    stats = EpochStats(1, 0.5, 0.9, 0.6, 0.868, 0.95, 1e-3, 16098, 0.1, 1, 0, (1e-3,), (0.7,))
    return RunResult(settings, [], None, [stats], best_epoch=1, trainable_params=16098, total_params=16098,
                     source_acc_before=0.987, elapsed=0.5)


def test_summary_numbers_are_written_the_french_way() -> None:
    text = "\n".join(summary_lines(finished(LabSettings()), "fr"))
    assert f"16{NNBSP}098 sur 16{NNBSP}098" in text and "16,098" not in text
    assert f"86,8{NNBSP}%" in text and "exactitude (accuracy)" in text


def test_a_scenario_report_names_its_runs_in_french() -> None:
    scenario = SCENARIOS["forgetting"]
    result = ScenarioResult(scenario, finished(scenario.a), finished(scenario.b), None)  # type: ignore[arg-type]
    text = "\n".join(scenario_lines(result, "fr"))
    assert "Entraînement A — taux 0,1 (trop élevé)" in text and "Entraînement B — taux 0,003" in text
    assert "Run " not in text and "lr 0,1 " in text and "lr 0.1" not in text


def test_a_slow_run_is_announced_in_french() -> None:
    _, problems = parse_settings({"epochs": "300", "examples": "1000"})
    slow = next(p for p in problems if p.key == "slow_run")
    assert re.fullmatch(r"cet entraînement prendra environ \d+ s", slow.fr), slow.fr
    _, problems = parse_settings({"epochs": "500", "examples": "5000", "batch_size": "1"})
    work = next(p for p in problems if p.key == "too_much_work")
    assert f"2{NNBSP}500{NNBSP}000 pas" in work.fr and "steps" not in work.fr
