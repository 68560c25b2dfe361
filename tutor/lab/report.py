"""Plain-text reports of lab runs and scenarios, at most 80 columns (pure: no numpy)."""

from __future__ import annotations

import textwrap

from tutor.content.model import Course
from tutor.i18n.numbers import fmt, fmt_sci
from tutor.lab.corpus import DATA_DESCRIPTION
from tutor.lab.messages import count, label, number, percent, strategy_name
from tutor.lab.results import EpochStats, RunResult
from tutor.lab.scenarios import SCENARIOS, Scenario, ScenarioResult
from tutor.lab.settings import LabSettings

WIDTH = 80
COLUMNS = (("epoch", 6), ("train_loss", 11), ("train_acc", 12), ("val_loss", 10), ("val_acc", 11),
           ("source_acc", 14), ("lr", 10))


def wrap(text: str, indent: str = "") -> list[str]:
    """`text` wrapped to the report width."""
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent) or [""]


def settings_line(settings: LabSettings, lang: str) -> str:
    """One line with every setting that matters for this strategy."""
    if settings.warmup_steps > 0:
        warmup = label("warmup_steps", lang, steps=settings.warmup_steps)
    else:
        warmup = percent(settings.warmup_ratio, lang, 0)
    text = label(
        "settings", lang, strategy=strategy_name(settings.strategy, lang), lr=settings.lr, warmup=warmup,
        schedule=settings.schedule, epochs=settings.epochs, batch=settings.batch_size, examples=settings.examples,
        seed=settings.seed,
    )
    if settings.strategy == "differential-lr":
        text += f" · {label('layer_decay', lang)} {number(settings.layer_decay, lang, 2)}"
    if settings.strategy == "lora":
        text += (f" · r {settings.lora_rank} · alpha {fmt(settings.lora_alpha, lang)} · {label('layer', lang)} "
                 f"{settings.lora_layer}")
    return text


def _row(stats: EpochStats, best: int | None, lang: str) -> str:
    cells = [
        f"{stats.epoch}",
        number(stats.train_loss, lang),
        percent(stats.train_acc, lang),
        number(stats.val_loss, lang),
        percent(stats.val_acc, lang),
        percent(stats.source_acc, lang),
        fmt_sci(stats.lr, lang) if stats.epoch > 0 else "—",
    ]
    marker = "* " if best is not None and stats.epoch == best else "  "
    return marker + "".join(cell.rjust(width) for cell, (_, width) in zip(cells, COLUMNS, strict=True))


def epoch_table(result: RunResult, lang: str) -> list[str]:
    """Header and one row per epoch (epoch 0 = before fine-tuning); the best epoch starred."""
    header = "  " + "".join(label(key, lang).rjust(width) for key, width in COLUMNS)
    rows = [header]
    if result.initial is not None:
        rows.append(_row(result.initial, None, lang))
    rows.extend(_row(stats, result.best_epoch, lang) for stats in result.epochs)
    return rows


def summary_lines(result: RunResult, lang: str) -> list[str]:
    """Best epoch, source accuracy before → after, trainable parameters, time."""
    lines = []
    best = result.best
    if best is not None:
        lines.append(label("best", lang, epoch=best.epoch, loss=number(best.val_loss, lang),
                           acc=percent(best.val_acc, lang)))
    if result.source_acc_before is None:
        lines.append(label("source_none", lang))
    elif result.final_source_acc is not None:
        drop = result.source_acc_before - result.final_source_acc
        lines.append(label("source", lang, before=percent(result.source_acc_before, lang),
                           after=percent(result.final_source_acc, lang), drop=number(100 * drop, lang, 1)))
    share = result.trainable_params / result.total_params if result.total_params else 0.0
    lines.append(label("trainable", lang, trainable=count(result.trainable_params, lang),
                       total=count(result.total_params, lang), share=percent(share, lang, 2)))
    if result.cancelled:
        lines.append(label("cancelled", lang, epochs=len(result.epochs), count=len(result.epochs)))
    if result.diverged:
        lines.append(label("diverged", lang, epochs=len(result.epochs), count=len(result.epochs)))
    seconds = number(result.elapsed, lang, 2)
    if result.settings.strategy == "scratch":
        lines.append(label("timing_scratch", lang, seconds=seconds))
    elif result.pretrain_seconds > 0:
        lines.append(label("timing", lang, seconds=seconds, pretrain=number(result.pretrain_seconds, lang, 2)))
    else:
        lines.append(label("timing_cached", lang, seconds=seconds))
    return lines


def problem_lines(result: RunResult, lang: str) -> list[str]:
    """Warnings (and errors) about the settings, one line each."""
    return [f"! {p.field}: {p.text(lang)}" for p in result.problems]


