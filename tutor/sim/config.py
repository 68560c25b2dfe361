"""The fine-tuning configuration every simulator shares, its validation, and text parsing.

Nothing here raises on user input: `parse_config` turns text into typed fields and `validate`
returns field-level problems (message key + French and English text) for the UI to show inline.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, fields

from tutor.sim.catalogue import GPUS, MODELS, get_gpu, get_model
from tutor.sim.messages import message
from tutor.sim.parsing import is_int as _is_int
from tutor.sim.parsing import is_number as _is_number
from tutor.sim.parsing import parse_bool, parse_float, parse_int, parse_targets
from tutor.sim.peft import lora_targets_for
from tutor.sim.schedules import SCHEDULES

STRATEGIES: tuple[str, ...] = ("full", "freeze", "lora", "adapters", "bitfit")
PRECISIONS: tuple[str, ...] = ("fp32", "fp16", "bf16")


@dataclass(frozen=True)
class Problem:
    """A problem with one field: where, a stable key, the message in both languages, severity."""

    field: str
    key: str
    fr: str
    en: str
    severity: str = "error"

    def text(self, lang: str) -> str:
        """The message in `lang` ("fr" or "en")."""
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class FineTuneConfig:
    """Every knob of a fine-tuning job, with the course's starting values.

    lora_targets None means PEFT's default for the model family; task None means the model's
    default task (sequence classification for encoders, causal LM for decoders).
    """

    model: str = "bert-base-uncased"
    task: str | None = None
    strategy: str = "full"
    lora_r: int = 8
    lora_alpha: float = 8.0
    lora_dropout: float = 0.0
    lora_targets: tuple[str, ...] | None = None
    adapter_size: int = 64
    num_labels: int = 2
    precision: str = "fp16"
    batch_size: int = 16
    grad_accum: int = 1
    devices: int = 1
    seq_len: int = 128
    examples: int = 10_000
    epochs: float = 3.0
    warmup_ratio: float = 0.1
    warmup_steps: int = 0
    lr: float = 2e-5
    schedule: str = "linear"
    weight_decay: float = 0.01
    gpu: str = "t4"
    mfu: float = 0.4
    checkpointing: bool = False
    layer_decay: float = 1.0
    gradual_unfreezing: bool = False
    temperature: float = 0.7
    top_p: float = 0.9
    top_k: int = 50
    max_length: int = 200

    def validate(self) -> list[Problem]:
        """Every problem with the fields (errors first, warnings last); empty means valid."""
        return validate(self)

    def resolved_task(self) -> str:
        """The task actually used: the explicit one, else the model's default."""
        spec = get_model(self.model)
        if self.task:
            return self.task
        return spec.default_task if spec else "seq-cls"


FIELD_KINDS: dict[str, str] = {
    "model": "str", "task": "optstr", "strategy": "str", "lora_r": "int", "lora_alpha": "float",
    "lora_dropout": "float", "lora_targets": "targets", "adapter_size": "int", "num_labels": "int",
    "precision": "str", "batch_size": "int", "grad_accum": "int", "devices": "int", "seq_len": "int",
    "examples": "int", "epochs": "float", "warmup_ratio": "float", "warmup_steps": "int", "lr": "float",
    "schedule": "str", "weight_decay": "float", "gpu": "str", "mfu": "float", "checkpointing": "bool",
    "layer_decay": "float", "gradual_unfreezing": "bool", "temperature": "float", "top_p": "float",
    "top_k": "int", "max_length": "int",
}

# Inclusive integer bounds (beyond them the value is absurd for this simulator).
INT_BOUNDS: dict[str, tuple[int, int]] = {
    "lora_r": (1, 4096), "num_labels": (1, 100_000), "batch_size": (1, 65_536),
    "grad_accum": (1, 65_536), "devices": (1, 1024), "examples": (1, 1_000_000_000),
    "warmup_steps": (0, 1_000_000_000), "top_k": (0, 1_000_000), "max_length": (1, 1_000_000),
}


