"""Plain-text reports of estimates, samples and recommendations (≤ 80 columns, ASCII marks).

The command line prints them; the UI may reuse the formatting helpers.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

from tutor.i18n.catalogue import STRINGS, t
from tutor.i18n.numbers import (
    NBSP,
    NNBSP,
    fmt,
    fmt_int,
    fmt_percent,
    fmt_sci,
    french_spacing,
)
from tutor.sim.config import FineTuneConfig
from tutor.sim.estimate import OVERHEAD_BYTES, Estimate

if TYPE_CHECKING:  # the report formats them; importing them would tie `tutor estimate` to the recommender
    from tutor.sim.recommend import Recommendation
    from tutor.sim.sampling import SamplingResult

WIDTH = 80
# Strategy names for the estimate's first line: catalogue keys (tutor.i18n.strings.simulators).
STRATEGY_NAMES = {
    "full": "strategy.full", "freeze": "strategy.freeze", "lora": "strategy.lora",
    "adapters": "strategy.adapters", "bitfit": "strategy.bitfit",
}
# Binary units: French writes octets (Kio, Mio, Gio: 1 Gio = 2^30 octets), English bytes.
BYTE_UNITS = {
    "fr": (("Tio", 2**40), ("Gio", 2**30), ("Mio", 2**20), ("Kio", 2**10), ("o", 1)),
    "en": (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10), ("B", 1)),
}


def format_bytes(count: float, lang: str = "en") -> str:
    """Bytes in binary units: 512 B, 208.8 MiB, 3.41 GiB (French: 512 o, 208,8 Mio, 3,41 Gio)."""
    value = float(count)
    units = BYTE_UNITS.get(lang, BYTE_UNITS["en"])
    for unit, size in units[:-1]:
        if abs(value) >= size:
            scaled = value / size
            return f"{fmt(scaled, lang, 2 if scaled < 10 else 1)} {unit}"
    return f"{fmt_int(value, lang)} {units[-1][0]}"


def format_duration(seconds: float, lang: str = "en") -> str:
    """A duration for people: 20.2 s, 1 min 37 s, 3 h 05 min, 12 d 4 h (French: 20,2 s … 12 j 4 h)."""
    if math.isnan(seconds) or seconds == float("inf"):
        return "-"
    if seconds < 60:
        return f"{fmt(seconds, lang, 1)} s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{fmt_int(hours, lang)} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{fmt_int(days, lang)} {'j' if lang == 'fr' else 'd'} {hours} h"


def format_count(count: int, lang: str = "en") -> str:
    """An integer with thousands separators: 109,482,240 (French: 109 482 240, narrow no-break spaces)."""
    return fmt_int(count, lang)


def short_percent(fraction: float, lang: str) -> str:
    """A share as a percentage with as few decimals as it needs: 0.4 → 40 % / 40%."""
    shown = fmt(100 * fraction, lang)
    return f"{shown}{NNBSP}%" if lang == "fr" else f"{shown}%"


def display_name(name: str, lang: str) -> str:
    """A metric or technique name of the recommendations ("Precision") in `lang` ("Précision")."""
    key = "cli.name." + name
    return t(key, lang) if key in STRINGS else name


def _row(label: str, value: str, note: str = "") -> str:
    line = f"  {label:<28}{value:>18}"
    return f"{line}  {note}".rstrip() if note else line


def _label(key: str, lang: str, fallback: str) -> str:
    """The catalogue's word for `key`, or `fallback` when no area defines it."""
    return t(key, lang) if key in STRINGS else fallback


def strategy_name(strategy: str, lang: str) -> str:
    """A strategy as the report names it ("Fine-tuning complet", "QLoRA (4-bit NF4 base)")."""
    return _label(STRATEGY_NAMES.get(strategy, f"strategy.{strategy}"), lang, strategy)


def optimizer_name(optimizer: str, lang: str) -> str:
    """An optimizer as the report names it ("AdamW", "8-bit AdamW")."""
    return _label(f"optimizer.{optimizer}", lang, optimizer)


def family_name(family: str, lang: str) -> str:
    """"encoder", "decoder" or "seq2seq" in `lang` (encodeur, décodeur, seq2seq)."""
    return _label(f"estimate.family.{family}", lang, family)


