"""The estimate of a fine-tuning job, as the simulator core computed it: parameters, memory, time.

Every figure goes through the locale formatters (109 482 240, 3,41 Gio in French), so what a
learner reads here is what `tutor estimate` prints for the same configuration.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt_int, fmt_percent, fmt_sci
from tutor.sim.estimate import OVERHEAD_BYTES, Estimate, optimizer_bytes_per_param
from tutor.sim.report import format_bytes, format_duration
from tutor.sim.schedules import gradual_unfreezing, layerwise_lrs

BAR_WIDTH = 36
# Each memory part has its own glyph, so the bar reads without colour.
MEMORY_GLYPHS = {"weights": "█", "reference": "▞", "gradients": "▓", "optimizer": "▒", "activations": "░",
                 "overhead": "·"}
ASCII_GLYPHS = {"weights": "#", "reference": "%", "gradients": "=", "optimizer": "+", "activations": "-",
                "overhead": "."}


def memory_parts(estimate: Estimate) -> dict[str, int]:
    """The memory parts in the order the bar and the table show them (the reference beside the weights)."""
    memory = estimate.memory
    return {"weights": memory.weights, "reference": memory.reference, "gradients": memory.gradients,
            "optimizer": memory.optimizer, "activations": memory.activations, "overhead": memory.overhead}


def memory_bar(estimate: Estimate, ascii_only: bool = False, width: int = BAR_WIDTH) -> Text:
    """The memory parts as one bar scaled to the larger of the total and the GPU's memory; `|` marks the GPU's size."""
    glyphs = ASCII_GLYPHS if ascii_only else MEMORY_GLYPHS
    memory = estimate.memory
    scale = max(memory.total, estimate.gpu_memory_bytes, 1)
    cells: list[str] = []
    for name, size in memory_parts(estimate).items():
        cells += [glyphs[name]] * round(width * size / scale)
    cells = (cells + [" "] * width)[:width]
    capacity_cell = min(width - 1, round(width * estimate.gpu_memory_bytes / scale) - 1)
    bar = Text("[")
    for index, cell in enumerate(cells):
        style = "bold red" if index > capacity_cell and cell != " " else ""
        bar.append(cell, style)
        if index == capacity_cell and capacity_cell < width - 1:
            bar.append("|", "bold")
    bar.append("]")
    return bar


def format_count(count: int, lang: str = "en") -> str:
    """A count with thousands separators: 109,482,240 in English, 109 482 240 in French."""
    return fmt_int(count, lang)


class EstimateView(Static):
    """Parameters, memory breakdown (with a bar), steps, FLOPs and time for one estimate."""

    def __init__(self, lang: str, ascii_only: bool = False, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]  # Static's keyword arguments, passed through
        self.lang = lang
        self.ascii_only = ascii_only

    def show(self, estimate: Estimate) -> None:
        """Render `estimate`."""
        lang, config = self.lang, estimate.config
        table = Table.grid(padding=(0, 2))
        table.add_column(min_width=26)
        table.add_column(justify="right")
        table.add_column()
        table.add_row(Text(t("sim.params", lang), "bold"), "", "")
        table.add_row(f"  {t('sim.base', lang)}", format_count(estimate.base_params, lang), "")
        table.add_row(f"  {t('sim.head', lang)}", format_count(estimate.head_params, lang), "")
        table.add_row(f"  {t('sim.adapter', lang)}", format_count(estimate.adapter_params, lang), "")
        table.add_row(f"  {t('sim.total', lang)}", format_count(estimate.total_params, lang), "")
        table.add_row(f"  {t('sim.trainable', lang)}", format_count(estimate.trainable_params, lang),
                      fmt_percent(estimate.trainable_fraction, lang, 3, fraction=True))
        table.add_row(Text(t("sim.memory", lang), "bold"), "", "")
        glyphs = ASCII_GLYPHS if self.ascii_only else MEMORY_GLYPHS
        memory = estimate.memory
        dpo = estimate.task == "dpo"
        for name, size in memory_parts(estimate).items():
            if name == "reference" and not dpo:
                continue  # only DPO keeps a reference model
            note = ""
            label = t("sim." + name, lang)
            if name == "weights" and estimate.quantised:
                label = t("sim.weights_4bit", lang)
            elif name == "optimizer":
                label = t("sim.optimizer_named", lang, name=t(f"optimizer.{config.optimizer}", lang))
                # Per trained parameter: 12 B for AdamW in mixed precision (fp32 master + m + v), 6 B in 8 bits.
                per_param = optimizer_bytes_per_param(config.precision, config.optimizer)
                note = t("sim.per_param", lang, bytes=per_param) if estimate.trainable_params else ""
            elif name == "reference" and size:
                note = t("sim.reference_copy", lang)
            table.add_row(f"  {glyphs[name]} {label}", format_bytes(size, lang), note)
        parts: list[object] = [table]
        if dpo and not memory.reference:
            # LoRA/QLoRA: the policy with its adapters turned off is the reference, already in memory.
            parts.append(Text(f"  {t('sim.reference_shared', lang)}", "italic"))
        parts.append(memory_bar(estimate, self.ascii_only))
        fit_key = "sim.fits" if estimate.fits else "sim.no_fit"
        mark = ("[OK]" if self.ascii_only else "✓") if estimate.fits else ("[X]" if self.ascii_only else "✗")
        parts.append(Text(f"{mark} " + t(fit_key, lang, gpu=estimate.gpu_label, total=format_bytes(memory.total, lang),
                                          capacity=format_bytes(estimate.gpu_memory_bytes, lang)),
                          "bold green" if estimate.fits else "bold red"))
        if not estimate.fits:
            parts.append(Text(t("sim.no_fit_hint", lang)))
        parts.append(Text(t("sim.activation_formula", lang, formula=estimate.activation_formula)))
        time_line = (t("sim.time", lang, mfu=round(100 * config.mfu, 1),
                       time=format_duration(estimate.time_seconds, lang))
                     if estimate.fits else t("sim.no_time", lang))
        parts.append(Text.assemble(
            (t("sim.training", lang), "bold"), "\n  ",
            t("sim.steps", lang, per_epoch=format_count(estimate.steps_per_epoch, lang),
              total=format_count(estimate.total_steps, lang), warmup=format_count(estimate.warmup_steps, lang)), "\n  ",
            # 6·N·D holds for full fine-tuning only: PEFT skips frozen weight gradients, DPO adds a reference.
            t("sim.flops" if config.strategy == "full" and estimate.task != "dpo" else "sim.flops_plain", lang,
              flops=fmt_sci(estimate.train_flops, lang, 3)), "\n  ",
            time_line,
        ))
        parts += self._schedule_options(estimate)
        parts.append(Text(t("sim.assumptions_2026", lang, overhead=format_bytes(OVERHEAD_BYTES, lang)), "dim italic"))
        self.update(Group(*parts))  # type: ignore[arg-type]  # Rich renderables of several kinds

    def _schedule_options(self, estimate: Estimate) -> list[Text]:
        from tutor.sim.catalogue import get_model

        config, lang = estimate.config, self.lang
        spec = get_model(config.model)
        if spec is None or config.strategy != "full":
            return []
        shown: list[Text] = []
        if config.layer_decay != 1.0:
            rates = layerwise_lrs(config.lr, spec.layers, config.layer_decay)
            picked = rates[:3] + ([rates[len(rates) // 2]] if len(rates) > 6 else []) + rates[-2:]
            rates_shown = ", ".join(f"{r.name} {fmt_sci(r.lr, lang, 3)}" for r in picked)
            shown.append(Text.assemble((t("sim.layer_rates", lang), "bold"), "\n  ", rates_shown))
        if config.gradual_unfreezing:
            import math

            stages = gradual_unfreezing(spec.layers, math.ceil(config.epochs))
            lines: list[str] = []
            for stage in stages[:6]:
                layers = ("head + " + ", ".join(map(str, stage.layers))) if stage.layers else "head"
                if stage.embeddings:
                    layers += " + embeddings"
                lines.append(t("sim.unfreeze_stage", lang, epoch=stage.epoch, layers=layers))
            shown.append(Text.assemble((t("sim.unfreezing", lang), "bold"), "\n  ", "\n  ".join(lines)))
        return shown