def run_lines(result: RunResult, lang: str, heading: bool = True) -> list[str]:
    """The full report of one run."""
    lines: list[str] = []
    if heading:
        lines.append(f"{label('title', lang)} — {strategy_name(result.settings.strategy, lang)}")
    lines.extend(wrap(settings_line(result.settings, lang)))
    lines.append(label("steps", lang, total=result.total_steps, per_epoch=result.steps_per_epoch,
                       warmup=result.warmup_steps))
    lines.extend(problem_lines(result, lang))
    if heading:
        lines.extend(wrap(DATA_DESCRIPTION[lang]))
    lines.append("")
    lines.extend(epoch_table(result, lang))
    lines.append(label("best_mark", lang))
    if label("acc_note", lang):
        lines.append(label("acc_note", lang))
    lines.append("")
    for line in summary_lines(result, lang):
        lines.extend(wrap(line))
    return lines


def _first_epoch_max(result: RunResult) -> float | None:
    if not result.epochs or not result.epochs[0].step_losses:
        return None
    return max(result.epochs[0].step_losses)


def comparison_lines(a: RunResult, b: RunResult, lang: str) -> list[str]:
    """Side-by-side key numbers of two runs."""
    def fmt_loss(value: float | None) -> str:
        return number(value, lang) if value is not None else "—"

    rows = [
        ("best_val_acc", percent(a.best.val_acc if a.best else None, lang),
         percent(b.best.val_acc if b.best else None, lang)),
        ("best_val_loss", fmt_loss(a.best.val_loss if a.best else None), fmt_loss(b.best.val_loss if b.best else None)),
        ("final_val_loss", fmt_loss(a.last.val_loss if a.last else None),
         fmt_loss(b.last.val_loss if b.last else None)),
        ("source_after_1", percent(a.epochs[0].source_acc if a.epochs else None, lang),
         percent(b.epochs[0].source_acc if b.epochs else None, lang)),
        ("final_source_acc", percent(a.final_source_acc, lang), percent(b.final_source_acc, lang)),
        ("max_first_loss", fmt_loss(_first_epoch_max(a)), fmt_loss(_first_epoch_max(b))),
        ("best_epoch", str(a.best_epoch or "—"), str(b.best_epoch or "—")),
        ("trainable_short", count(a.trainable_params, lang), count(b.trainable_params, lang)),
    ]
    lines = [label("comparison", lang), label("metric", lang).ljust(34) + "A".rjust(14) + "B".rjust(14)]
    lines.extend(label(key, lang).ljust(34) + left.rjust(14) + right.rjust(14) for key, left, right in rows)
    return lines


def lesson_line(scenario: Scenario, course: Course | None, lang: str) -> str | None:
    """Where the course teaches what `scenario` shows: section title, number and module, or None."""
    if course is None:
        return None
    module_id, section_id = scenario.lesson
    module = course.module(module_id, lang)
    index = module.section_index(section_id) if module is not None else None
    if module is None or index is None:
        return None
    return label("lesson", lang, title=module.sections[index].title, number=index + 1, module=module.number)


def scenario_lines(result: ScenarioResult, lang: str, course: Course | None = None) -> list[str]:
    """Both runs, the comparison, the explanation, the lesson and whether the claim holds."""
    s = result.scenario
    lines = [f"{label('title', lang)} — {s.name}: {s.title[lang]}", ""]
    lines.extend(wrap(s.explanation[lang]))
    lesson = lesson_line(s, course, lang)
    if lesson is not None:
        lines.extend(wrap(lesson))
    lines.append("")
    lines.extend(wrap(DATA_DESCRIPTION[lang]))
    runs = [("A", s.label_a, result.a)] + ([("B", s.label_b or {}, result.b)] if result.b is not None else [])
    for letter, names, run in runs:
        lines.append("")
        lines.append(f"{label('run_' + letter.lower(), lang)} — {names.get(lang, letter)}")
        lines.extend(run_lines(run, lang, heading=False))
    if result.b is not None:
        lines.append("")
        lines.extend(comparison_lines(result.a, result.b, lang))
    if result.claim is not None:
        lines.append("")
        mark = "✓ " + label("claim_holds", lang) if result.claim.holds else "✗ " + label("claim_fails", lang)
        colon = " : " if lang == "fr" else ": "
        lines.extend(wrap(f"{mark}{colon}{result.claim.text(lang)}"))
    return lines


def scenario_list_lines(lang: str, course: Course | None = None) -> list[str]:
    """Every shipped scenario with its title, explanation and lesson."""
    lines = [label("scenarios", lang)]
    for scenario in SCENARIOS.values():
        lines.append("")
        lines.append(f"{scenario.name} — {scenario.title[lang]}")
        lines.extend(wrap(scenario.explanation[lang], "  "))
        lesson = lesson_line(scenario, course, lang)
        if lesson is not None:
            lines.extend(wrap(lesson, "  "))
    return lines
