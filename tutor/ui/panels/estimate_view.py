"""The estimate of a fine-tuning job, as the simulator core computed it: parameters, memory, time."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from tutor.core.i18n import t
from tutor.sim.estimate import OVERHEAD_BYTES, Estimate
from tutor.sim.report import format_bytes, format_duration
from tutor.sim.report import format_count as _english_count
from tutor.sim.schedules import gradual_unfreezing, layerwise_lrs

BAR_WIDTH = 36
# Each memory part has its own glyph, so the bar reads without colour.
MEMORY_GLYPHS = {"weights": "█", "gradients": "▓", "optimizer": "▒", "activations": "░", "overhead": "·"}
ASCII_GLYPHS = {"weights": "#", "gradients": "=", "optimizer": "+", "activations": "-", "overhead": "."}


def memory_bar(estimate: Estimate, ascii_only: bool = False, width: int = BAR_WIDTH) -> Text:
    """The memory parts as one bar scaled to the larger of the total and the GPU's memory; `|` marks the GPU's size."""
    glyphs = ASCII_GLYPHS if ascii_only else MEMORY_GLYPHS
    memory = estimate.memory
    parts = {"weights": memory.weights, "gradients": memory.gradients, "optimizer": memory.optimizer,
             "activations": memory.activations, "overhead": memory.overhead}
    scale = max(memory.total, estimate.gpu_memory_bytes, 1)
    cells: list[str] = []
    for name, size in parts.items():
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
    shown = _english_count(count)
    return shown.replace(",", "\u202f") if lang == "fr" else shown


class EstimateView(Static):
    """Parameters, memory breakdown (with a bar), steps, FLOPs and time for one estimate."""

    def __init__(self, lang: str, ascii_only: bool = False, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
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
                      f"{100 * estimate.trainable_fraction:.3f} %")
        table.add_row(Text(t("sim.memory", lang), "bold"), "", "")
        glyphs = ASCII_GLYPHS if self.ascii_only else MEMORY_GLYPHS
        memory = estimate.memory
        for name, size in (("weights", memory.weights), ("gradients", memory.gradients),
                           ("optimizer", memory.optimizer), ("activations", memory.activations),
                           ("overhead", memory.overhead)):
            table.add_row(f"  {glyphs[name]} {t('sim.' + name, lang)}", format_bytes(size, lang), "")
        fit_key = "sim.fits" if estimate.fits else "sim.no_fit"
        mark = ("[OK]" if self.ascii_only else "✓") if estimate.fits else ("[X]" if self.ascii_only else "✗")
        verdict = Text(f"{mark} " + t(fit_key, lang, gpu=estimate.gpu_label, total=format_bytes(memory.total, lang),
                                      capacity=format_bytes(estimate.gpu_memory_bytes, lang)),
                       "bold green" if estimate.fits else "bold red")
        training = Text.assemble(
            (t("sim.training", lang), "bold"), "\n  ",
            t("sim.steps", lang, per_epoch=format_count(estimate.steps_per_epoch, lang),
              total=format_count(estimate.total_steps, lang), warmup=format_count(estimate.warmup_steps, lang)), "\n  ",
            t("sim.flops", lang, flops=f"{estimate.train_flops:.3g}"), "\n  ",
            t("sim.time", lang, mfu=round(100 * config.mfu, 1), time=format_duration(estimate.time_seconds, lang)),
        )
        extra = self._schedule_options(estimate)
        notes = Text(t("sim.assumptions", lang, overhead=format_bytes(OVERHEAD_BYTES, lang)), "dim italic")
        from rich.console import Group

        self.update(Group(table, memory_bar(estimate, self.ascii_only), verdict, training, *extra, notes))

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
            lines = ", ".join(f"{r.name} {r.lr:.2e}" for r in picked)
            shown.append(Text.assemble((t("sim.layer_rates", lang), "bold"), "\n  ", lines))
        if config.gradual_unfreezing:
            import math

            stages = gradual_unfreezing(spec.layers, math.ceil(config.epochs))
            lines = []
            for stage in stages[:6]:
                layers = ("head + " + ", ".join(map(str, stage.layers))) if stage.layers else "head"
                if stage.embeddings:
                    layers += " + embeddings"
                lines.append(t("sim.unfreeze_stage", lang, epoch=stage.epoch, layers=layers))
            shown.append(Text.assemble((t("sim.unfreezing", lang), "bold"), "\n  ", "\n  ".join(lines)))
        return shown