def bytes_per_trained_param(est: Estimate) -> float:
    """Bytes one trained parameter costs: its weight, its gradient and its optimizer state.

    Read back from the memory breakdown (gradients and optimizer states are only kept for trained
    parameters), so it follows whatever optimizer and precision the estimator modelled: 16 for
    AdamW in mixed precision or fp32, 10 with 8-bit AdamW.
    """
    trained = est.trainable_params
    if trained <= 0:
        return 0.0
    width = 4 if est.config.precision == "fp32" else 2
    return width + (est.memory.gradients + est.memory.optimizer) / trained


def estimate_lines(est: Estimate, lang: str = "en", *, warn_warmup: bool = True,
                   config: FineTuneConfig | None = None) -> list[str]:
    """The estimate as aligned lines of at most 80 columns, in `lang`.

    A job that does not fit gets no time (it cannot run) and ends with what would fit, tried on
    the estimator one change at a time from `config` (the configuration as typed, before the
    estimator resolved "auto"; default: the estimate's own). A warmup longer than the run ends
    the lines with a warning (`warn_warmup=False`: the caller shows it elsewhere, as the command
    line does on stderr).
    """
    def w(key: str, **values: object) -> str:
        return t(f"cli.est.{key}", lang, **values)

    def count(value: int) -> str:
        return format_count(value, lang)

    def size(value: float) -> str:
        return format_bytes(value, lang)

    cfg = est.config
    mem = est.memory
    gpu = w("devices", count=cfg.devices, gpu=est.gpu_label) if cfg.devices > 1 else est.gpu_label
    # "auto" is resolved by the estimator; say so when the learner left it to choose.
    precision = f"{cfg.precision} (auto)" if config is not None and config.precision == "auto" else cfg.precision
    lines = [
        f"{cfg.model} ({est.task}), {strategy_name(cfg.strategy, lang)}, {precision}",
        w("on", gpu=gpu),
        "",
        w("parameters"),
        _row(w("base"), count(est.base_params)),
    ]
    if est.dropped_params:
        lines.append(_row(w("pooler"), f"-{count(est.dropped_params)}"))
    optimizer = cfg.optimizer
    lines += [
        _row(w("head"), count(est.head_params)),
        _row(w("adapter"), count(est.adapter_params)),
        _row(w("total"), count(est.total_params)),
        _row(w("trainable"), count(est.trainable_params), fmt_percent(est.trainable_fraction, lang, 3, fraction=True)),
        "",
        w("memory"),
        _row(w("weights"), size(mem.weights), t("estimate.weights_4bit", lang) if est.quantised else ""),
        _row(w("gradients"), size(mem.gradients)),
        _row(w("optimizer"), size(mem.optimizer), optimizer_name(optimizer, lang)),
        _row(w("activations"), size(mem.activations), w("checkpointing") if cfg.checkpointing else ""),
    ]
    if est.task == "dpo":
        # With LoRA/QLoRA the reference is the base with its adapters switched off: no second copy.
        note = "estimate.reference_is_base" if mem.reference == 0 else "estimate.reference_frozen"
        lines.append(_row(t("estimate.reference", lang), size(mem.reference), t(note, lang)))
    lines += [
        _row(w("overhead"), size(mem.overhead)),
        _row(w("total"), size(mem.total), w("of", capacity=size(est.gpu_memory_bytes))),
        _row(w("fits"), w("yes") if est.fits else w("no")),
    ]
    if est.activation_formula:
        lines += textwrap.wrap(t("estimate.formula", lang, formula=est.activation_formula), WIDTH, initial_indent="  ",
                               subsequent_indent="    ", break_on_hyphens=False)
    lines += [
        "",
        w("training"),
        _row(w("steps_per_epoch"), count(est.steps_per_epoch)),
        _row(w("total_steps"), count(est.total_steps)),
        _row(w("warmup_steps"), count(est.warmup_steps)),
        _row(w("tokens"), fmt_sci(est.tokens, lang)),
        _row(w("flops"), fmt_sci(est.train_flops, lang)),
    ]
    if est.recompute_flops:
        lines.append(_row(w("recompute"), fmt_sci(est.recompute_flops, lang)))
    time_label = w("time", mfu=short_percent(cfg.mfu, lang))
    if est.fits:
        lines.append(_row(time_label, format_duration(est.time_seconds, lang)))
    else:  # a run that cannot start has no duration
        lines.append(_row(time_label, "-", t("estimate.no_time", lang)))
    notes = t("estimate.assumptions", lang, optimizer=optimizer_name(optimizer, lang),
              bytes=fmt(round(bytes_per_trained_param(est), 1), lang), overhead=size(OVERHEAD_BYTES),
              peak=fmt(est.peak_flops / 1e12, lang),
              precision="fp32" if cfg.precision == "fp32" else w("half_precision"))
    lines += ["", *textwrap.wrap(notes, WIDTH, break_on_hyphens=False)]
    if not est.fits:
        lines += ["", *fit_hint_lines(config or cfg, est, lang)]
    for problem in est.problems:
        severity = w("error") if problem.severity == "error" else w("warning")
        lines += textwrap.wrap(f"{severity} : {problem.field} : {problem.text(lang)}" if lang == "fr"
                               else f"{severity}: {problem.field}: {problem.text(lang)}", WIDTH)
    if warn_warmup and est.warmup_steps > est.total_steps:
        lines += textwrap.wrap(warmup_warning(est, lang), WIDTH)
    return lines


