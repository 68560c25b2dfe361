"""What will be trained: a scenario (or free settings) plus the values the learner typed (pure).

The lab panel and `tutor lab` both build their runs here, so the values a learner types are the
values a run uses, whichever interface they typed them in. A scenario's values apply to every
one of its runs, as `tutor lab --scenario forgetting --lr 0.5` runs both runs at 0.5; what makes
run B differ from run A stays as the scenario set it unless the learner changed that very field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from tutor.i18n.catalogue import t
from tutor.lab.scenarios import Scenario
from tutor.lab.settings import LabSettings, parse_settings
from tutor.sim.config import Problem


@dataclass(frozen=True)
class PlannedRun:
    """One run to train: its key ("A", "B" or "current"), settings, names, problems, whether edited."""

    key: str
    settings: LabSettings
    names: dict[str, str]  # language → the run's name ({} for free settings)
    problems: tuple[Problem, ...] = ()  # reading the values over this run's settings, then validating
    edited: bool = False  # the settings differ from the scenario's own


@dataclass(frozen=True)
class RunPlan:
    """The runs to train and the scenario they come from, with the values applied."""

    runs: tuple[PlannedRun, ...]
    scenario: Scenario | None

    @property
    def problems(self) -> list[Problem]:
        """Every problem, once (runs A and B often share one: the same value was applied to both)."""
        return _unique([p for run in self.runs for p in run.problems])

    @property
    def errors(self) -> list[tuple[str, Problem]]:
        """(run key, problem) for each error, once; any of them means nothing may be trained."""
        seen: set[tuple[str, str, str]] = set()
        found = []
        for run in self.runs:
            for p in run.problems:
                if p.severity == "error" and (p.field, p.key, p.en) not in seen:
                    seen.add((p.field, p.key, p.en))
                    found.append((run.key, p))
        return found

    @property
    def ok(self) -> bool:
        """True when every run may be trained."""
        return not self.errors


def edited_values(values: Mapping[str, object], shown: LabSettings) -> dict[str, object]:
    """The `values` of a form filled with `shown` that the learner changed.

    A value counts as changed when it reads as another value ("0,1" is still 0.1) or does not read
    at all (the problem must reach the learner). Untouched fields are left out, so they do not
    flatten what a scenario's second run sets differently.
    """
    changed: dict[str, object] = {}
    for name, raw in values.items():
        parsed, problems = parse_settings({name: raw}, shown)
        field = str(name).strip().lower().replace("-", "_")
        unread = any(p.field == field and p.severity == "error" for p in problems)
        if unread or getattr(parsed, field, None) != getattr(shown, field, None):
            changed[name] = raw
    return changed


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for p in problems:
        if (p.field, p.key, p.en) not in seen:
            seen.add((p.field, p.key, p.en))
            kept.append(p)
    return kept


def plan_runs(scenario: Scenario | None, values: Mapping[str, object],
              base: LabSettings | None = None) -> RunPlan:
    """The runs for `scenario` (None: free settings over `base`) with `values` applied to each.

    `values` are text or typed values keyed by field name (dashes allowed), as
    `tutor.lab.settings.parse_settings` reads them. Never raises: the problems are in the plan,
    and a plan with an error must not be trained.
    """
    if scenario is None:
        settings, problems = parse_settings(values, base or LabSettings())
        return RunPlan((PlannedRun("current", settings, {}, tuple(problems)),), None)
    runs = []
    applied: dict[str, object] = {"a": None, "b": None}
    for key, preset, names in scenario.runs():
        settings, problems = parse_settings(values, preset)
        edited = settings != preset
        if edited:  # "taux 0,1 (trop élevé)" no longer describes a run at another rate
            names = {lang: t("lab.run.edited", lang, label=name) for lang, name in names.items()}
        applied[key.lower()] = settings
        applied[f"label_{key.lower()}"] = names
        runs.append(PlannedRun(key, settings, names, tuple(problems), edited=edited))
    return RunPlan(tuple(runs), dataclasses.replace(scenario, **applied))  # type: ignore[arg-type]  # applied: values of the fields' types
