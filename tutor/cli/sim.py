"""Sub-commands `tutor recommend`, `tutor estimate` and `tutor sample`.

Light at import time: only argparse here; the simulators are imported by the handlers.
Bad values raise tutor.errors.UsageError (one line, exit code 2).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tutor.cli.parser import option_for
from tutor.errors import UsageError, shown_value

if TYPE_CHECKING:
    from tutor.sim.config import FineTuneConfig

# Options of `tutor estimate`, mapped to FineTuneConfig fields, with the catalogue key of their
# help. Values stay strings until the core parses them, so every message about a bad value comes
# from one place. An option whose field the core does not have (yet) is not offered.
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
    ("--optimizer", "optimizer", "help.estimate.optimizer"),
    ("--dpo-beta", "dpo_beta", "help.estimate.dpo_beta"),
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
    "optimizer": "help.metavar.choice", "lora_targets": "help.metavar.list", "epochs": "X", "lr": "X",
    "mfu": "X", "dpo_beta": "X", "lora_alpha": "X",
}


def estimate_help(lang: str) -> dict[str, str]:
    """The help of each estimate option in `lang`, its choices and defaults read from the core.

    The choices (tasks, strategies, precisions, optimizers, GPUs) are the core's tuples, never
    repeated here, so a strategy added to the core shows in `--help` without touching this file.
    """
    from tutor.i18n.catalogue import t
    from tutor.sim import config as core
    from tutor.sim.catalogue import DECODER_TASKS, ENCODER_TASKS, GPUS, SEQ2SEQ_TASKS

    defaults = core.FineTuneConfig()
    choices = {"strategy": core.STRATEGIES, "precision": core.PRECISIONS, "gpu": tuple(GPUS),
               "optimizer": core.OPTIMIZERS}
    texts: dict[str, str] = {}
    for _, dest, key in ESTIMATE_OPTIONS:
        values: dict[str, object] = {"default": _shown_default(getattr(defaults, dest, ""))}
        if dest in choices:
            values["choices"] = " | ".join(choices[dest])
        if dest == "task":
            values.update(encoder=" | ".join(ENCODER_TASKS), decoder=" | ".join(DECODER_TASKS),
                          seq2seq=" | ".join(SEQ2SEQ_TASKS))
        if dest == "lr":
            values = _default_rates(core, lang)
        texts[dest] = t(key, lang, **values)
    return texts


def _shown_default(value: object) -> str:
    """A default as a learner would type it: 2e-5 and 1e-3 for rates, 3 for 3.0, 0.1 for 0.1."""
    if isinstance(value, float):
        if 0 < value < 0.01:
            mantissa, exponent = f"{value:.2e}".split("e")
            return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"
        return f"{value:g}"
    return str(value)


def _default_rates(core: Any, lang: str) -> dict[str, object]:
    """The default learning rate of each strategy ("full 2e-5 (seq2seq 5e-5), lora 2e-4, …"), then for DPO."""
    from tutor.i18n.catalogue import t

    def rates(task: str | None) -> list[str]:
        parts = []
        for strategy in core.STRATEGIES:
            by_family = {family: _shown_default(core.default_lr(strategy, family, task))
                         for family in ("encoder", "decoder", "seq2seq")}
            usual = by_family["encoder"]
            others = [f"{t('estimate.family.' + family, lang)} {rate}" for family, rate in by_family.items()
                      if rate != usual]
            parts.append(f"{strategy} {usual}" + (f" ({', '.join(others)})" if others else ""))
        return parts

    separator = " ; " if lang == "fr" else ", "
    plain, dpo = rates(None), rates("dpo")
    return {"rates": separator.join(plain),
            "dpo": separator.join(part for part in dpo if part.split()[0] in ("full", "lora", "qlora"))}


def register(subparsers: Any, root_parser: argparse.ArgumentParser) -> None:
    """Add the simulator sub-commands to `subparsers`."""
    from tutor.cli.options import parser_lang
    from tutor.i18n.catalogue import t

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
    from tutor.sim.config import FIELD_KINDS

    helps = estimate_help(lang)
    for option, dest, _ in ESTIMATE_OPTIONS:
        if dest not in FIELD_KINDS:
            continue
        metavar = ESTIMATE_METAVARS.get(dest, "N")
        # --model is required unless --list is given: run_estimate says so (argparse cannot).
        estimate.add_argument(option, dest=dest, metavar=t(metavar, lang) if "." in metavar else metavar,
                              help=helps[dest])
    warmup = estimate.add_mutually_exclusive_group()
    warmup.add_argument("--warmup-ratio", dest="warmup_ratio", metavar="X", help=t("help.estimate.warmup_ratio", lang))
    warmup.add_argument("--warmup-steps", dest="warmup_steps", metavar="W", help=t("help.estimate.warmup_steps", lang))
    estimate.add_argument("--checkpointing", action="store_true", help=t("help.estimate.checkpointing", lang))
    estimate.add_argument("--snippet", choices=("python", "yaml"), help=t("help.estimate.snippet", lang))
    estimate.add_argument("--list", action="store_true", help=t("help.estimate.list", lang))
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

    from tutor.cli.lang import args_lang
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
    """`tutor estimate`: print the estimate (or the configuration as a script / YAML, or the catalogue)."""
    import json
    import sys

    from tutor.cli.lang import args_lang
    from tutor.i18n.catalogue import t
    from tutor.sim.config import parse_config

    lang = args_lang(args)
    given = {dest: getattr(args, dest) for _, dest, _ in ESTIMATE_OPTIONS if getattr(args, dest, None) is not None}
    if args.list:
        return _run_list(args, lang, given)
    if "model" not in given:
        raise UsageError("estimate.need_model")
    values: dict[str, object] = dict(given)
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
        raise UsageError(separator.join(
            t("cli.option_problem", lang, option=_option_name(p.field),
              text=_unknown_model(config.model, lang) if p.key == "unknown_model" else p.text(lang))
            for p in errors))
    config = _with_default_lr(config, "lr" in given)
    if args.snippet:
        from tutor.sim.export import to_python, to_yaml

        print(to_python(config) if args.snippet == "python" else to_yaml(config), end="")
        return 0
    from tutor.sim.estimate import estimate
    from tutor.sim.report import estimate_dict, estimate_lines, warmup_warning

    result = estimate(config)
    if result.warmup_steps > result.total_steps:
        # The JSON and the snippet are for scripts: the warning goes to stderr in every format.
        print(t("cli.warning", lang, message=warmup_warning(result, lang)), file=sys.stderr)
    if args.json:
        print(json.dumps(estimate_dict(result, config), indent=2))  # with the alternatives of the text report
    else:
        print("\n".join(estimate_lines(result, lang, warn_warmup=False, config=config)))
    return 0


def _unknown_model(name: object, lang: str) -> str:
    """An unknown model, with the closest names: the whole catalogue (30 models) does not fit a usage line."""
    from tutor.i18n.catalogue import t

    typed = str(name).strip()
    close = closest_models(typed)
    if not close:
        return t("estimate.unknown_model_none", lang, value=shown_value(typed))
    return t("estimate.unknown_model", lang, value=shown_value(typed), close=", ".join(close))


def closest_models(typed: str, count: int = 3) -> list[str]:
    """Up to `count` catalogue names near `typed`: those containing it, else its first word, else difflib's.

    Hub ids when `typed` looks like one (it has a "/"), short names otherwise.
    """
    import difflib
    import re

    from tutor.sim.catalogue import MODELS

    names = [spec.hub_id if "/" in typed else spec.name for spec in MODELS.values()]
    lowered = typed.lower()
    first = re.split(r"[-_/.\s]", lowered.split("/")[-1])[0]
    for needle in (lowered, first):
        found = [n for n in names if needle and needle in n.lower()]
        if found:
            return found[:count]
    matches = difflib.get_close_matches(lowered, [n.lower() for n in names], n=count, cutoff=0.6)
    return [next(n for n in names if n.lower() == match) for match in matches]


def _with_default_lr(config: FineTuneConfig, typed: bool) -> FineTuneConfig:
    """`config` with the strategy's usual learning rate when the learner typed none (LoRA 2e-4, not 2e-5).

    The estimate's figures do not depend on the rate; the exported script does (review §4.1).
    """
    import dataclasses

    from tutor.sim.catalogue import get_model
    from tutor.sim.config import default_lr

    spec = get_model(config.model)
    if typed or spec is None:
        return config
    return dataclasses.replace(config, lr=default_lr(config.strategy, spec.family, config.resolved_task()))


def _run_list(args: argparse.Namespace, lang: str, given: dict[str, object]) -> int:
    """`tutor estimate --list [--json]`: the models and GPUs of the catalogue with their figures."""
    import json

    from tutor.sim.report import catalogue_dict, catalogue_lines

    others = [option for option, dest, _ in ESTIMATE_OPTIONS if dest in given]
    others += [option for option, used in (("--warmup-ratio", args.warmup_ratio is not None),
                                           ("--warmup-steps", args.warmup_steps is not None),
                                           ("--checkpointing", args.checkpointing),
                                           ("--snippet", args.snippet is not None)) if used]
    if others:
        raise UsageError("estimate.list_alone", options=", ".join(others))
    if args.json:
        print(json.dumps(catalogue_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(catalogue_lines(lang)))
    return 0


def run_sample(args: argparse.Namespace) -> int:
    """`tutor sample`: print the distribution after each sampling step and the kept tokens."""
    import json

    from tutor.cli.lang import args_lang
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
        from tutor.i18n.catalogue import t
        from tutor.sim.report import sample_lines

        print("\n".join(sample_lines(result, lang)))
        if result.greedy:  # the temperature column is the limit T → 0, not HF's float32 NaN
            print(t("cli.sample.greedy_note", lang))
    return 0