# Float bounds: (low, high, low end excluded, high end excluded). MFU below 1 % is not a real run.
NUMBER_BOUNDS: dict[str, tuple[float, float, bool, bool]] = {
    "lora_alpha": (0.0, 1e6, True, False), "lora_dropout": (0.0, 1.0, False, True),
    "epochs": (0.0, 1000.0, True, False), "warmup_ratio": (0.0, 1.0, False, True),
    "lr": (0.0, 1.0, True, False), "weight_decay": (0.0, 10.0, False, False),
    "mfu": (0.01, 1.0, False, False), "layer_decay": (0.0, 1.0, True, False),
    "temperature": (0.0, 100.0, True, False), "top_p": (0.0, 1.0, True, False),
}


def problem(field_name: str, key: str, severity: str = "error", **values: object) -> Problem:
    """Build a Problem from the message catalogue."""
    return Problem(field_name, key, message(key, "fr", **values), message(key, "en", **values), severity)


def parse_config(
    values: Mapping[str, object], base: FineTuneConfig | None = None
) -> tuple[FineTuneConfig, list[Problem]]:
    """Apply text (or already typed) `values` over `base`; returns the config and every problem.

    A field that does not parse keeps its `base` value and yields a "not a number"-style problem;
    unknown keys are ignored. Validation problems of the result follow the parse problems.
    """
    config = base or FineTuneConfig()
    changes: dict[str, object] = {}
    parse_problems: list[Problem] = []
    for name, raw in values.items():
        kind = FIELD_KINDS.get(name)
        if kind is None:
            continue
        parsed: object
        if kind == "int":
            parsed = parse_int(raw)
            if parsed is None:
                key = "not_integer" if parse_float(raw) is not None else "not_number"
                parse_problems.append(problem(name, key, value=_shown(raw)))
                continue
        elif kind == "float":
            parsed = parse_float(raw)
            if parsed is None:
                parse_problems.append(problem(name, "not_number", value=_shown(raw)))
                continue
        elif kind == "bool":
            parsed = parse_bool(raw)
            if parsed is None:
                parse_problems.append(problem(name, "not_bool", value=_shown(raw)))
                continue
        elif kind == "targets":
            parsed = parse_targets(raw)
        elif kind == "optstr":
            parsed = str(raw).strip() or None if raw is not None else None
        else:
            parsed = str(raw).strip() if raw is not None else ""
        changes[name] = parsed
    config = dataclasses.replace(config, **changes)  # type: ignore[arg-type]
    failed = {p.field for p in parse_problems}
    return config, parse_problems + [p for p in validate(config) if p.field not in failed]


def _shown(raw: object) -> str:
    text = str(raw)
    return text if len(text) <= 30 else text[:27] + "..."


def _check_number(
    name: str, value: object, limits: tuple[float, float], open_ends: tuple[bool, bool]
) -> list[Problem]:
    if not _is_number(value):
        return [problem(name, "not_number", value=_shown(value))]
    number = float(value)
    (low, high), (low_open, high_open) = limits, open_ends
    if number < low or (low_open and number == low):
        return [problem(name, "too_small", low=low, op=">" if low_open else ">=")]
    if number > high or (high_open and number == high):
        return [problem(name, "too_large", high=high, op="<" if high_open else "<=")]
    return []


def _check_int(name: str, value: object, low: int, high: int) -> list[Problem]:
    if not _is_int(value):
        key = "not_integer" if _is_number(value) else "not_number"
        return [problem(name, key, value=_shown(value))]
    number = int(value)
    if number < low:
        return [problem(name, "too_small", low=low, op=">=")]
    if number > high:
        return [problem(name, "too_large", high=high, op="<=")]
    return []


