"""A task's report, built by the explainer of its family (the one place that picks it).

`explain_labels` explains classification, NER and QA results; `explain_generation` BLEU, ROUGE
and perplexity. Both build `tutor.metrics.report.Report`s; keeping the choice here, and not in the
report module they import, keeps the imports one-way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from tutor.metrics.report import Report

__all__ = ["build_report"]


def build_report(task: str, result: Any, lang: str, **options: Any) -> Report:
    """Build the report of `result` for `task` (see the explain modules for `options`)."""
    if task in ("classification", "ner", "qa"):
        from tutor.metrics import explain_labels as module
    elif task in ("bleu", "rouge", "perplexity"):
        from tutor.metrics import explain_generation as module  # type: ignore[no-redef]  # two modules with the same functions
    else:
        raise ValueError(f"unknown task: {task}")
    build: Callable[..., Report] = getattr(module, f"{task}_report")
    return build(result, lang, **options)
