"""Sub-commands `tutor recommend`, `tutor estimate` and `tutor sample`.

Light at import time: only argparse here; the simulators are imported by the handlers.
Bad values raise tutor.cli.UsageError (one line, exit code 2).
"""

from __future__ import annotations

import argparse
from typing import Any

from tutor.cli import UsageError, option_for

# Options of `tutor estimate`, mapped to FineTuneConfig fields. Values stay strings until the
# core parses them, so every message about a bad value comes from one place.
ESTIMATE_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--model", "model", "model name (see the list when it is wrong)"),
    ("--task", "task", "seq-cls | token-cls | qa (encoders) or causal-lm"),
    ("--strategy", "strategy", "full | freeze | lora | adapters | bitfit"),
    ("--lora-r", "lora_r", "LoRA rank (8)"),
    ("--lora-alpha", "lora_alpha", "LoRA alpha (8)"),
    ("--lora-targets", "lora_targets", "LoRA target modules, comma-separated (PEFT default)"),
    ("--adapter-size", "adapter_size", "Houlsby adapter bottleneck (64)"),
    ("--num-labels", "num_labels", "number of labels of the task head (2)"),
    ("--precision", "precision", "fp32 | fp16 | bf16 (fp16)"),
    ("--batch-size", "batch_size", "per-device batch size (16)"),
    ("--grad-accum", "grad_accum", "gradient accumulation steps (1)"),
    ("--devices", "devices", "number of GPUs (1)"),
    ("--seq-len", "seq_len", "sequence length in tokens (128)"),
    ("--examples", "examples", "training examples (10000)"),
    ("--epochs", "epochs", "epochs (3)"),
    ("--lr", "lr", "learning rate (2e-5)"),
    ("--schedule", "schedule", "linear | cosine | constant | constant_with_warmup"),
    ("--gpu", "gpu", "t4 | v100-16gb | v100-32gb | a100-40gb | a100-80gb | h100 | rtx3090 | rtx4090"),
    ("--mfu", "mfu", "model FLOPs utilisation, 0-1 (0.4)"),
)


def register(subparsers: Any, root_parser: argparse.ArgumentParser) -> None:
    """Add the simulator sub-commands to `subparsers`."""
    del root_parser  # the conventions need nothing from it here
    recommend = subparsers.add_parser(
        "recommend", help="recommend fine-tuning settings for a task described in a sentence",
        description="Recognise the task in a sentence (French or English) and print the settings to start from.",
    )
    recommend.add_argument("family", choices=("bert", "gpt"), help="bert (understanding) or gpt (generation)")
    recommend.add_argument("sentence", nargs="+", help="the task, in your own words")
    # SUPPRESS keeps `tutor --lang en recommend …` working: a default here would override it.
    recommend.add_argument(
        "--lang", choices=("fr", "en"), default=argparse.SUPPRESS,
        help="output language (default: TUTOR_LANG, the locale, fr)",
    )
    recommend.add_argument("--json", action="store_true", help="print JSON")
    recommend.set_defaults(handler=run_recommend)

    estimate = subparsers.add_parser(
        "estimate", help="estimate parameters, GPU memory, steps and time of a fine-tuning job",
        description="Estimate a fine-tuning job: parameters, memory per GPU, steps, FLOPs, time, fit.",
    )
    for option, dest, text in ESTIMATE_OPTIONS:
        estimate.add_argument(option, dest=dest, metavar=dest.upper(), required=option == "--model", help=text)
    warmup = estimate.add_mutually_exclusive_group()
    warmup.add_argument("--warmup-ratio", dest="warmup_ratio", metavar="X", help="warmup as a share of steps (0.1)")
    warmup.add_argument("--warmup-steps", dest="warmup_steps", metavar="W", help="warmup steps (overrides the ratio)")
    estimate.add_argument("--checkpointing", action="store_true", help="activation (gradient) checkpointing")
    estimate.add_argument("--snippet", choices=("python", "yaml"), help="print the configuration as a script or YAML")
    estimate.add_argument("--json", action="store_true", help="print JSON")
    estimate.set_defaults(handler=run_estimate)

    sample = subparsers.add_parser(
        "sample", help="apply temperature, top-k and top-p to next-token logits",
        description="Show the next-token distribution after temperature, top-k and top-p, as HF generate applies them. "
        "Write negative values with '=': --logits=-1,2,3.",
    )
    sample.add_argument("--logits", help="comma-separated logits, e.g. 1,2,3")
    sample.add_argument("--tokens", help="comma-separated token names, as many as logits")
    sample.add_argument("--example", help="a built-in example instead of --logits (e.g. cat-sat)")
    sample.add_argument("--temperature", default="1.0", help="temperature > 0 (1.0)")
    sample.add_argument("--top-k", dest="top_k", default="0", help="top-k, 0 = off (0)")
    sample.add_argument("--top-p", dest="top_p", default="1.0", help="top-p in (0, 1], 1 = off (1.0)")
    sample.add_argument("--json", action="store_true", help="print JSON")
    sample.set_defaults(handler=run_sample)


