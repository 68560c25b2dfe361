"""Sub-command `tutor lab`: train the transfer-learning lab without the screen, print the curves.

    tutor lab                              the default run (full fine-tuning, 32 examples)
    tutor lab --scenario forgetting        a shipped scenario: both runs, explanation, claim
    tutor lab --list                       the scenarios
    tutor lab --strategy lora --lr 0.01 --warmup-ratio 0 --vs warmup-ratio=0.1   compare two runs

Light at import time: argparse only; numpy and the trainer are imported by the handler.
Bad values raise tutor.cli.UsageError (one line, exit code 2).
"""

from __future__ import annotations

import argparse
from typing import Any

from tutor.cli import UsageError, option_for

# (option, settings field, help). Values stay strings until tutor.lab.settings parses them.
SETTING_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--strategy", "strategy",
     "scratch | full | feature-extraction | gradual-unfreezing | differential-lr | lora (full)"),
    ("--lr", "lr", "peak learning rate of AdamW (0.003)"),
    ("--warmup-ratio", "warmup_ratio", "warmup as a share of the steps, e.g. 0.1 or 10%% (0.1)"),
    ("--warmup-steps", "warmup_steps", "warmup steps, override the ratio when > 0 (0)"),
    ("--schedule", "schedule", "linear | cosine | constant | constant_with_warmup (linear)"),
    ("--epochs", "epochs", "epochs (10)"),
    ("--batch-size", "batch_size", "batch size (8)"),
    ("--examples", "examples", "labelled target examples, 2-5000 (32)"),
    ("--seed", "seed", "seed of data, initialisation, pre-training and shuffling (0)"),
    ("--layer-decay", "layer_decay", "differential-lr: rate factor per layer down (0.4)"),
    ("--lora-rank", "lora_rank", "LoRA rank r (4)"),
    ("--lora-alpha", "lora_alpha", "LoRA alpha (8)"),
    ("--lora-layer", "lora_layer", "LoRA on layer 1 or 2 (2)"),
    ("--weight-decay", "weight_decay", "AdamW weight decay (0.01)"),
)


def register(subparsers: Any, root_parser: argparse.ArgumentParser) -> None:
    """Add `tutor lab` to `subparsers`."""
    del root_parser  # the conventions need nothing from it here
    lab = subparsers.add_parser(
        "lab", help="train a small network: transfer, forgetting, warmup, overfitting",
        description="Pre-train a small network on a source task, fine-tune it on a related target task with few "
        "examples, and print the curves per epoch (synthetic text-like data). Run a shipped scenario with "
        "--scenario, or choose the settings.",
    )
    lab.add_argument("--scenario", metavar="NAME", help="run a shipped scenario (see --list)")
    lab.add_argument("--list", action="store_true", help="list the shipped scenarios")
    for option, dest, text in SETTING_OPTIONS:
        lab.add_argument(option, dest=dest, metavar=dest.upper(), help=text)
    lab.add_argument(
        "--vs", metavar="FIELD=VALUE[,…]",
        help="compare with a second run: the same settings with these changes, e.g. --vs warmup-ratio=0",
    )
    # SUPPRESS keeps `tutor --lang en lab …` working: a default here would override it.
    lab.add_argument(
        "--lang", choices=("fr", "en"), default=argparse.SUPPRESS,
        help="output language (default: TUTOR_LANG, the locale, fr)",
    )
    lab.add_argument("--json", action="store_true", help="print JSON")
    lab.set_defaults(handler=run_lab)


def _option_name(field: str) -> str:
    return option_for(field, SETTING_OPTIONS)


def _check(problems: list[Any], prefix: str = "") -> None:
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise UsageError("; ".join(f"{prefix}{_option_name(p.field)}: {p.en}" for p in errors))


def _parse_vs(text: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(f"--vs: expected FIELD=VALUE pairs separated by commas, got '{text}'")
        pairs[key.strip().lstrip("-")] = value.strip()
    if not pairs:
        raise UsageError("--vs: give at least one FIELD=VALUE, e.g. --vs warmup-ratio=0")
    return pairs


def run_lab(args: argparse.Namespace) -> int:
    """`tutor lab`: run the scenario or the settings and print the curves (or JSON)."""
    import json

    from tutor.core.i18n import resolve_lang
    from tutor.lab.settings import LabSettings, parse_settings

    lang = resolve_lang(getattr(args, "lang", None))
    values = {dest: getattr(args, dest) for _, dest, _ in SETTING_OPTIONS if getattr(args, dest) is not None}
    if args.list:
        if args.scenario or values or args.vs:
            raise UsageError("--list takes no other option")
        from tutor.lab.scenarios import SCENARIOS

        if args.json:
            listing = [{"name": s.name, "title": s.title, "explanation": s.explanation} for s in SCENARIOS.values()]
            print(json.dumps(listing, ensure_ascii=False, indent=2))
        else:
            from tutor.lab.report import scenario_list_lines

            print("\n".join(scenario_list_lines(lang)))
        return 0

    if args.scenario is not None:
        return _run_scenario(args, values, lang)

    settings, problems = parse_settings(values, LabSettings())
    _check(problems)
    second = None
    if args.vs is not None:
        second, problems_b = parse_settings(_parse_vs(args.vs), settings)
        for problem in problems_b:
            if problem.key == "unknown_setting":
                raise UsageError(f"--vs: unknown setting '{problem.field}'")
        _check(problems_b, "--vs ")

    from tutor.lab.report import comparison_lines, run_lines
    from tutor.lab.train import compare, run

    if second is None:
        result = run(settings)
        if args.json:
            print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        else:
            print("\n".join(run_lines(result, lang)))
        return 0
    a, b = compare(settings, second)
    if args.json:
        print(json.dumps({"runs": {"A": a.as_dict(), "B": b.as_dict()}}, ensure_ascii=False, indent=2))
        return 0
    from tutor.lab.messages import label

    lines = [label("run_a", lang)] + run_lines(a, lang) + ["", label("run_b", lang)]
    lines += run_lines(b, lang, heading=False) + [""] + comparison_lines(a, b, lang)
    print("\n".join(lines))
    return 0


def _run_scenario(args: argparse.Namespace, values: dict[str, str], lang: str) -> int:
    import dataclasses
    import json

    from tutor.lab.report import scenario_lines
    from tutor.lab.scenarios import SCENARIOS, ScenarioResult, get_scenario, run_scenario
    from tutor.lab.settings import parse_settings

    if args.vs is not None:
        raise UsageError("--vs compares your own settings; a scenario already has its runs")
    scenario = get_scenario(args.scenario)
    if scenario is None:
        raise UsageError(f"--scenario: unknown scenario '{args.scenario}'; known: {', '.join(SCENARIOS)}")
    if values:
        a, problems = parse_settings(values, scenario.a)
        _check(problems)
        b = None
        if scenario.b is not None:
            b, problems = parse_settings(values, scenario.b)
            _check(problems)
        scenario = dataclasses.replace(scenario, a=a, b=b)
    result: ScenarioResult = run_scenario(scenario)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(scenario_lines(result, lang)))
    return 0
