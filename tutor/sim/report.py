"""Plain-text reports of estimates, samples and recommendations (≤ 80 columns, ASCII marks).

The command line prints them; the UI may reuse the formatting helpers.
"""

from __future__ import annotations

import textwrap

from tutor.sim.estimate import OVERHEAD_BYTES, Estimate
from tutor.sim.recommend import Recommendation
from tutor.sim.sampling import SamplingResult

WIDTH = 80
STRATEGY_NAMES = {
    "full": "full fine-tuning", "freeze": "feature extraction (frozen encoder)", "lora": "LoRA",
    "adapters": "Houlsby adapters", "bitfit": "BitFit (biases only)",
}


def format_bytes(count: float) -> str:
    """Bytes in binary units: 512 B, 208.8 MiB, 3.41 GiB."""
    value = float(count)
    for unit, size in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if abs(value) >= size:
            scaled = value / size
            return f"{scaled:.2f} {unit}" if scaled < 10 else f"{scaled:.1f} {unit}"
    return f"{int(value)} B"


def format_duration(seconds: float) -> str:
    """A duration for people: 20.2 s, 1 min 37 s, 3 h 05 min, 12 d 4 h."""
    if seconds != seconds or seconds == float("inf"):
        return "-"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"


def format_count(count: int) -> str:
    """An integer with thousands separators: 109,482,240."""
    return f"{count:,}"


def _row(label: str, value: str, note: str = "") -> str:
    line = f"  {label:<28}{value:>18}"
    return f"{line}  {note}".rstrip() if note else line


def estimate_lines(est: Estimate) -> list[str]:
    """The estimate as aligned lines of at most 80 columns."""
    cfg = est.config
    mem = est.memory
    devices = f"{cfg.devices} x " if cfg.devices > 1 else ""
    lines = [
        f"{cfg.model} ({est.task}), {STRATEGY_NAMES.get(cfg.strategy, cfg.strategy)}, {cfg.precision}",
        f"on {devices}{est.gpu_label}",
        "",
        "Parameters",
        _row("base model (no task head)", format_count(est.base_params)),
    ]
    if est.dropped_params:
        lines.append(_row("pooler not used by the task", f"-{format_count(est.dropped_params)}"))
    lines += [
        _row("task head", format_count(est.head_params)),
        _row("LoRA / adapters / BitFit", format_count(est.adapter_params)),
        _row("total", format_count(est.total_params)),
        _row("trainable", format_count(est.trainable_params), f"{100 * est.trainable_fraction:.3f} %"),
        "",
        "Memory per GPU",
        _row("weights", format_bytes(mem.weights)),
        _row("gradients", format_bytes(mem.gradients)),
        _row("optimizer states (AdamW)", format_bytes(mem.optimizer)),
        _row("activations", format_bytes(mem.activations), "checkpointing" if cfg.checkpointing else ""),
        _row("framework overhead", format_bytes(mem.overhead)),
        _row("total", format_bytes(mem.total), f"of {format_bytes(est.gpu_memory_bytes)}"),
        _row("fits", "yes" if est.fits else "NO"),
        "",
        "Training",
        _row("steps per epoch", format_count(est.steps_per_epoch)),
        _row("total steps", format_count(est.total_steps)),
        _row("warmup steps", format_count(est.warmup_steps)),
        _row("tokens seen", f"{est.tokens:.3g}"),
        _row("training FLOPs", f"{est.train_flops:.3g}"),
    ]
    if est.recompute_flops:
        lines.append(_row("recomputation FLOPs", f"{est.recompute_flops:.3g}"))
    lines.append(_row(f"time at {100 * cfg.mfu:g} % MFU", format_duration(est.time_seconds)))
    notes = (
        f"Assumptions: AdamW, 16 bytes per trained parameter (weights, gradients, "
        f"optimizer); activations after Korthikanti et al. 2022; overhead "
        f"{format_bytes(OVERHEAD_BYTES)}; peak {est.peak_flops / 1e12:g} TFLOPS "
        f"({'fp32' if cfg.precision == 'fp32' else '16-bit'})."
    )
    lines += ["", *textwrap.wrap(notes, WIDTH)]
    for problem in est.problems:
        lines += textwrap.wrap(f"{problem.severity}: {problem.field}: {problem.en}", WIDTH)
    return lines


def sample_lines(result: SamplingResult) -> list[str]:
    """A table: one row per token, one probability column per step, then kept or removed."""
    width = min(16, max([5] + [len(t) for t in result.tokens]))
    steps = result.steps[:5]  # softmax, temperature, top-k, top-p at most
    header = f"{'token':<{width}}" + "".join(f"{s.name:>12}" for s in steps) + "  kept"
    lines = [header]
    final = result.final
    for index, token in enumerate(result.tokens):
        shown = token if len(token) <= width else token[: width - 1] + "~"
        shown = shown.replace("\n", "\\n")
        cells = "".join(f"{s.probs[index]:>12.4f}" for s in steps)
        lines.append(f"{shown:<{width}}{cells}  {'yes' if final.kept[index] else '-'}")
    lines += ["", "kept tokens: " + ", ".join(t.replace("\n", "\\n") for t in result.kept_tokens)]
    return lines


LABELS = {
    "task": {"fr": "Tâche", "en": "Task"},
    "matched": {"fr": "reconnu grâce à", "en": "recognised from"},
    "model": {"fr": "Modèle", "en": "Model"},
    "labels": {"fr": "Nombre de labels", "en": "Number of labels"},
    "lr": {"fr": "Learning rate", "en": "Learning rate"},
    "batch": {"fr": "Batch size", "en": "Batch size"},
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


def recommendation_lines(rec: Recommendation, lang: str) -> list[str]:
    """The recommendation as labelled lines in `lang`, wrapped at 80 columns."""
    def _label(key: str) -> str:
        return LABELS[key].get(lang, LABELS[key]["en"])

    task = rec.text("label", lang)
    if rec.matched:
        task += f" ({_label('matched')} : " if lang == "fr" else f" ({_label('matched')}: "
        task += ", ".join(rec.matched) + ")"
    pairs: list[tuple[str, str]] = [("task", task), ("model", rec.model)]
    if rec.num_labels is not None:
        pairs.append(("labels", str(rec.num_labels)))
    pairs += [("lr", f"{rec.lr:g}"), ("batch", str(rec.batch_size)), ("epochs", str(rec.epochs))]
    if rec.max_length is not None:
        pairs += [("max_length", str(rec.max_length)), ("temperature", f"{rec.temperature:g}"),
                  ("top_p", f"{rec.top_p:g}")]
    else:
        pairs.append(("seq_len", str(rec.seq_len)))
    pairs += [("warmup", f"{100 * rec.warmup_ratio:g} %"), ("metrics", ", ".join(rec.metrics))]
    if rec.techniques:
        pairs.append(("techniques", ", ".join(rec.techniques)))
    pairs += [("reason", rec.text("reason", lang)), ("watch", rec.text("watch", lang))]
    if rec.notes:
        pairs.append(("note", rec.text("notes", lang)))
    width = max(len(_label(key)) for key, _ in pairs) + 2
    lines: list[str] = []
    for key, value in pairs:
        head = f"{_label(key) + ' :' if lang == 'fr' else _label(key) + ':':<{width + 1}} "
        lines += textwrap.wrap(value, WIDTH, initial_indent=head, subsequent_indent=" " * len(head)) or [head]
    return lines
