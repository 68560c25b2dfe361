"""Sub-command `tutor lab`: train the transfer-learning lab without the screen, print the curves.

    tutor lab                              the default run (full fine-tuning, 32 examples)
    tutor lab --scenario forgetting        a shipped scenario: both runs, explanation, claim
    tutor lab --list                       the scenarios
    tutor lab --strategy lora --lr 0.01 --warmup-ratio 0 --vs warmup-ratio=0.1   compare two runs

Light at import time: argparse only; numpy and the trainer are imported by the handler.
Bad values raise tutor.errors.UsageError (one line, exit code 2).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tutor.cli.parser import option_for
from tutor.errors import UsageError
from tutor.i18n.catalogue import t

if TYPE_CHECKING:
    from tutor.content.model import Course

# (option, settings field, values a learner may type). The help text is the form's label and hint
# in the learner's language (tutor.lab.messages.FIELD_LABELS), so the screen and the CLI agree.
SETTING_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--strategy", "strategy", "scratch | full | feature-extraction | gradual-unfreezing | differential-lr | lora"),
    ("--lr", "lr", ""),
    ("--warmup-ratio", "warmup_ratio", ""),
    ("--warmup-steps", "warmup_steps", ""),
    ("--schedule", "schedule", "linear | cosine | constant | constant_with_warmup"),
    ("--epochs", "epochs", ""),
    ("--batch-size", "batch_size", ""),
    ("--examples", "examples", ""),
    ("--seed", "seed", ""),
    ("--layer-decay", "layer_decay", ""),
    ("--lora-rank", "lora_rank", ""),
    ("--lora-alpha", "lora_alpha", ""),
    ("--lora-layer", "lora_layer", ""),
    ("--weight-decay", "weight_decay", ""),
)


def _option_help(field: str, values: str, lang: str) -> str:
    """The form's label and hint for `field` (argparse reads `%` as a format: doubled)."""
    from tutor.lab.messages import FIELD_LABELS

    label, hint = FIELD_LABELS[field].get(lang, FIELD_LABELS[field]["en"])
    text = f"{label} : {values or hint}" if lang == "fr" else f"{label}: {values or hint}"
    return text.replace("%", "%%")


def register(subparsers: Any, root_parser: argparse.ArgumentParser) -> None:
    """Add `tutor lab` to `subparsers`."""
    from tutor.cli.options import parser_lang

    lang = parser_lang(root_parser)
    lab = subparsers.add_parser("lab", help=t("help.lab", lang), description=t("help.lab.description", lang))
    lab.add_argument("--scenario", metavar=t("help.metavar.name", lang), help=t("help.lab.scenario", lang))
    lab.add_argument("--list", action="store_true", help=t("help.lab.list", lang))
    for option, dest, values in SETTING_OPTIONS:
        lab.add_argument(option, dest=dest, metavar=dest.upper(), help=_option_help(dest, values, lang))
    lab.add_argument("--vs", metavar=t("help.lab.vs_metavar", lang), help=t("help.lab.vs", lang))
    # SUPPRESS keeps `tutor --lang en lab …` working: a default here would override it.
    lab.add_argument("--lang", choices=("fr", "en"), default=argparse.SUPPRESS, help=t("help.lab.lang", lang))
    lab.add_argument("--json", action="store_true", help=t("help.lab.json", lang))
    lab.set_defaults(handler=run_lab)


def _option_name(field: str) -> str:
    return option_for(field, SETTING_OPTIONS)


def _check(problems: list[Any], lang: str, prefix: str = "") -> None:
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        separator = "\u00a0: " if lang == "fr" else ": "
        raise UsageError("; ".join(f"{prefix}{_option_name(p.field)}{separator}{p.text(lang)}" for p in errors))


def _parse_vs(text: str, lang: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(t("lab.cli.vs_pairs", lang, text=text))
        pairs[key.strip().lstrip("-")] = value.strip()
    if not pairs:
        raise UsageError(t("lab.cli.vs_empty", lang))
    return pairs


def run_lab(args: argparse.Namespace) -> int:
    """`tutor lab`: run the scenario or the settings and print the curves (or JSON)."""
    import json

    from tutor.cli.lang import args_lang
    from tutor.lab.plan import plan_runs
    from tutor.lab.settings import parse_settings

    lang = args_lang(args)  # --lang, TUTOR_LANG, the learner's settings, the locale
    values = {dest: getattr(args, dest) for _, dest, _ in SETTING_OPTIONS if getattr(args, dest) is not None}
    if args.list:
        if args.scenario or values or args.vs:
            raise UsageError(t("lab.cli.list_alone", lang))
        from tutor.lab.scenarios import SCENARIOS

        if args.json:
            listing = [{"name": s.name, "title": s.title, "explanation": s.explanation,
                        "lesson": {"module": s.lesson[0], "section": s.lesson[1]}} for s in SCENARIOS.values()]
            print(json.dumps(listing, ensure_ascii=False, indent=2))
        else:
            from tutor.lab.report import scenario_list_lines

            print("\n".join(scenario_list_lines(lang, _course())))
        return 0

    if args.scenario is not None:
        return _run_scenario(args, values, lang)

    plan = plan_runs(None, values)
    _check(plan.problems, lang)
    settings = plan.runs[0].settings
    second = None
    if args.vs is not None:
        second, problems_b = parse_settings(_parse_vs(args.vs, lang), settings)
        for problem in problems_b:
            if problem.key == "unknown_setting":
                raise UsageError(t("lab.cli.vs_unknown", lang, field=problem.field))
        _check(problems_b, lang, "--vs ")

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


def _course() -> Course | None:
    """The built-in course, to name the lesson of each scenario (None if it cannot be read)."""
    from tutor.loader import builtin_paths, load_content_cached

    content = load_content_cached(builtin_paths())
    return None if content.problems else content.course


def _run_scenario(args: argparse.Namespace, values: dict[str, str], lang: str) -> int:
    import json

    from tutor.lab.plan import plan_runs
    from tutor.lab.report import scenario_lines
    from tutor.lab.scenarios import (
        SCENARIOS,
        ScenarioResult,
        get_scenario,
        run_scenario,
    )

    if args.vs is not None:
        raise UsageError(t("lab.cli.vs_scenario", lang))
    scenario = get_scenario(args.scenario)
    if scenario is None:
        raise UsageError(t("lab.cli.unknown_scenario", lang, name=args.scenario, known=", ".join(SCENARIOS)))
    # The same function as the lab panel's F5: the options given apply to every run of the scenario.
    plan = plan_runs(scenario, values)
    _check(plan.problems, lang)
    assert plan.scenario is not None
    result: ScenarioResult = run_scenario(plan.scenario)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(scenario_lines(result, lang, _course())))
    return 0