def _option_name(field: str) -> str:
    return option_for(field, ESTIMATE_OPTIONS)


def run_recommend(args: argparse.Namespace) -> int:
    """`tutor recommend`: print the recommended settings for the sentence."""
    import json

    from tutor.core.i18n import resolve_lang
    from tutor.sim.recommend import recommend
    from tutor.sim.report import recommendation_lines

    lang = resolve_lang(getattr(args, "lang", None))
    sentence = " ".join(args.sentence).strip()
    if not sentence:
        raise UsageError("describe the task in a sentence")
    result = recommend(args.family, sentence, lang)
    if args.json:
        print(json.dumps(result.as_dict(lang), ensure_ascii=False, indent=2))
    else:
        print("\n".join(recommendation_lines(result, lang)))
    return 0


def run_estimate(args: argparse.Namespace) -> int:
    """`tutor estimate`: print the estimate (or the configuration as a script / YAML)."""
    import json

    from tutor.sim.config import parse_config
    from tutor.sim.estimate import estimate
    from tutor.sim.report import estimate_lines

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
        raise UsageError("; ".join(f"{_option_name(p.field)}: {p.en}" for p in errors))
    if args.snippet:
        from tutor.sim.export import to_python, to_yaml

        print(to_python(config) if args.snippet == "python" else to_yaml(config), end="")
        return 0
    result = estimate(config)
    if args.json:
        print(json.dumps(result.as_dict(), indent=2))
    else:
        print("\n".join(estimate_lines(result)))
    return 0


def run_sample(args: argparse.Namespace) -> int:
    """`tutor sample`: print the distribution after each sampling step and the kept tokens."""
    import json

    from tutor.sim.parsing import parse_float, parse_float_list, parse_int, parse_str_list
    from tutor.sim.sampling import PLAYGROUND, sample_steps

    tokens: list[str] | None = None
    if args.example is not None:
        if args.logits is not None:
            raise UsageError("give either --example or --logits, not both")
        example = next((e for e in PLAYGROUND if e.id == args.example), None)
        if example is None:
            known = ", ".join(e.id for e in PLAYGROUND)
            raise UsageError(f"--example: unknown example '{args.example}'; known examples: {known}")
        logits, tokens = list(example.logits), list(example.tokens)
    elif args.logits is None:
        raise UsageError("give --logits (e.g. --logits 1,2,3) or --example")
    else:
        parsed = parse_float_list(args.logits)
        if parsed is None:
            raise UsageError(f"--logits: expected comma-separated numbers, got '{args.logits}'")
        logits = parsed
    if args.tokens is not None:
        tokens = parse_str_list(args.tokens)
        if len(tokens) != len(logits):
            raise UsageError(f"--tokens: {len(tokens)} tokens for {len(logits)} logits: the counts must match")
    temperature = parse_float(args.temperature)
    if temperature is None or temperature <= 0:
        raise UsageError(f"--temperature: must be a number > 0, got '{args.temperature}'")
    top_k = parse_int(args.top_k)
    if top_k is None or top_k < 0:
        raise UsageError(f"--top-k: must be a whole number >= 0, got '{args.top_k}'")
    top_p = parse_float(args.top_p)
    if top_p is None or not 0 < top_p <= 1:
        raise UsageError(f"--top-p: must be a number in (0, 1], got '{args.top_p}'")
    result = sample_steps(logits, tokens, temperature, top_k, top_p)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        from tutor.sim.report import sample_lines

        print("\n".join(sample_lines(result)))
    return 0