@dataclass(frozen=True)
class Alternative:
    """One change that may make a job fit: its name, the options to type, and the estimate."""

    key: str
    options: str
    config: FineTuneConfig
    total_bytes: int
    fits: bool
    values: tuple[tuple[str, object], ...] = ()

    def label(self, lang: str) -> str:
        """The change in `lang` ("LoRA", "8-bit AdamW", "QLoRA + checkpointing", "NVIDIA A100 80 GB")."""
        if self.key.startswith("gpu:"):
            return self.key[4:]
        return " + ".join(t(f"estimate.hint.{key}", lang, **dict(self.values)) for key in self.key.split("+"))


def _accepted(config: FineTuneConfig) -> Estimate | None:
    """The estimate of `config`, or None when the estimator would correct one of its fields."""
    from tutor.sim.estimate import estimate

    result = estimate(config)
    return None if any(p.severity == "error" for p in result.problems) else result


def fit_alternatives(config: FineTuneConfig) -> tuple[list[Alternative], Alternative | None, Alternative | None]:
    """What would make `config` fit, each tried on the estimator: (single changes, all together, a GPU).

    The single changes are the usual remedies, each only where it changes something: LoRA, QLoRA,
    activation checkpointing, 8-bit AdamW, 16-bit mixed precision, half the batch with twice the
    accumulation (same effective batch). "All together" is given only when no single change fits.
    The GPU is the smallest of the catalogue that holds the job as it is (None if none does).
    """
    from tutor.sim import config as core
    from tutor.sim.catalogue import GPUS, get_gpu

    base = _accepted(config)
    if base is None:
        return [], None, None
    strategy = config.strategy
    trains_base = strategy in ("full", "adapters", "bitfit")
    changes: list[tuple[str, str, dict[str, object], dict[str, object]]] = []
    if strategy not in ("lora", "qlora"):
        changes.append(("lora", "--strategy lora", {"strategy": "lora"}, {}))
    if "qlora" in core.STRATEGIES and strategy != "qlora":
        # QLoRA computes in 16-bit: from fp32 it takes the GPU's 16-bit format too, and says so.
        precision = {"precision": "auto"} if config.precision == "fp32" and "auto" in core.PRECISIONS else {}
        options = "--strategy qlora" + (" --precision auto" if precision else "")
        changes.append(("qlora", options, {"strategy": "qlora", **precision}, {}))
    if not config.checkpointing and strategy != "freeze":
        changes.append(("checkpointing", "--checkpointing", {"checkpointing": True}, {}))
    if trains_base and config.optimizer == "adamw" and "adamw-8bit" in core.OPTIMIZERS:
        changes.append(("optimizer", "--optimizer adamw-8bit", {"optimizer": "adamw-8bit"}, {}))
    if config.precision == "fp32":
        sixteen = "auto" if "auto" in core.PRECISIONS else "fp16"
        changes.append(("precision", f"--precision {sixteen}", {"precision": sixteen}, {}))
    if config.batch_size > 1:
        batch, accum = config.batch_size // 2, config.grad_accum * 2
        changes.append(("batch", f"--batch-size {batch} --grad-accum {accum}",
                        {"batch_size": batch, "grad_accum": accum}, {"batch": batch, "accum": accum}))
    singles: list[Alternative] = []
    for key, options, fields_changed, values in changes:
        changed = replace(config, **fields_changed)  # type: ignore[arg-type]  # values of the fields' types
        result = _accepted(changed)
        if result is not None:
            singles.append(Alternative(key, options, changed, result.memory.total, result.fits,
                                       tuple(values.items())))
    together = None
    if singles and not any(a.fits for a in singles):
        by_key = {a.key: a for a in singles}
        # The strongest remedies together: one PEFT strategy (QLoRA before LoRA), checkpointing,
        # 16-bit; 8-bit AdamW only when the whole model stays trained (adapters' states are small).
        chosen: list[str] = [key for key in ("qlora", "checkpointing", "precision") if key in by_key]
        if "qlora" not in chosen and "lora" in by_key:
            chosen.insert(0, "lora")
        if not {"qlora", "lora"} & set(chosen) and "optimizer" in by_key:
            chosen.append("optimizer")
        if len(chosen) > 1:
            merged: dict[str, object] = {}
            for key in chosen:
                changed_config = by_key[key].config
                merged.update({f.name: getattr(changed_config, f.name) for f in fields(config)
                               if getattr(changed_config, f.name) != getattr(config, f.name)})
            changed = replace(config, **merged)  # type: ignore[arg-type]  # values of the fields' types
            result = _accepted(changed)
            if result is not None:
                together = Alternative("+".join(chosen), " ".join(by_key[key].options for key in chosen), changed,
                                       result.memory.total, result.fits)
    bigger = None
    current = get_gpu(config.gpu)
    for name, gpu in sorted(GPUS.items(), key=lambda item: (item[1].memory_bytes, item[0])):
        if current is not None and gpu.memory_bytes <= current.memory_bytes:
            continue
        changed = replace(config, gpu=name)
        result = _accepted(changed)
        if result is not None and result.fits:
            bigger = Alternative("gpu:" + gpu.label, f"--gpu {name}", changed, result.memory.total, True)
            break
    return singles, together, bigger


