"""Sub-commands `tutor recommend`, `tutor estimate` and `tutor sample`.

Light at import time: only argparse here; the simulators are imported by the handlers.
Bad values raise tutor.cli.UsageError (one line, exit code 2).
"""

from __future__ import annotations

import argparse
from typing import Any

from tutor.cli import UsageError, option_for, shown_value

# Options of `tutor estimate`, mapped to FineTuneConfig fields, with the catalogue key of their
# help. Values stay strings until the core parses them, so every message about a bad value comes
# from one place.
ESTIMATE_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--model", "model", "help.estimate.model"),
    ("--task", "task", "help.estimate.task"),
    ("--strategy", "strategy", "help.estimate.strategy"),
    ("--lora-r", "lora_r", "help.estimate.lora_r"),
    ("--lora-alpha", "lora_alpha", "help.estimate.lora_alpha"),
    ("--lora-targets", "lora_targets", "help.estimate.lora_targets"),
    ("--adapter-size", "adapter_size", "help.estimate.adapter_size"),
    ("--num-labels", "num_labels", "help.estimate.num_labels"),
    ("--precision", "precision", "help.estimate.precision"),
    ("--batch-size", "batch_size", "help.estimate.batch_size"),
    ("--grad-accum", "grad_accum", "help.estimate.grad_accum"),
    ("--devices", "devices", "help.estimate.devices"),
    ("--seq-len", "seq_len", "help.estimate.seq_len"),
    ("--examples", "examples", "help.estimate.examples"),
    ("--epochs", "epochs", "help.estimate.epochs"),
    ("--lr", "lr", "help.estimate.lr"),
    ("--schedule", "schedule", "help.estimate.schedule"),
    ("--gpu", "gpu", "help.estimate.gpu"),
    ("--mfu", "mfu", "help.estimate.mfu"),
)

# What each option's value is, for the usage line (N a whole number, X a number).
ESTIMATE_METAVARS = {
    "model": "help.metavar.name", "task": "help.metavar.choice", "strategy": "help.metavar.choice",
    "precision": "help.metavar.choice", "schedule": "help.metavar.choice", "gpu": "help.metavar.choice",
    "lora_targets": "help.metavar.list", "epochs": "X", "lr": "X", "mfu": "X",
}


def register(subparsers: Any, root_parser: argparse.ArgumentParser) -> None:
    """Add the simulator sub-commands to `subparsers`."""
    from tutor.commands import parser_lang
    from tutor.core.i18n import t

    lang = parser_lang(root_parser)
    recommend = subparsers.add_parser(
        "recommend", help=t("help.recommend", lang), description=t("help.recommend.description", lang),
    )
    recommend.add_argument("family", choices=("bert", "gpt"), help=t("help.recommend.family", lang))
    recommend.add_argument("sentence", nargs="+", metavar=t("help.metavar.words", lang),
                           help=t("help.recommend.sentence", lang))
    # SUPPRESS keeps `tutor --lang en recommend …` working: a default here would override it.
    recommend.add_argument("--lang", choices=("fr", "en"), default=argparse.SUPPRESS, help=t("help.output_lang", lang))
    recommend.add_argument("--json", action="store_true", help=t("help.json", lang))
    recommend.set_defaults(handler=run_recommend)

    estimate = subparsers.add_parser(
        "estimate", help=t("help.estimate", lang), description=t("help.estimate.description", lang),
    )
    for option, dest, key in ESTIMATE_OPTIONS:
        metavar = ESTIMATE_METAVARS.get(dest, "N")
        estimate.add_argument(option, dest=dest, metavar=t(metavar, lang) if "." in metavar else metavar,
                              required=option == "--model", help=t(key, lang))
    warmup = estimate.add_mutually_exclusive_group()
    warmup.add_argument("--warmup-ratio", dest="warmup_ratio", metavar="X", help=t("help.estimate.warmup_ratio", lang))
    warmup.add_argument("--warmup-steps", dest="warmup_steps", metavar="W", help=t("help.estimate.warmup_steps", lang))
    estimate.add_argument("--checkpointing", action="store_true", help=t("help.estimate.checkpointing", lang))
    estimate.add_argument("--snippet", choices=("python", "yaml"), help=t("help.estimate.snippet", lang))
    estimate.add_argument("--json", action="store_true", help=t("help.json", lang))
    estimate.add_argument("--lang", choices=("fr", "en"), default=argparse.SUPPRESS, help=t("help.output_lang", lang))
    estimate.set_defaults(handler=run_estimate)

    sample = subparsers.add_parser(
        "sample", help=t("help.sample", lang), description=t("help.sample.description", lang),
    )
    sample.add_argument("--logits", help=t("help.sample.logits", lang))
    sample.add_argument("--tokens", help=t("help.sample.tokens", lang))
    sample.add_argument("--example", help=t("help.sample.example", lang))
    sample.add_argument("--temperature", default="1.0", help=t("help.sample.temperature", lang))
    sample.add_argument("--top-k", dest="top_k", default="0", help=t("help.sample.top_k", lang))
    sample.add_argument("--top-p", dest="top_p", default="1.0", help=t("help.sample.top_p", lang))
    sample.add_argument("--json", action="store_true", help=t("help.json", lang))
    sample.add_argument("--lang", choices=("fr", "en"), default=argparse.SUPPRESS, help=t("help.output_lang", lang))
    sample.set_defaults(handler=run_sample)


