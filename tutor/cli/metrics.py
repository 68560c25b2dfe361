"""`tutor metrics …`: score your own model outputs from files, as the reference libraries do.

Kept light to import (argparse only): the metric modules load inside the handlers. Bad input
prints `FILE:LINE: message` on stderr and exits with 2; warnings print `FILE:LINE: warning: …`.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["register"]

EXIT_OK = 0
EXIT_USAGE = 2

TASKS = ("classification", "ner", "qa", "bleu", "rouge", "perplexity")
# The help of each task (short line, formats) is in tutor.metrics.texts: help.<task>, help.<task>.formats.


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
             root_parser: argparse.ArgumentParser) -> None:
    """Add `tutor metrics` and its sub-commands, one per task, with their help in the parser's language."""
    from tutor.cli.options import parser_lang
    from tutor.metrics.texts import tr

    lang = parser_lang(root_parser)
    metrics = subparsers.add_parser(
        "metrics", help=tr("help.metrics", lang), description=tr("help.metrics.description", lang),
    )
    tasks = metrics.add_subparsers(dest="metrics_task", metavar=tr("help.task_metavar", lang), required=True,
                                   parser_class=type(metrics))
    parsers = {}
    for task in TASKS:
        short = tr(f"help.{task}", lang)
        parser = tasks.add_parser(task, help=short,
                                  description=f"{short[0].upper()}{short[1:]}. {tr(f'help.{task}.formats', lang)}")
        parser.set_defaults(handler=handle, metrics_task=task)
        parsers[task] = parser
    file_metavar = tr("help.file_metavar", lang)
    for task in ("classification", "ner", "qa"):
        parsers[task].add_argument("--gold", metavar=file_metavar, help=tr("help.gold", lang))
        parsers[task].add_argument("--pred", metavar=file_metavar, help=tr("help.pred", lang))
    parsers["classification"].add_argument("--positive", metavar=tr("help.label_metavar", lang),
                                           help=tr("help.positive", lang))
    parsers["ner"].add_argument("--mode", choices=("default", "strict"), default="default", help=tr("help.mode", lang))
    parsers["bleu"].add_argument("--ref", metavar=file_metavar, action="append", help=tr("help.bleu_ref", lang))
    parsers["rouge"].add_argument("--ref", metavar=file_metavar, help=tr("help.rouge_ref", lang))
    for task in ("bleu", "rouge"):
        parsers[task].add_argument("--hyp", metavar=file_metavar, help=tr("help.hyp", lang))
    parsers["rouge"].add_argument("--stem", action="store_true", help=tr("help.stem", lang))
    parsers["perplexity"].add_argument("--logprobs", metavar=file_metavar, help=tr("help.logprobs", lang))
    for parser in parsers.values():
        parser.add_argument("--sample", action="store_true", help=tr("help.sample_files", lang))
        parser.add_argument("--json", action="store_true", help=tr("help.json_report", lang))
        # SUPPRESS keeps `tutor --lang en metrics …` working: a default here would override it.
        parser.add_argument("--lang", choices=("fr", "en"), default=argparse.SUPPRESS, help=tr("help.lang", lang))


def _lang(args: argparse.Namespace) -> str:
    """--lang, else TUTOR_LANG, the settings file, the locale, French: as every `tutor` command."""
    from tutor.cli.lang import args_lang

    return args_lang(args)


def _and(names: list[str], lang: str) -> str:
    return (" et " if lang == "fr" else " and ").join(names)


def _required(args: argparse.Namespace, lang: str, *names: str) -> None:
    from tutor.errors import UsageError

    missing = [f"--{name}" for name in names if not getattr(args, name, None)]
    if missing:
        raise UsageError("cli.metrics.required", task=args.metrics_task, options=_and(missing, lang))


def _run(args: argparse.Namespace, lang: str) -> Any:
    from tutor.metrics import pipeline
    from tutor.metrics.readers import load_source

    task = args.metrics_task
    if args.sample:
        from tutor.errors import UsageError
        from tutor.metrics.samples import sample_run

        files = ("gold", "pred", "ref", "hyp", "logprobs")
        given = _and([f"--{name}" for name in files if getattr(args, name, None)], lang)
        if given:
            raise UsageError("cli.metrics.sample_replaces", task=task, options=given)

        options: dict[str, Any] = {}
        if task == "classification" and args.positive:
            options["positive"] = args.positive
        elif task == "ner":
            options["mode"] = args.mode
        elif task == "rouge":
            options["stem"] = args.stem
        return sample_run(task, lang, **options)
    if task == "classification":
        _required(args, lang, "gold", "pred")
        return pipeline.run_classification(load_source(args.gold), load_source(args.pred), args.positive)
    if task == "ner":
        _required(args, lang, "gold", "pred")
        return pipeline.run_ner(load_source(args.gold), load_source(args.pred), args.mode)
    if task == "qa":
        _required(args, lang, "gold", "pred")
        return pipeline.run_qa(load_source(args.gold), load_source(args.pred))
    if task == "bleu":
        _required(args, lang, "ref", "hyp")
        return pipeline.run_bleu([load_source(path) for path in args.ref], load_source(args.hyp))
    if task == "rouge":
        _required(args, lang, "ref", "hyp")
        return pipeline.run_rouge(load_source(args.ref), load_source(args.hyp), args.stem)
    _required(args, lang, "logprobs")
    return pipeline.run_perplexity(load_source(args.logprobs))


def _json_ready(value: Any) -> Any:
    """`value` with every NaN or infinity replaced by the string "nan", "inf" or "-inf"."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return str(value)
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(item) for item in value]
    return value


def handle(args: argparse.Namespace) -> int:
    """Run one `tutor metrics TASK` command; returns the exit code."""
    from tutor.metrics.readers import InputError, shown

    lang = _lang(args)
    try:
        run = _run(args, lang)
    except InputError as error:
        print(error.text(lang), file=sys.stderr)
        return EXIT_USAGE
    for warning in run.warnings:
        print(shown(warning, lang), file=sys.stderr)
    if args.json:
        import json

        data = run.result.as_dict()
        if run.task == "classification":
            from tutor.metrics.explain_labels import infer_positive

            positive = run.options.get("positive") or infer_positive(run.result.labels)
            if positive is not None:
                data["binary"] = {"positive": positive, **run.result.row(positive).as_dict()}
        # Strict JSON: an overflowing perplexity is the string "inf" (bare Infinity is not JSON).
        print(json.dumps(_json_ready(data), ensure_ascii=False, indent=2, allow_nan=False))
        return EXIT_OK
    from tutor.metrics.pipeline import report_of
    from tutor.metrics.report import render_text

    sys.stdout.write(render_text(report_of(run, lang)))
    return EXIT_OK