def fit_hint_lines(config: FineTuneConfig, est: Estimate, lang: str) -> list[str]:
    """What would make a job that does not fit fit, as lines of at most 80 columns."""
    singles, together, bigger = fit_alternatives(config)

    def line(label: str, alternative: Alternative) -> list[str]:
        verdict = t("estimate.hint.fits" if alternative.fits else "estimate.hint.too_big", lang)
        above = [] if len(label) <= 26 else [f"  {label}"]  # a long name (changes together) gets its own line
        head = f"  {'' if above else label:<26}{format_bytes(alternative.total_bytes, lang):>10}  {verdict:<7}"
        if len(head) + 1 + len(alternative.options) <= WIDTH:
            return [*above, f"{head} {alternative.options}"]
        return [*above, head.rstrip(), f"    {alternative.options}"]

    lines = [t("estimate.hint.title", lang, total=format_bytes(est.memory.total, lang),
               capacity=format_bytes(est.gpu_memory_bytes, lang))]
    for alternative in singles:
        lines += line(alternative.label(lang), alternative)
    if together is not None:
        lines += [t("estimate.hint.combined_title", lang), *line(together.label(lang), together)]
    if bigger is not None:
        lines += [t("estimate.hint.gpu_title", lang), *line(bigger.label(lang), bigger)]
    else:
        lines += textwrap.wrap(t("estimate.hint.no_gpu", lang), WIDTH, break_on_hyphens=False)
    return lines


