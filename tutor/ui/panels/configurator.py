"""The BERT and GPT fine-tuning configurators: a task sentence, editable settings, live estimates.

Every number on screen comes from `tutor.sim`: the recommendation from `recommend`, the estimate
from `estimate`, the schedule from `lr_curve`, the sampling from `sample_steps`. When a field is
invalid its message shows under it and the last valid estimate stays on screen.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ItemGrid, Vertical
from textual.widgets import Input, Label, Static

from tutor.core.i18n import t
from tutor.core.numbers import fmt, fmt_int, fmt_sci
from tutor.sim.report import display_name
from tutor.core.simulators import simulator_title
from tutor.sim.catalogue import GPUS, MODELS
from tutor.sim.config import (
    PRECISIONS,
    STRATEGIES,
    FineTuneConfig,
    Problem,
    parse_config,
)
from tutor.sim.estimate import Estimate, estimate
from tutor.sim.recommend import recommend
from tutor.sim.schedules import SCHEDULES, lr_curve
from tutor.ui.keys import localize_bindings
from tutor.ui.panels.estimate_view import EstimateView
from tutor.ui.widgets.alive import when_alive
from tutor.ui.widgets.controls import SteadyInput
from tutor.ui.widgets.fields import FieldCell, FieldSpec

COMMON_FIELDS = (
    "model", "strategy", "lora_r", "lora_targets", "adapter_size", "num_labels", "lr", "batch_size",
    "grad_accum", "devices", "epochs", "seq_len", "examples", "warmup_ratio", "warmup_steps", "schedule",
    "precision", "gpu", "mfu", "checkpointing", "layer_decay", "gradual_unfreezing",
)
GPT_FIELDS = ("max_length", "temperature", "top_p", "top_k")
CHOICE_FIELDS = {"model", "strategy", "schedule", "precision", "gpu"}
BOOL_FIELDS = {"checkpointing", "gradual_unfreezing"}
FIELD_WIDTH = 32  # the longest model name, its select's arrow and the field's focus bar

DEFAULTS = {
    "bert": FineTuneConfig(),
    "gpt": FineTuneConfig(model="gpt2", lr=5e-5, batch_size=16, seq_len=256, num_labels=1),
}


def _shown(value: object, lang: str) -> object:
    """A config value as a field shows it, written in `lang` (0,1 in French; read back alike)."""
    if isinstance(value, float):
        return fmt(value, lang, grouping=False)
    if isinstance(value, tuple):
        return ",".join(value)
    if value is None:
        return ""
    return value


class ConfiguratorPanel(Vertical):
    """A fine-tuning configurator for BERT-style encoders (`bert`) or GPT-style decoders (`gpt`)."""

    BINDINGS = [
        Binding("ctrl+o", "export", "Export", id="export"),
        Binding("f7", "reopen", "Last saved", id="reopen"),
    ]

    def __init__(self, family: str, lang: str, ascii_only: bool = False, *, id: str | None = None) -> None:
        super().__init__(classes="sim-panel", id=id or f"{family}-configurator")
        self.family = family
        self.lang = lang
        self.ascii_only = ascii_only
        self.config = DEFAULTS[family]
        self.last_valid: Estimate = estimate(self.config)
        self.problems: list[Problem] = []
        self._applying = False

    # -- layout --------------------------------------------------------------------------------

    def _specs(self) -> list[FieldSpec]:
        encoder = self.family == "bert"
        names = COMMON_FIELDS + (() if encoder else GPT_FIELDS)
        specs = []
        for name in names:
            if name == "num_labels" and not encoder:
                continue
            label = t(f"field.{name}", self.lang)
            if name == "model":
                choices = [(m, m) for m, spec in MODELS.items() if spec.is_encoder == encoder]
            elif name == "strategy":
                choices = [(t(f"strategy.{s}", self.lang), s) for s in STRATEGIES if encoder or s != "freeze"]
            elif name == "schedule":
                choices = [(t(f"schedule.{s}", self.lang), s) for s in SCHEDULES]
            elif name == "precision":
                choices = [(p, p) for p in PRECISIONS]
            elif name == "gpu":
                choices = [(g.label.replace("NVIDIA ", ""), key) for key, g in GPUS.items()]
            else:
                choices = []
            kind = "choice" if name in CHOICE_FIELDS else "bool" if name in BOOL_FIELDS else "text"
            placeholder = t("sim.default_targets", self.lang) if name == "lora_targets" else ""
            if kind == "bool":
                placeholder = t("sim.enabled", self.lang)
            specs.append(FieldSpec(name, label, kind, choices, placeholder))
        return specs

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        lang = self.lang
        yield Label(simulator_title(f"{self.family}-configurator", lang), classes="panel-title")
        yield Label(t("sim.task", lang), classes="panel-heading")
        yield SteadyInput(placeholder=t(f"sim.task_placeholder_{self.family}", lang), id="task-sentence", compact=True)
        yield Static("", id="recommendation", markup=False)
        yield Label(t("sim.settings", lang), classes="panel-heading")
        # As many columns as fit FIELD_WIDTH: two at 80 columns, three on a wide terminal, so
        # labels and model names ("bert-base-multilingual-cased") are shown whole.
        with ItemGrid(classes="fields", min_column_width=FIELD_WIDTH):
            for spec in self._specs():
                yield FieldCell(spec, _shown(getattr(self.config, spec.name), self.lang))
        yield Label(t("sim.results", lang), classes="panel-heading")
        yield Static("", id="stale-note", markup=False)
        yield EstimateView(lang, self.ascii_only, id="estimate")
        yield Label(t("sim.schedule", lang), classes="panel-heading")
        yield PlotextPlot(id="lr-plot")
        if self.family == "gpt":
            from tutor.ui.panels.playground import SamplingPlayground

            yield SamplingPlayground(lang, self.ascii_only)

    @when_alive  # removed while mounting: its parts may be gone
    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        for cell in self.query(FieldCell):
            cell.show_problem(None)
        self.query_one("#stale-note", Static).display = False
        self.query_one("#recommendation", Static).display = False
        self.recompute()

    # -- reacting to the learner ---------------------------------------------------------------

    @when_alive
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "task-sentence":
            return
        event.stop()
        sentence = event.value.strip()
        shown = self.query_one("#recommendation", Static)
        shown.display = bool(sentence)
        if not sentence:
            return
        rec = recommend(self.family, sentence, self.lang)
        lines = [
            t("sim.recognised", self.lang, label=rec.text("label")),
            t("sim.recommended", self.lang, model=rec.model, lr=fmt(rec.lr, self.lang), batch=rec.batch_size,
              count=rec.epochs),
            t("sim.metrics", self.lang, text=", ".join(display_name(m, self.lang) for m in rec.metrics)),
            t("sim.reason", self.lang, text=rec.text("reason")),
            t("sim.watch", self.lang, text=rec.text("watch")),
        ]
        shown.update("\n".join(lines))
        self.apply_config(rec.to_config(replace(DEFAULTS[self.family], strategy=self.config.strategy)))

    def apply_config(self, config: FineTuneConfig) -> None:
        """Put `config`'s values in the fields (e.g. after a recommendation) and recompute once."""
        self._applying = True
        try:
            for cell in self.query(FieldCell):
                cell.set_value(_shown(getattr(config, cell.spec.name), self.lang))
        finally:
            self._applying = False
        self.call_after_refresh(self.recompute)

    @when_alive
    def on_field_cell_changed(self, event: FieldCell.Changed) -> None:
        event.stop()
        if not self._applying:
            self.recompute()

    def field_values(self) -> dict[str, object]:
        """The raw value of every field, as typed."""
        values = {cell.spec.name: cell.value for cell in self.query(FieldCell)}
        if not str(values.get("lora_targets", "")).strip():
            values.pop("lora_targets", None)  # empty means PEFT's default targets for the model
        return values

    def recompute(self) -> None:
        """Parse every field, show each problem beside its field, and update the estimate."""
        config, problems = parse_config(self.field_values(), DEFAULTS[self.family])
        self.problems = problems
        first: dict[str, Problem] = {}
        for problem in problems:
            first.setdefault(problem.field, problem)
        for cell in self.query(FieldCell):
            found = first.get(cell.spec.name)
            cell.show_problem(found.text(self.lang) if found else None, found.severity if found else "error")
        errors = [p for p in problems if p.severity == "error"]
        stale = self.query_one("#stale-note", Static)
        stale.display = bool(errors)
        if errors:
            stale.update(t("sim.last_valid", self.lang))
            return
        self.config = config
        self.last_valid = estimate(config)
        self.query_one("#estimate", EstimateView).show(self.last_valid)
        self._plot_schedule()
        if self.family == "gpt":
            from tutor.ui.panels.playground import SamplingPlayground

            self.query_one(SamplingPlayground).set_sampling(config.temperature, config.top_k, config.top_p)

    def _plot_schedule(self) -> None:
        from textual_plotext import PlotextPlot

        result, config = self.last_valid, self.config
        points = lr_curve(config.schedule, config.lr, result.total_steps, result.warmup_steps, points=120)
        plot = self.query_one("#lr-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        plt.plot([s for s, _ in points], [lr for _, lr in points], marker="dot" if self.ascii_only else "braille")
        plt.xlabel(t("sim.plot.step", self.lang))
        steps = [round(result.total_steps * k / 4) for k in range(5)]
        plt.xticks(steps, [fmt_int(step, self.lang) for step in steps])  # 1 875, not 1875.0
        top = max((lr for _, lr in points), default=0.0)
        ticks = [top * k / 4 for k in range(5)]
        plt.yticks(ticks, ["0" if v == 0 else fmt_sci(v, self.lang, 2) for v in ticks])
        plt.title(t("sim.plot.title", self.lang, schedule=t(f"schedule.{config.schedule}", self.lang), warmup=result.warmup_steps,
                    total=result.total_steps))
        plot.refresh()

    def action_reopen(self) -> None:
        """Put back the last configuration saved from this configurator (export screen, `s`)."""
        from tutor.sim.config import parse_config

        saved = self.app.store.saved_configs(self.family)  # type: ignore[attr-defined]
        if not saved:
            self.notify(t("sim.none_saved", self.lang))
            return
        latest = max(saved, key=lambda entry: entry.saved_at)
        config, _ = parse_config(latest.data, DEFAULTS[self.family])
        self.apply_config(config)
        self.notify(t("sim.reopened", self.lang, name=latest.name))

    def action_export(self) -> None:
        """Show the configuration as a Python script and as YAML."""
        from tutor.ui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.config, self.lang))