def validate(config: FineTuneConfig) -> list[Problem]:
    """Field-level problems of `config`: errors first, warnings last. Never raises."""
    spec = get_model(config.model)
    found: list[Problem] = []
    if spec is None:
        found.append(problem("model", "unknown_model", value=_shown(config.model), known=", ".join(MODELS)))
    task = config.task
    if task is not None and (not isinstance(task, str) or (spec is not None and task not in spec.tasks)):
        found.append(problem("task", "unknown_choice", value=_shown(task), known=", ".join(spec.tasks if spec else ())))
    found += _choice("strategy", config.strategy, STRATEGIES) + _choice("precision", config.precision, PRECISIONS)
    found += _choice("schedule", config.schedule, SCHEDULES)
    if spec is not None and config.strategy == "freeze" and not spec.is_encoder:
        found.append(problem("strategy", "freeze_needs_head"))
    gpu = get_gpu(config.gpu)
    if gpu is None:
        found.append(problem("gpu", "unknown_gpu", value=_shown(config.gpu), known=", ".join(GPUS)))
    bounds = dict(INT_BOUNDS)
    # Sizes that depend on the model: the bottleneck cannot exceed the hidden size, the sequence
    # cannot exceed the learned (or rotary) positions.
    bounds["adapter_size"] = (1, spec.hidden if spec else 4096)
    bounds["seq_len"] = (1, spec.max_positions if spec else 1_000_000)
    for name, (low, high) in bounds.items():
        found += _check_int(name, getattr(config, name), low, high)
    for name, (lowest, highest, low_open, high_open) in NUMBER_BOUNDS.items():
        found += _check_number(name, getattr(config, name), (lowest, highest), (low_open, high_open))
    found += _check_targets(config, spec)
    for name in ("checkpointing", "gradual_unfreezing"):
        if not isinstance(getattr(config, name), bool):
            found.append(problem(name, "not_bool", value=_shown(getattr(config, name))))
    return found + _warnings(config, gpu)


def _choice(name: str, value: object, choices: tuple[str, ...]) -> list[Problem]:
    if isinstance(value, str) and value in choices:
        return []
    return [problem(name, "unknown_choice", value=_shown(value), known=", ".join(choices))]


def _check_targets(config: FineTuneConfig, spec: object) -> list[Problem]:
    targets = config.lora_targets
    if targets is None:
        return []
    if not isinstance(targets, tuple) or not all(isinstance(t, str) for t in targets) or not targets:
        return [problem("lora_targets", "bad_targets", value=_shown(targets), known="")]
    if spec is None:
        return []
    known = lora_targets_for(spec)  # type: ignore[arg-type]
    unknown = [t for t in targets if t not in known]
    if unknown:
        return [problem("lora_targets", "bad_targets", value=", ".join(unknown), known=", ".join(known))]
    return []


def _warnings(config: FineTuneConfig, gpu: object) -> list[Problem]:
    found = []
    if config.precision == "bf16" and gpu is not None and not getattr(gpu, "bf16", True):
        found.append(problem("precision", "bf16_unsupported", "warning", gpu=getattr(gpu, "label", "")))
    if config.gradual_unfreezing is True and config.strategy != "full":
        found.append(problem("gradual_unfreezing", "needs_full", "warning"))
    if _is_number(config.layer_decay) and config.layer_decay != 1.0 and config.strategy != "full":
        found.append(problem("layer_decay", "needs_full", "warning"))
    return found


def error_fields(problems: list[Problem]) -> set[str]:
    """Names of the fields that have at least one error (not just a warning)."""
    return {p.field for p in problems if p.severity == "error"}


def sanitised(config: FineTuneConfig, problems: list[Problem] | None = None) -> FineTuneConfig:
    """`config` with every field in error replaced by its default, so estimates always compute.

    A bad model also resets the fields whose validity depends on it (task, targets, sizes).
    """
    found = validate(config) if problems is None else problems
    bad = error_fields(found)
    if "model" in bad:
        bad |= {"task", "lora_targets", "adapter_size", "seq_len"}
    defaults = {f.name: f.default for f in fields(FineTuneConfig)}
    changes = {name: defaults[name] for name in bad if name in defaults}
    result = dataclasses.replace(config, **changes)  # type: ignore[arg-type]
    spec = get_model(result.model)
    if spec is not None and isinstance(result.seq_len, int) and result.seq_len > spec.max_positions:
        result = dataclasses.replace(result, seq_len=spec.max_positions)
    return result


__all__ = [
    "FIELD_KINDS",
    "PRECISIONS",
    "STRATEGIES",
    "FineTuneConfig",
    "Problem",
    "error_fields",
    "parse_bool",
    "parse_config",
    "parse_float",
    "parse_int",
    "parse_targets",
    "problem",
    "sanitised",
    "validate",
]