def alternatives_list(config: FineTuneConfig, est: Estimate) -> list[dict[str, object]]:
    """What the text report suggests for a job that does not fit, as JSON values ([] when it fits).

    One entry per line of `fit_hint_lines`: kind "single" (one change), "combined" (the changes
    together) or "gpu" (the smallest GPU that holds the job); change is the key ("lora",
    "qlora+checkpointing", "gpu"), options what to type, total_bytes and fits the estimate with it.
    """
    if est.fits:
        return []
    singles, together, bigger = fit_alternatives(config)
    entries: list[tuple[str, Alternative]] = [("single", alternative) for alternative in singles]
    if together is not None:
        entries.append(("combined", together))
    if bigger is not None:
        entries.append(("gpu", bigger))
    return [
        {"kind": kind, "change": "gpu" if kind == "gpu" else alternative.key, "options": alternative.options,
         **({"gpu": alternative.config.gpu} if kind == "gpu" else {}),
         "total_bytes": alternative.total_bytes, "fits": alternative.fits}
        for kind, alternative in entries
    ]


def estimate_dict(est: Estimate, config: FineTuneConfig | None = None) -> dict[str, object]:
    """`est.as_dict()` with the alternatives the text report prints (`tutor estimate --json`).

    `config` is the configuration as typed (before "auto" was resolved), as for `estimate_lines`.
    """
    return {**est.as_dict(), "alternatives": alternatives_list(config or est.config, est)}


def catalogue_dict() -> dict[str, list[dict[str, object]]]:
    """The models and GPUs of the catalogue with their figures, for `tutor estimate --list --json`.

    Keys are English in every language; parameters are `base_params` (derived from the
    dimensions, never typed in), the pretrained checkpoint without task head.
    """
    from tutor.sim.catalogue import GPUS, MODELS, base_params

    models = [
        {"name": spec.name, "hub_id": spec.hub_id, "family": spec.family, "arch": spec.arch,
         "parameters": base_params(spec), "max_positions": spec.max_positions, "languages": spec.languages,
         "instruct": spec.instruct, "year": spec.year, "aliases": list(spec.aliases)}
        for spec in MODELS.values()
    ]
    gpus = [
        {"name": gpu.name, "label": gpu.label, "memory_gib": gpu.memory_gib, "memory_bytes": gpu.memory_bytes,
         "peak_16bit_tflops": gpu.peak_16bit_tflops, "peak_fp32_tflops": gpu.peak_fp32_tflops, "bf16": gpu.bf16}
        for gpu in GPUS.values()
    ]
    return {"models": models, "gpus": gpus}