def _option_name(field: str) -> str:
    return option_for(field, ESTIMATE_OPTIONS)


def run_recommend(args: argparse.Namespace) -> int:
    """`tutor recommend`: print the recommended settings for the sentence."""
    import json

    from tutor.cli import args_lang
    from tutor.sim.recommend import recommend
    from tutor.sim.report import recommendation_lines

    lang = args_lang(args)
    sentence = " ".join(args.sentence).strip()
    if not sentence:
        raise UsageError("cli.describe_task")
    result = recommend(args.family, sentence, lang)
    if args.json:
        print(json.dumps(result.as_dict(lang), ensure_ascii=False, indent=2))
    else:
        print("\n".join(recommendation_lines(result, lang)))
    return 0


def run_estimate(args: argparse.Namespace) -> int:
    """`tutor estimate`: print the estimate (or the configuration as a script / YAML)."""
    import json
    import sys

    from tutor.cli import args_lang
    from tutor.core.i18n import t
    from tutor.sim.config import parse_config
    from tutor.sim.estimate import estimate
    from tutor.sim.report import estimate_lines, warmup_warning

    lang = args_lang(args)
    values: dict[str, object] = {
        dest: getattr(args, dest) for _, dest, _ in ESTIMATE_OPTIONS if getattr(args, dest) is not None
    }
    for dest in ("warmup_ratio", "warmup_steps"):
        if getattr(args, dest) is not None:
            values[dest] = getattr(args, dest)
    if args.warmup_steps is not None and args.warmup_ratio is None:
        values["warmup_ratio"] = "0"
    if args.checkpointing:
        values["checkpointing"] = True
    config, problems = parse_config(values)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        separator = " ; " if lang == "fr" else "; "
        raise UsageError(separator.join(t("cli.option_problem", lang, option=_option_name(p.field), text=p.text(lang))
                                        for p in errors))
    if args.snippet:
        from tutor.sim.export import to_python, to_yaml

        print(to_python(config) if args.snippet == "python" else to_yaml(config), end="")
        return 0
    result = estimate(config)
    if result.warmup_steps > result.total_steps:
        # The JSON and the snippet are for scripts: the warning goes to stderr in every format.
        print(t("cli.warning", lang, message=warmup_warning(result, lang)), file=sys.stderr)
    if args.json:
        print(json.dumps(result.as_dict(), indent=2))
    else:
        print("\n".join(estimate_lines(result, lang, warn_warmup=False)))
    return 0


def run_sample(args: argparse.Namespace) -> int:
    """`tutor sample`: print the distribution after each sampling step and the kept tokens."""
    import json

    from tutor.cli import args_lang
    from tutor.sim.parsing import (
        parse_float,
        parse_float_list,
        parse_int,
        parse_str_list,
    )
    from tutor.sim.sampling import PLAYGROUND, sample_steps

    lang = args_lang(args)
    tokens: list[str] | None = None
    if args.example is not None:
        if args.logits is not None:
            raise UsageError("cli.sample.example_or_logits")
        example = next((e for e in PLAYGROUND if e.id == args.example), None)
        if example is None:
            known = ", ".join(e.id for e in PLAYGROUND)
            raise UsageError("cli.sample.unknown_example", value=shown_value(args.example), known=known)
        logits, tokens = list(example.logits), list(example.tokens)
    elif args.logits is None:
        raise UsageError("cli.sample.need_logits")
    else:
        parsed = parse_float_list(args.logits)
        if parsed is None:
            raise UsageError("cli.sample.bad_logits", value=shown_value(args.logits))
        logits = parsed
    if args.tokens is not None:
        tokens = parse_str_list(args.tokens)
        if len(tokens) != len(logits):
            raise UsageError("cli.sample.tokens_mismatch", tokens=len(tokens), logits=len(logits))
    temperature = parse_float(args.temperature)
    if temperature is None or temperature <= 0:
        raise UsageError("cli.sample.bad_temperature", value=shown_value(args.temperature))
    top_k = parse_int(args.top_k)
    if top_k is None or top_k < 0:
        raise UsageError("cli.sample.bad_top_k", value=shown_value(args.top_k))
    top_p = parse_float(args.top_p)
    if top_p is None or not 0 < top_p <= 1:
        raise UsageError("cli.sample.bad_top_p", value=shown_value(args.top_p))
    result = sample_steps(logits, tokens, temperature, top_k, top_p)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        from tutor.core.i18n import t
        from tutor.sim.report import sample_lines

        print("\n".join(sample_lines(result, lang)))
        if result.greedy:  # the temperature column is the limit T → 0, not HF's float32 NaN
            print(t("cli.sample.greedy_note", lang))
    return 0
