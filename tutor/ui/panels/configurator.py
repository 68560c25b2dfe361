"""The fine-tuning configurators: encoders and encoder-decoders (`bert`), decoder LLMs (`gpt`).

Every number on screen comes from `tutor.sim`: the recommendation from `recommend`, the estimate
from `estimate`, the schedule from `lr_curve`, the sampling from `sample_steps`. When a field is
invalid its message shows under it and the last valid estimate stays on screen.

Summarisation and translation models (T5, BART, BARThez, Marian) sit in the `bert` configurator
beside the encoders rather than in a third panel: the recommender answers « résumer des articles »
typed there with a seq2seq model, which the panel can then apply as it stands, and simulator names
are part of the lessons' and the home screen's contract (a new one would change both).

Some fields follow others until the learner sets them: the learning rate follows
`default_lr(strategy, family, task)`, the optimizer turns to paged 8-bit AdamW with QLoRA, the task
and strategy lists follow the model's family. A value the panel put in a field is remembered
(`_ours`), so a change the learner made is told apart from one the panel made, whatever the order
in which their messages arrive.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ItemGrid, Vertical
from textual.widgets import Input, Label, Select, Static

from tutor.content.simulators import simulator_title
from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt, fmt_int, fmt_sci
from tutor.sim.catalogue import GPUS, MODELS, ModelSpec, get_gpu, get_model
from tutor.sim.config import (
    LORA_2026,
    OPTIMIZERS,
    PRECISIONS,
    STRATEGIES,
    FineTuneConfig,
    Problem,
    default_lr,
    parse_config,
)
from tutor.sim.estimate import Estimate, estimate
from tutor.sim.recommend import recommend
from tutor.sim.report import display_name
from tutor.sim.schedules import SCHEDULES, lr_curve
from tutor.ui.keys import localize_bindings
from tutor.ui.panels.estimate_view import EstimateView
from tutor.ui.widgets.alive import alive, when_alive
from tutor.ui.widgets.controls import SteadyInput
from tutor.ui.widgets.fields import FieldCell, FieldSpec

if TYPE_CHECKING:
    from tutor.ui.app_protocol import TutorAppProtocol

COMMON_FIELDS = (
    "model", "task", "strategy", "lora_r", "lora_alpha", "lora_targets", "adapter_size", "num_labels",
    "dpo_beta", "lr", "optimizer", "precision", "gpu", "batch_size", "grad_accum", "devices", "epochs",
    "seq_len", "examples", "warmup_ratio", "warmup_steps", "schedule", "mfu", "checkpointing", "layer_decay",
    "gradual_unfreezing",
)
GPT_FIELDS = ("max_length", "temperature", "top_p", "top_k")
BERT_ONLY = {"num_labels"}
GPT_ONLY = {"dpo_beta"}
CHOICE_FIELDS = {"model", "task", "strategy", "optimizer", "schedule", "precision", "gpu"}
BOOL_FIELDS = {"checkpointing", "gradual_unfreezing"}
LORA_FIELDS = {"lora_r", "lora_alpha", "lora_targets"}
FIELD_WIDTH = 32  # the longest model name, its select's arrow and the field's focus bar

# The model families each configurator offers (ModelSpec.family).
FAMILIES: dict[str, tuple[str, ...]] = {"bert": ("encoder", "seq2seq"), "gpt": ("decoder",)}
OTHER = {"bert": "gpt-configurator", "gpt": "bert-configurator"}
QLORA_OPTIMIZER = "paged-adamw-8bit"  # QLoRA's paged optimiser (Dettmers et al. 2023)


def _defaults(kind: str) -> FineTuneConfig:
    """Where a configurator starts: 2026 LoRA settings ready, the learning rate of its strategy."""
    base = replace(FineTuneConfig(), **LORA_2026)  # type: ignore[arg-type]  # LORA_2026 holds values of the fields' types
    if kind == "gpt":
        # A small 2024 base decoder that fits the default T4 fully fine-tuned; GPT-2 stays in the list.
        base = replace(base, model="SmolLM2-135M", task="causal-lm", seq_len=256, num_labels=1)
    spec = get_model(base.model)
    assert spec is not None  # the defaults are in the catalogue
    task = base.task or spec.default_task
    return replace(base, task=task, lr=default_lr(base.strategy, spec.family, task))


DEFAULTS = {kind: _defaults(kind) for kind in FAMILIES}


def _shown(value: object, lang: str) -> object:
    """A config value as a field shows it, written in `lang` (0,1 in French; read back alike)."""
    if isinstance(value, float):
        return fmt(value, lang, grouping=False)
    if isinstance(value, tuple):
        return ",".join(value)
    if value is None:
        return ""
    return value


def _gpu_label(name: str) -> str:
    """The GPU as its field shows it ("T4 16 GB"), or its name when unknown."""
    gpu = get_gpu(name)
    return gpu.label.replace("NVIDIA ", "") if gpu else name


def field_visible(name: str, strategy: object, task: object) -> bool:
    """Whether field `name` matters for `strategy` and `task` (hidden fields keep their defaults)."""
    if name in LORA_FIELDS:
        return strategy in ("lora", "qlora")
    if name == "adapter_size":
        return strategy == "adapters"
    if name == "num_labels":
        return task in ("seq-cls", "token-cls")
    if name == "dpo_beta":
        return task == "dpo"
    return True


class ConfiguratorPanel(Vertical):
    """A fine-tuning configurator: `bert` (encoders, encoder-decoders) or `gpt` (decoder LLMs)."""

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
        spec = get_model(self.config.model)
        assert spec is not None
        self._spec_family = spec.family  # whose tasks and strategies the lists offer
        self._options: dict[str, list[tuple[str, str]]] = {}  # each choice field's (label, value)s
        self._ours: dict[str, object] = {}  # the value the panel last put in each field
        self._typed: set[str] = set()  # fields the learner changed since the last applied config
        self._lr_for = (self.config.strategy, spec.family, self.config.task)  # what the lr's default was for
        self._qlora = self.config.strategy == "qlora"

    # -- layout --------------------------------------------------------------------------------

    def _task_choices(self, spec: ModelSpec) -> list[tuple[str, str]]:
        return [(t(f"task.{task}", self.lang), task) for task in spec.tasks]

    def _strategy_choices(self, spec: ModelSpec) -> list[tuple[str, str]]:
        # Feature extraction trains a head on a frozen encoder: decoders and seq2seq have no such head.
        return [(t(f"strategy.{s}", self.lang), s) for s in STRATEGIES if spec.is_encoder or s != "freeze"]

    def _choices(self, name: str, spec: ModelSpec) -> list[tuple[str, str]]:
        lang = self.lang
        if name == "model":
            return [(m, m) for m, model in MODELS.items() if model.family in FAMILIES[self.family]]
        if name == "task":
            return self._task_choices(spec)
        if name == "strategy":
            return self._strategy_choices(spec)
        if name == "optimizer":
            return [(t(f"optimizer.{o}", lang), o) for o in OPTIMIZERS]
        if name == "schedule":
            return [(t(f"schedule.{s}", lang), s) for s in SCHEDULES]
        if name == "precision":
            return [(t("precision.auto", lang) if p == "auto" else p, p) for p in PRECISIONS]
        if name == "gpu":
            return [(_gpu_label(key), key) for key in GPUS]
        return []

    def _specs(self) -> list[FieldSpec]:
        spec = get_model(self.config.model)
        assert spec is not None
        names = COMMON_FIELDS + (GPT_FIELDS if self.family == "gpt" else ())
        skipped = GPT_ONLY if self.family == "bert" else BERT_ONLY
        specs = []
        for name in names:
            if name in skipped:
                continue
            label = t(f"field.{name}", self.lang)
            choices = self._choices(name, spec) if name in CHOICE_FIELDS else []
            if choices:
                self._options[name] = choices
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
        yield Static(t(f"sim.scope_{self.family}", lang), classes="sim-scope", markup=False)
        yield Label(t("sim.task", lang), classes="panel-heading")
        yield SteadyInput(placeholder=t(f"sim.task_placeholder_{self.family}", lang), id="task-sentence", compact=True)
        yield Static("", id="recommendation", markup=False)
        yield Label(t("sim.settings", lang), classes="panel-heading")
        # As many columns as fit FIELD_WIDTH: two at 80 columns, three on a wide terminal, so
        # labels and model names ("bert-base-multilingual-cased") are shown whole.
        with ItemGrid(classes="fields", min_column_width=FIELD_WIDTH):
            for spec in self._specs():
                shown = _shown(getattr(self.config, spec.name), self.lang)
                self._ours[spec.name] = shown if spec.kind != "text" else str(shown)
                yield FieldCell(spec, shown)
        yield Static("", id="model-note", markup=False)
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
        self.query_one("#model-note", Static).display = False
        self.recompute()

    # -- fields the panel sets -----------------------------------------------------------------

    def _cell(self, name: str) -> FieldCell | None:
        found = self.query(f"#field-{name}")
        cell = found.first() if found else None
        return cell if isinstance(cell, FieldCell) else None

    def _put(self, name: str, value: object) -> None:
        """Show `value` in field `name` as the panel's own (not the learner's) change."""
        cell = self._cell(name)
        if cell is None:
            return
        if cell.spec.kind == "choice":
            if value not in {v for _, v in self._options.get(name, ())}:
                return  # not offered here (an old saved configuration): keep the field as it is
        elif cell.spec.kind == "text":
            value = str(value)
        else:
            value = bool(value)
        self._ours[name] = value
        if cell.value != value:
            cell.set_value(value)

    def _set_options(self, name: str, choices: list[tuple[str, str]]) -> None:
        """Offer `choices` in the choice field `name` (its value is put back by the caller)."""
        cell = self._cell(name)
        if cell is None:
            return
        self._options[name] = choices
        self._ours[name] = choices[0][1]  # what set_options selects until the caller puts the value
        cell.query_one(f"#control-{name}", Select).set_options(choices)

    def _follow_family(self, spec: ModelSpec) -> None:
        """Offer the tasks and strategies of `spec`'s family (encoder and seq2seq differ)."""
        if spec.family == self._spec_family:
            return
        self._spec_family = spec.family
        self._set_options("task", self._task_choices(spec))
        self._set_options("strategy", self._strategy_choices(spec))

    def _follow(self, values: dict[str, object]) -> dict[str, object]:
        """`values` with the fields that follow others brought in line (and shown so)."""
        spec = get_model(values.get("model"))
        if spec is None or spec.family not in FAMILIES[self.family]:
            return values  # the model's problem shows under its field
        self._follow_family(spec)
        task = values.get("task") if values.get("task") in spec.tasks else spec.default_task
        offered = {v for _, v in self._options.get("strategy", ())}
        strategy = values.get("strategy") if values.get("strategy") in offered else "full"
        self._put("task", task)
        self._put("strategy", strategy)
        values = {**values, "task": task, "strategy": strategy}
        if (strategy, spec.family, task) != self._lr_for:
            self._lr_for = (str(strategy), spec.family, str(task))
            if "lr" not in self._typed:
                values["lr"] = _shown(default_lr(str(strategy), spec.family, str(task)), self.lang)
                self._put("lr", values["lr"])
        if (strategy == "qlora") != self._qlora:
            self._qlora = strategy == "qlora"
            if "optimizer" not in self._typed:
                values["optimizer"] = QLORA_OPTIMIZER if self._qlora else "adamw"
                self._put("optimizer", values["optimizer"])
        return values

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
        lang = self.lang
        lines = [
            t("sim.recognised", lang, label=rec.text("label")),
            t("sim.recommended", lang, model=rec.model, lr=fmt(rec.lr, lang), batch=rec.batch_size,
              count=rec.epochs),
            t("sim.strategy_line", lang, strategy=t(f"strategy.{rec.strategy}", lang), gpu=_gpu_label(rec.gpu)),
        ]
        if rec.strategy in ("lora", "qlora"):
            targets = ",".join(rec.lora_targets) if rec.lora_targets else t("sim.default_targets", lang)
            lines.append(t("sim.lora_line", lang, r=rec.lora_r, alpha=rec.lora_alpha, targets=targets))
        lines += [
            t("sim.metrics", lang, text=", ".join(display_name(m, lang) for m in rec.metrics)),
            t("sim.reason", lang, text=rec.text("reason")),
            t("sim.watch", lang, text=rec.text("watch")),
        ]
        if rec.text("notes"):
            lines.append(t("sim.note", lang, text=rec.text("notes")))
        spec = get_model(rec.model)
        if spec is not None and spec.family not in FAMILIES[self.family]:
            # Another configurator's model (classify typed in the LLM one): say where, change nothing.
            lines.append(t("sim.other_configurator", lang, model=rec.model,
                           family=t(f"sim.family_a.{spec.family}", lang),
                           title=simulator_title(OTHER[self.family], lang)))
            shown.update("\n".join(lines))
            return
        shown.update("\n".join(lines))
        self.apply_config(rec.to_config(DEFAULTS[self.family]))

    def apply_config(self, config: FineTuneConfig) -> None:
        """Put `config`'s values in the fields (a recommendation, a saved config) and recompute."""
        self._typed.clear()  # from here on, lr and optimizer follow the strategy again
        spec = get_model(config.model)
        if spec is not None and spec.family in FAMILIES[self.family]:
            self._follow_family(spec)
            self._lr_for = (config.strategy, spec.family, config.resolved_task())
            self._qlora = config.strategy == "qlora"
            config = replace(config, task=config.resolved_task())
        for cell in self.query(FieldCell):
            self._put(cell.spec.name, _shown(getattr(config, cell.spec.name), self.lang))
        self.call_after_refresh(self.recompute)

    @when_alive
    def on_field_cell_changed(self, event: FieldCell.Changed) -> None:
        event.stop()
        name = event.cell.spec.name
        if event.cell.value != self._ours.get(name):
            self._typed.add(name)  # the learner's value: it no longer follows the others
        self.recompute()

    def field_values(self) -> dict[str, object]:
        """The raw value of every field, as typed."""
        values = {cell.spec.name: cell.value for cell in self.query(FieldCell)}
        if not str(values.get("lora_targets", "")).strip():
            values.pop("lora_targets", None)  # empty means PEFT's default targets for the model
        return values

    def _show_fields(self, strategy: object, task: object) -> dict[str, bool]:
        """Hide the fields that do not matter now; returns which are shown."""
        shown: dict[str, bool] = {}
        for cell in self.query(FieldCell):
            visible = field_visible(cell.spec.name, strategy, task)
            shown[cell.spec.name] = visible
            if cell.display != visible:
                if not visible and cell.has_focus_within:
                    self.query_one("#control-strategy").focus()  # not left on a field that goes
                cell.display = visible
        return shown

    @when_alive  # also called after a refresh, when the panel may have gone
    def recompute(self) -> None:
        """Parse every field, show each problem beside its field, and update the estimate."""
        values = self._follow(self.field_values())
        shown = self._show_fields(values.get("strategy"), values.get("task"))
        # A hidden field keeps its default: a value left in it cannot block the estimate.
        values = {name: value for name, value in values.items() if shown.get(name, True)}
        config, problems = parse_config(values, DEFAULTS[self.family])
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
            # An error of a field without a cell of its own is said here, or nothing would say it.
            unseen = [p.text(self.lang) for p in errors if not shown.get(p.field, False)]
            stale.update("\n".join([t("sim.last_valid", self.lang), *unseen]))
            return
        self.config = config
        self.last_valid = estimate(config)
        self.query_one("#estimate", EstimateView).show(self.last_valid)
        self._show_model_note(config)
        self._plot_schedule()
        if self.family == "gpt":
            from tutor.ui.panels.playground import SamplingPlayground

            self.query_one(SamplingPlayground).set_sampling(config.temperature, config.top_k, config.top_p)

    def _show_model_note(self, config: FineTuneConfig) -> None:
        """Chat template, SFT loss masking, DPO pairs: what the model and task ask of the data."""
        spec = get_model(config.model)
        task = config.resolved_task()
        lines = []
        if spec is not None and spec.instruct and spec.is_decoder:
            lines.append(t("sim.note_instruct", self.lang))
        elif spec is not None and spec.is_decoder and task in ("sft", "dpo"):
            lines.append(t("sim.note_base_chat", self.lang))
        if task == "sft":
            lines.append(t("sim.note_sft", self.lang))
        if task == "dpo":
            lines.append(t("sim.note_dpo", self.lang, beta=config.dpo_beta))
        note = self.query_one("#model-note", Static)
        note.update("\n".join(lines))
        note.display = bool(lines)

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
        steps: list[float] = [round(result.total_steps * k / 4) for k in range(5)]  # whole numbers
        plt.xticks(steps, [fmt_int(step, self.lang) for step in steps])  # 1 875, not 1875.0
        top = max((lr for _, lr in points), default=0.0)
        ticks = [top * k / 4 for k in range(5)]
        plt.yticks(ticks, ["0" if v == 0 else fmt_sci(v, self.lang, 2) for v in ticks])
        plt.title(t("sim.plot.title", self.lang, schedule=t(f"schedule.{config.schedule}", self.lang),
                    warmup=result.warmup_steps, total=result.total_steps))
        plot.refresh()

    def action_reopen(self) -> None:
        """Put back the last configuration saved from this configurator (export screen, `s`)."""
        saved = self.app.store.saved_configs(self.family)  # type: ignore[attr-defined]  # panels run inside TutorApp, which has a store
        if not saved:
            self.notify(t("sim.none_saved", self.lang))
            return
        latest = max(saved, key=lambda entry: entry.saved_at)
        config, _ = parse_config(latest.data, DEFAULTS[self.family])
        if alive(self):
            self.apply_config(config)
            self.notify(t("sim.reopened", self.lang, name=latest.name))

    def action_export(self) -> None:
        """Show the configuration as a Python script and as YAML (a screen: the app opens it)."""
        cast("TutorAppProtocol", self.app).open_export(self.config, self.lang)