def _table(header: list[str], rows: list[list[str]], right: set[int], indent: str = "  ") -> list[str]:
    """Columns as wide as their widest cell, two spaces apart; `right` holds the numeric columns."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]

    def render(cells: list[str]) -> str:
        parts = [cell.rjust(width) if index in right else cell.ljust(width)
                 for index, (cell, width) in enumerate(zip(cells, widths, strict=True))]
        return (indent + "  ".join(parts)).rstrip()

    return [render(header), *(render(row) for row in rows)]


def catalogue_lines(lang: str = "en") -> list[str]:
    """The models and GPUs of the catalogue as aligned tables of at most 80 columns, in `lang`.

    A model takes two lines: its short name and hub id (either is accepted by --model), then its
    figures under the column heads; a hub id and 9 figures do not fit side by side in 80 columns.
    """
    from tutor.sim.catalogue import GPUS, MODELS, base_params

    def w(key: str, **values: object) -> str:
        return t(f"estimate.list.{key}", lang, **values)

    def yes_no(flag: bool) -> str:
        return w("yes") if flag else w("no")

    names = [spec.name for spec in MODELS.values()]
    name_width = max(len(w("name")), *(len(name) for name in names))
    header = [w(key) for key in ("family", "arch", "parameters", "positions", "languages", "instruct", "year")]
    rows = [[family_name(spec.family, lang), spec.arch, format_count(base_params(spec), lang),
             format_count(spec.max_positions, lang), spec.languages, yes_no(spec.instruct), str(spec.year)]
            for spec in MODELS.values()]
    figures = _table(header, rows, right={2, 3}, indent="    ")
    lines = [w("models", count=len(MODELS)), f"  {w('name'):<{name_width}}  {w('hub_id')}", figures[0], ""]
    for spec, row in zip(MODELS.values(), figures[1:], strict=True):
        lines += [f"  {spec.name:<{name_width}}  {spec.hub_id}".rstrip(), row]
    gpu_header = [w("name"), w("label"), w("memory"), w("peak_16bit"), w("peak_fp32"), w("bf16")]
    gib = BYTE_UNITS.get(lang, BYTE_UNITS["en"])[1][0]
    gpu_rows = [[gpu.name, gpu.label, f"{format_count(gpu.memory_gib, lang)} {gib}",
                 fmt(gpu.peak_16bit_tflops, lang, 1),
                 fmt(gpu.peak_fp32_tflops, lang, 1), yes_no(gpu.bf16)] for gpu in GPUS.values()]
    lines += ["", w("gpus", count=len(GPUS)), *_table(gpu_header, gpu_rows, right={2, 3, 4})]
    return lines


def warmup_warning(est: Estimate, lang: str = "en") -> str:
    """Why a warmup longer than the run is a mistake (the learning rate never reaches its peak)."""
    return t("cli.est.warmup_too_long", lang, warmup=format_count(est.warmup_steps, lang),
             total=format_count(est.total_steps, lang))


STEP_NAMES = {"softmax": "cli.sample.softmax", "temperature": "cli.sample.temperature",
              "top-k": "cli.sample.top_k", "top-p": "cli.sample.top_p"}


def sample_lines(result: SamplingResult, lang: str = "en") -> list[str]:
    """A table in `lang`: one row per token, one probability column per step, then kept or removed."""
    token_word, kept_word = t("cli.sample.token", lang), t("cli.sample.kept", lang)
    width = min(16, max([5, len(token_word)] + [len(tok) for tok in result.tokens]))
    steps = result.steps[:5]  # softmax, temperature, top-k, top-p at most
    names = [t(STEP_NAMES[s.name], lang) if s.name in STEP_NAMES else s.name for s in steps]
    header = f"{token_word:<{width}}" + "".join(f"{name:>12}" for name in names) + f"  {kept_word}"
    lines = [header]
    final = result.final
    yes = t("cli.sample.yes", lang)
    for index, token in enumerate(result.tokens):
        shown = token if len(token) <= width else token[: width - 1] + "~"
        shown = shown.replace("\n", "\\n")
        cells = "".join(f"{fmt(s.probs[index], lang, 4):>12}" for s in steps)
        lines.append(f"{shown:<{width}}{cells}  {yes if final.kept[index] else '-'}")
    kept = (", " if lang != "fr" else " ; ").join(tok.replace("\n", "\\n") for tok in result.kept_tokens)
    lines += ["", t("cli.sample.kept_tokens", lang, tokens=kept)]
    return lines


LABELS = {
    "task": {"fr": "Tâche", "en": "Task"},
    "matched": {"fr": "reconnu grâce à", "en": "recognised from"},
    "model": {"fr": "Modèle", "en": "Model"},
    "labels": {"fr": "Nombre de labels", "en": "Number of labels"},
    "strategy": {"fr": "Stratégie", "en": "Strategy"},
    "gpu": {"fr": "GPU", "en": "GPU"},
    "lr": {"fr": "Taux d'apprentissage", "en": "Learning rate"},
    "batch": {"fr": "Taille de batch", "en": "Batch size"},
    "epochs": {"fr": "Époques", "en": "Epochs"},
    "seq_len": {"fr": "Longueur de séquence", "en": "Sequence length"},
    "max_length": {"fr": "Longueur max.", "en": "Max length"},
    "temperature": {"fr": "Température", "en": "Temperature"},
    "top_p": {"fr": "Top-p", "en": "Top-p"},
    "warmup": {"fr": "Warmup", "en": "Warmup"},
    "metrics": {"fr": "Métriques", "en": "Metrics"},
    "techniques": {"fr": "Techniques", "en": "Techniques"},
    "reason": {"fr": "Pourquoi", "en": "Why"},
    "watch": {"fr": "À surveiller", "en": "Watch"},
    "note": {"fr": "Note", "en": "Note"},
}


def learning_rate(value: float, lang: str) -> str:
    """A learning rate as papers write it: 2e-4, 3e-5 (not 0.0002); 1,5e-4 in French."""
    return fmt_sci(value, lang) if 0 < value < 1e-2 else fmt(value, lang)


def strategy_text(rec: Recommendation, lang: str) -> str:
    """The recommended strategy with what goes with it: LoRA's r, alpha and targets, optimizer, precision."""
    parts = [strategy_name(rec.strategy, lang)]
    if rec.strategy in ("lora", "qlora"):
        targets = rec.lora_targets
        shown = ", ".join(targets) if targets else t("recommend.default_targets", lang)
        parts.append(t("recommend.lora", lang, r=rec.lora_r or 8, alpha=rec.lora_alpha or 8, targets=shown))
    if rec.optimizer != "adamw":
        parts.append(optimizer_name(rec.optimizer, lang))
    if rec.precision:
        parts.append(rec.precision)
    if rec.checkpointing:
        parts.append(t("recommend.checkpointing", lang))
    return (" ; " if lang == "fr" else "; ").join(parts)


