"""Plain-text reports of estimates, samples and recommendations (≤ 80 columns, ASCII marks).

The command line prints them; the UI may reuse the formatting helpers.
"""

from __future__ import annotations

import textwrap

from tutor.core.i18n import STRINGS, t
from tutor.core.numbers import (
    NBSP,
    NNBSP,
    fmt,
    fmt_int,
    fmt_percent,
    fmt_sci,
    french_spacing,
)
from tutor.sim.estimate import OVERHEAD_BYTES, Estimate
from tutor.sim.recommend import Recommendation
from tutor.sim.sampling import SamplingResult

WIDTH = 80
# Strategy names for the estimate's first line: catalogue keys (tutor.core.strings.simulators).
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
    if seconds != seconds or seconds == float("inf"):
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


def estimate_lines(est: Estimate, lang: str = "en", *, warn_warmup: bool = True) -> list[str]:
    """The estimate as aligned lines of at most 80 columns, in `lang`.

    A warmup longer than the run ends the lines with a warning (`warn_warmup=False`: the caller
    shows it elsewhere, as the command line does on stderr).
    """
    def w(key: str, **values: object) -> str:
        return t(f"cli.est.{key}", lang, **values)

    def count(value: int) -> str:
        return format_count(value, lang)

    def size(value: float) -> str:
        return format_bytes(value, lang)

    cfg = est.config
    mem = est.memory
    strategy = t(STRATEGY_NAMES[cfg.strategy], lang) if cfg.strategy in STRATEGY_NAMES else cfg.strategy
    gpu = w("devices", count=cfg.devices, gpu=est.gpu_label) if cfg.devices > 1 else est.gpu_label
    lines = [
        f"{cfg.model} ({est.task}), {strategy}, {cfg.precision}",
        w("on", gpu=gpu),
        "",
        w("parameters"),
        _row(w("base"), count(est.base_params)),
    ]
    if est.dropped_params:
        lines.append(_row(w("pooler"), f"-{count(est.dropped_params)}"))
    lines += [
        _row(w("head"), count(est.head_params)),
        _row(w("adapter"), count(est.adapter_params)),
        _row(w("total"), count(est.total_params)),
        _row(w("trainable"), count(est.trainable_params), fmt_percent(est.trainable_fraction, lang, 3, fraction=True)),
        "",
        w("memory"),
        _row(w("weights"), size(mem.weights)),
        _row(w("gradients"), size(mem.gradients)),
        _row(w("optimizer"), size(mem.optimizer)),
        _row(w("activations"), size(mem.activations), w("checkpointing") if cfg.checkpointing else ""),
        _row(w("overhead"), size(mem.overhead)),
        _row(w("total"), size(mem.total), w("of", capacity=size(est.gpu_memory_bytes))),
        _row(w("fits"), w("yes") if est.fits else w("no")),
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
    lines.append(_row(w("time", mfu=short_percent(cfg.mfu, lang)),
                      format_duration(est.time_seconds, lang)))
    notes = w("assumptions", overhead=size(OVERHEAD_BYTES), peak=fmt(est.peak_flops / 1e12, lang),
              precision="fp32" if cfg.precision == "fp32" else w("half_precision"))
    lines += ["", *textwrap.wrap(notes, WIDTH, break_on_hyphens=False)]
    for problem in est.problems:
        severity = w("error") if problem.severity == "error" else w("warning")
        lines += textwrap.wrap(f"{severity} : {problem.field} : {problem.text(lang)}" if lang == "fr"
                               else f"{severity}: {problem.field}: {problem.text(lang)}", WIDTH)
    if warn_warmup and est.warmup_steps > est.total_steps:
        lines += textwrap.wrap(warmup_warning(est, lang), WIDTH)
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


def recommendation_lines(rec: Recommendation, lang: str) -> list[str]:
    """The recommendation as labelled lines in `lang`, wrapped at 80 columns."""
    def _label(key: str) -> str:
        return LABELS[key].get(lang, LABELS[key]["en"])

    task = rec.text("label", lang)
    if rec.matched:
        task += f" ({_label('matched')}{NBSP}: " if lang == "fr" else f" ({_label('matched')}: "
        task += ", ".join(rec.matched) + ")"
    pairs: list[tuple[str, str]] = [("task", task), ("model", rec.model)]
    if rec.num_labels is not None:
        pairs.append(("labels", fmt(rec.num_labels, lang)))
    pairs += [("lr", fmt(rec.lr, lang)), ("batch", fmt(rec.batch_size, lang)), ("epochs", fmt(rec.epochs, lang))]
    if rec.max_length is not None:
        pairs += [("max_length", fmt(rec.max_length, lang)), ("temperature", fmt(rec.temperature or 0, lang)),
                  ("top_p", fmt(rec.top_p or 0, lang))]
    else:
        pairs.append(("seq_len", fmt(rec.seq_len, lang)))
    pairs += [("warmup", short_percent(rec.warmup_ratio, lang)),
              ("metrics", ", ".join(display_name(name, lang) for name in rec.metrics))]
    if rec.techniques:
        pairs.append(("techniques", ", ".join(display_name(name, lang) for name in rec.techniques)))
    pairs += [("reason", rec.text("reason", lang)), ("watch", rec.text("watch", lang))]
    if rec.notes:
        pairs.append(("note", rec.text("notes", lang)))
    width = max(len(_label(key)) for key, _ in pairs) + 2
    lines: list[str] = []
    for key, value in pairs:
        # French: no-break spaces before : ; ? so that textwrap never starts a line with them.
        value = french_spacing(value) if lang == "fr" else value
        head = f"{_label(key) + NBSP + ':' if lang == 'fr' else _label(key) + ':':<{width + 1}} "
        lines += textwrap.wrap(value, WIDTH, initial_indent=head, subsequent_indent=" " * len(head)) or [head]
    return lines
