"""`tutor metrics …`: score your own model outputs from files, as the reference libraries do.

Kept light to import (argparse only): the metric modules load inside the handlers. Bad input
prints `FILE:LINE: message` on stderr and exits with 2; warnings print `FILE:LINE: warning: …`.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

__all__ = ["register"]

EXIT_OK = 0
EXIT_USAGE = 2

TASK_HELP = {
    "classification": ("accuracy, P/R/F1 per class, averages, confusion matrix (scikit-learn)",
                       "GOLD and PRED hold one label per line, line i of each for the same example."),
    "ner": ("entity-level P/R/F1 from BIO tags (seqeval)",
            "CoNLL files: a token and its tag per line (or the tag alone; the tag is the last "
            "column), a blank line between sentences."),
    "qa": ("SQuAD v1.1 exact match and F1",
           'JSON Lines: gold {"id", "answers": [...]}, predictions {"id", "prediction"}.'),
    "bleu": ("corpus BLEU with sacreBLEU's defaults (13a, exp smoothing)",
             "One segment per line; line i of every --ref file is a reference of line i of "
             "--hyp. The two characters \\n inside a line stand for a line break."),
    "rouge": ("ROUGE-1, ROUGE-2, ROUGE-L, ROUGE-Lsum (rouge-score)",
              "One segment per line, aligned. The two characters \\n inside a line separate "
              "sentences (for ROUGE-Lsum)."),
    "perplexity": ("per-text, mean and corpus perplexity from token log-probabilities",
                   "One text per line: whitespace-separated natural-log probabilities of its tokens."),
}


def register(subparsers: argparse._SubParsersAction, root_parser: argparse.ArgumentParser) -> None:
    """Add `tutor metrics` and its sub-commands, one per task."""
    metrics = subparsers.add_parser(
        "metrics", help="evaluation metrics on your own files (or the shipped samples)",
        description="Compute evaluation metrics exactly as scikit-learn, seqeval, sacreBLEU and "
                    "rouge-score do, with the computation spelled out. Exit 0 on success, 2 on "
                    "unusable input (reported as FILE:LINE: message).",
    )
    tasks = metrics.add_subparsers(dest="metrics_task", metavar="TASK", required=True,
                                   parser_class=type(metrics))
    parsers = {}
    for task, (short, formats) in TASK_HELP.items():
        parser = tasks.add_parser(task, help=short, description=f"{short[0].upper()}{short[1:]}. {formats}")
        parser.set_defaults(handler=handle, metrics_task=task)
        parsers[task] = parser
    for task in ("classification", "ner", "qa"):
        parsers[task].add_argument("--gold", metavar="FILE", help="gold (reference) file")
        parsers[task].add_argument("--pred", metavar="FILE", help="predictions file")
    parsers["classification"].add_argument(
        "--positive", metavar="LABEL", help="positive class of a binary task (adds sklearn's binary P/R/F1)")
    parsers["ner"].add_argument(
        "--mode", choices=("default", "strict"), default="default",
        help="default: seqeval/conlleval chunking; strict: IOB2 only (default: default)")
    parsers["bleu"].add_argument("--ref", metavar="FILE", action="append",
                                 help="reference file (repeat for several references)")
    parsers["rouge"].add_argument("--ref", metavar="FILE", help="reference (target) file")
    for task in ("bleu", "rouge"):
        parsers[task].add_argument("--hyp", metavar="FILE", help="hypothesis (system output) file")
    parsers["rouge"].add_argument("--stem", action="store_true",
                                  help="Porter-stem tokens longer than 3 characters (use_stemmer=True)")
    parsers["perplexity"].add_argument("--logprobs", metavar="FILE", help="log-probabilities file")
    for parser in parsers.values():
        parser.add_argument("--sample", action="store_true",
                            help="use the shipped sample files instead of your own")
        parser.add_argument("--json", action="store_true", help="print JSON instead of the report")
        # SUPPRESS keeps `tutor --lang en metrics …` working: a default here would override it.
        parser.add_argument("--lang", choices=("fr", "en"), default=argparse.SUPPRESS,
                            help="report language (default: TUTOR_LANG, else fr)")


def _lang(args: argparse.Namespace) -> str:
    lang = getattr(args, "lang", None)
    if lang in ("fr", "en"):
        return lang
    env = os.environ.get("TUTOR_LANG", "").strip().lower()
    return env if env in ("fr", "en") else "fr"


def _required(args: argparse.Namespace, *names: str) -> None:
    from tutor.cli import UsageError

    missing = [f"--{name}" for name in names if not getattr(args, name, None)]
    if missing:
        raise UsageError(f"metrics {args.metrics_task}: {' and '.join(missing)} required (or --sample)")


def _run(args: argparse.Namespace, lang: str) -> Any:
    from tutor.metrics import pipeline
    from tutor.metrics.readers import load_source

    task = args.metrics_task
    if args.sample:
        from tutor.cli import UsageError
        from tutor.metrics.samples import sample_run

        files = ("gold", "pred", "ref", "hyp", "logprobs")
        given = " and ".join(f"--{name}" for name in files if getattr(args, name, None))
        if given:
            raise UsageError(f"metrics {task}: --sample replaces {given}: give one or the other")

        options: dict[str, Any] = {}
        if task == "classification" and args.positive:
            options["positive"] = args.positive
        elif task == "ner":
            options["mode"] = args.mode
        elif task == "rouge":
            options["stem"] = args.stem
        return sample_run(task, lang, **options)
    if task == "classification":
        _required(args, "gold", "pred")
        return pipeline.run_classification(load_source(args.gold), load_source(args.pred), args.positive)
    if task == "ner":
        _required(args, "gold", "pred")
        return pipeline.run_ner(load_source(args.gold), load_source(args.pred), args.mode)
    if task == "qa":
        _required(args, "gold", "pred")
        return pipeline.run_qa(load_source(args.gold), load_source(args.pred))
    if task == "bleu":
        _required(args, "ref", "hyp")
        return pipeline.run_bleu([load_source(path) for path in args.ref], load_source(args.hyp))
    if task == "rouge":
        _required(args, "ref", "hyp")
        return pipeline.run_rouge(load_source(args.ref), load_source(args.hyp), args.stem)
    _required(args, "logprobs")
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
    from tutor.metrics.readers import InputError

    lang = _lang(args)
    try:
        run = _run(args, lang)
    except InputError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    for warning in run.warnings:
        print(warning, file=sys.stderr)
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