def gpu_text(rec: Recommendation, lang: str) -> str:
    """The GPU the recommendation was sized for and whether it fits there ("" when it was not sized)."""
    if not rec.gpu_memory_bytes:
        return ""
    key = "recommend.fits" if rec.fits else "recommend.no_fit"
    return t(key, lang, gpu=rec.gpu_label or rec.gpu, total=format_bytes(rec.memory_bytes, lang),
             capacity=format_bytes(rec.gpu_memory_bytes, lang))


def recommendation_lines(rec: Recommendation, lang: str) -> list[str]:
    """The recommendation as labelled lines in `lang`, wrapped at 80 columns.

    Model (with its family), strategy (LoRA's r, alpha, targets; optimizer; precision), the GPU it
    was sized for and whether it fits there, then the course's settings, reason, watch and notes.
    """
    def _label(key: str) -> str:
        return LABELS[key].get(lang, LABELS[key]["en"])

    task = rec.text("label", lang)
    if rec.matched:
        task += f" ({_label('matched')}{NBSP}: " if lang == "fr" else f" ({_label('matched')}: "
        task += ", ".join(rec.matched) + ")"
    model = f"{rec.model} ({family_name(rec.model_family, lang)})" if rec.model_family else rec.model
    pairs: list[tuple[str, str]] = [("task", task), ("model", model)]
    if rec.num_labels is not None:
        pairs.append(("labels", fmt(rec.num_labels, lang)))
    pairs.append(("strategy", strategy_text(rec, lang)))
    gpu = gpu_text(rec, lang)
    if gpu:
        pairs.append(("gpu", gpu))
    accum = rec.grad_accum
    batch = fmt(rec.batch_size, lang) if accum <= 1 else t(
        "recommend.accumulation", lang, batch=rec.batch_size, accum=accum, effective=rec.batch_size * accum)
    pairs += [("lr", learning_rate(rec.lr, lang)), ("batch", batch), ("epochs", fmt(rec.epochs, lang))]
    if rec.max_length is not None:
        pairs.append(("max_length", fmt(rec.max_length, lang)))
        # Sampling settings only where the recommendation has them (seq2seq decodes with beams: None).
        pairs += [(key, fmt(value, lang)) for key, value in (("temperature", rec.temperature), ("top_p", rec.top_p))
                  if value is not None]
    else:
        pairs.append(("seq_len", fmt(rec.seq_len, lang)))
    pairs += [("warmup", short_percent(rec.warmup_ratio, lang)),
              ("metrics", ", ".join(display_name(name, lang) for name in rec.metrics))]
    if rec.techniques:
        pairs.append(("techniques", ", ".join(display_name(name, lang) for name in rec.techniques)))
    pairs += [("reason", rec.text("reason", lang)), ("watch", rec.text("watch", lang))]
    if rec.notes and rec.text("notes", lang):
        pairs.append(("note", rec.text("notes", lang)))
    width = max(len(_label(key)) for key, _ in pairs) + 2
    lines: list[str] = []
    for key, value in pairs:
        # French: no-break spaces before : ; ? so that textwrap never starts a line with them.
        value = french_spacing(value) if lang == "fr" else value
        head = f"{_label(key) + NBSP + ':' if lang == 'fr' else _label(key) + ':':<{width + 1}} "
        lines += textwrap.wrap(value, WIDTH, initial_indent=head, subsequent_indent=" " * len(head),
                               break_on_hyphens=False) or [head]
    return lines
