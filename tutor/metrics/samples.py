"""Shipped sample inputs, in French and English, loaded as package data.

The files under `samples/<lang>/` use the same formats as the command line, so a learner can copy
them and the same readers validate them. Names in messages look like `sample:fr/ner.gold.conll`.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from tutor.metrics.readers import Source

__all__ = ["TASKS", "SAMPLE_FILES", "sample_source", "sample_text", "sample_run", "sample_report"]

TASKS = ("classification", "ner", "qa", "bleu", "rouge", "perplexity")

# For each task, its command-line options and the sample file(s) behind them.
SAMPLE_FILES: dict[str, dict[str, str | tuple[str, ...]]] = {
    "classification": {"gold": "sentiment.gold.txt", "pred": "sentiment.pred.txt"},
    "ner": {"gold": "ner.gold.conll", "pred": "ner.pred.conll"},
    "qa": {"gold": "qa.gold.jsonl", "pred": "qa.pred.jsonl"},
    "bleu": {"ref": ("gen.ref.txt", "gen.ref2.txt"), "hyp": "gen.hyp.txt"},
    "rouge": {"ref": "gen.ref.txt", "hyp": "gen.hyp.txt"},
    "perplexity": {"logprobs": "logprobs.txt"},
}


def sample_source(lang: str, filename: str) -> Source:
    """One shipped sample file of `lang` ("fr" or "en") as a `Source`."""
    if lang not in ("fr", "en"):
        raise ValueError(f"no samples in language {lang!r}")
    data = resources.files("tutor.metrics").joinpath("samples", lang, filename).read_bytes()
    return Source(f"sample:{lang}/{filename}", data)


def sample_text(lang: str, filename: str) -> str:
    """A shipped sample file's text (e.g. `sentiment.texts.txt`, the reviews behind the labels)."""
    return sample_source(lang, filename).data.decode("utf-8")


def sample_run(task: str, lang: str, **options: Any) -> Any:
    """Compute `task` on the shipped sample of `lang`; returns a `pipeline.Run`."""
    from tutor.metrics import pipeline

    files = SAMPLE_FILES[task]

    def src(key: str) -> Source:
        name = files[key]
        assert isinstance(name, str)
        return sample_source(lang, name)

    if task == "classification":
        return pipeline.run_classification(src("gold"), src("pred"), **options)
    if task == "ner":
        return pipeline.run_ner(src("gold"), src("pred"), **options)
    if task == "qa":
        return pipeline.run_qa(src("gold"), src("pred"))
    if task == "bleu":
        refs = [sample_source(lang, name) for name in files["ref"]]
        return pipeline.run_bleu(refs, src("hyp"))
    if task == "rouge":
        return pipeline.run_rouge(src("ref"), src("hyp"), **options)
    if task == "perplexity":
        return pipeline.run_perplexity(src("logprobs"))
    raise ValueError(f"unknown task: {task}")


def sample_report(task: str, lang: str, **options: Any) -> Any:
    """The `Report` of `task` on the shipped sample, in `lang` — what the panel opens with."""
    from tutor.metrics.pipeline import report_of

    return report_of(sample_run(task, lang, **options), lang)
