"""The lab's settings, their validation and the parsing of text values (pure: no numpy).

Nothing here raises on user input: `parse_settings` turns text (or typed values) into a
`LabSettings` and returns field-level problems (`tutor.sim.config.Problem`: field, stable key,
French and English text, severity "error" or "warning") for the UI to show next to the field.
A settings object with an error is never trained (`tutor.lab.train.run` returns the problems).

Learning rates are for this small network trained with AdamW for tens of steps, so its good
rates (about 1e-3 to 1e-2) are some 100 times BERT's (1e-5 to 5e-5, over thousands of steps);
what the lab shows is the ratio between a low and a too-high rate.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass

from tutor.lab.messages import message
from tutor.lab.strategies import STRATEGIES, normalise_strategy
from tutor.sim.config import Problem
from tutor.sim.parsing import is_int, is_number, parse_float, parse_int
from tutor.sim.schedules import SCHEDULES, StepCounts, training_steps


@dataclass(frozen=True)
class LabSettings:
    """One fine-tuning run of the lab.

    strategy: one of STRATEGIES. lr: peak learning rate of AdamW. warmup_ratio / warmup_steps:
    linear warmup as the Trainer counts it (steps win when > 0). schedule: one of
    tutor.sim.schedules.SCHEDULES. epochs, batch_size: as in TrainingArguments. examples: labelled
    target examples (the validation set is fixed: 400 messages). seed: data, initialisation,
    pre-training and shuffling. layer_decay: differential-lr only. lora_rank, lora_alpha,
    lora_layer (1 or 2): LoRA only. weight_decay: AdamW's, not applied to biases.
    """

    strategy: str = "full"
    lr: float = 3e-3
    warmup_ratio: float = 0.1
    warmup_steps: int = 0
    schedule: str = "linear"
    epochs: int = 10
    batch_size: int = 8
    examples: int = 32
    seed: int = 0
    layer_decay: float = 0.4
    lora_rank: int = 4
    lora_alpha: float = 8.0
    lora_layer: int = 2
    weight_decay: float = 0.01

    def validate(self) -> list[Problem]:
        """Every problem with the fields (errors first, warnings last); empty means valid."""
        return validate(self)

    def step_counts(self) -> StepCounts:
        """Steps per epoch, total and warmup steps, as tutor.sim.schedules.training_steps counts them."""
        return training_steps(
            self.examples, self.batch_size, epochs=self.epochs,
            warmup_ratio=self.warmup_ratio, warmup_steps=self.warmup_steps,
        )

    def replace(self, **changes: object) -> LabSettings:
        """A copy with `changes` (typed values; use parse_settings for text)."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]  # changes: values of the fields' types

    def as_dict(self) -> dict[str, object]:
        """The fields as a plain dict (JSON-ready)."""
        return dataclasses.asdict(self)


FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(LabSettings))

FIELD_KINDS: dict[str, str] = {
    "strategy": "strategy", "lr": "float", "warmup_ratio": "ratio", "warmup_steps": "int", "schedule": "schedule",
    "epochs": "int", "batch_size": "int", "examples": "int", "seed": "int", "layer_decay": "float",
    "lora_rank": "int", "lora_alpha": "float", "lora_layer": "int", "weight_decay": "float",
}

# Inclusive integer bounds; beyond them the value is absurd for a lab that must answer in seconds.
INT_BOUNDS: dict[str, tuple[int, int]] = {
    "warmup_steps": (0, 100_000), "epochs": (1, 500), "batch_size": (1, 4096), "examples": (2, 5000),
    "seed": (0, 2**32 - 1), "lora_rank": (1, 32), "lora_layer": (1, 2),
}

# Float bounds: (low, high, low end excluded, high end excluded).
NUMBER_BOUNDS: dict[str, tuple[float, float, bool, bool]] = {
    "lr": (0.0, 1.0, True, False), "warmup_ratio": (0.0, 1.0, False, True),
    "layer_decay": (0.0, 1.0, True, False), "lora_alpha": (0.0, 1000.0, True, False),
    "weight_decay": (0.0, 1.0, False, False),
}

# Rough cost model of a run on one core (seconds), used to refuse or warn about long runs.
SECONDS_PER_STEP = 3e-4
SECONDS_PER_EXAMPLE = 5e-6
SECONDS_PER_EPOCH = 2.5e-3
MAX_SECONDS = 30.0
WARN_SECONDS = 3.0


def problem(field_name: str, key: str, severity: str = "error", **values: object) -> Problem:
    """A Problem with the message `key` in both languages."""
    return Problem(field_name, key, message(key, "fr", **values), message(key, "en", **values), severity)


def _shown(raw: object) -> str:
    text = str(raw)
    return text if len(text) <= 30 else text[:27] + "..."


def _field_name(key: object) -> str:
    return str(key).strip().lower().replace("-", "_")


def parse_settings(
    values: Mapping[str, object], base: LabSettings | None = None
) -> tuple[LabSettings, list[Problem]]:
    """Apply text (or typed) `values` over `base` (default LabSettings()); never raises.

    Keys are field names (dashes allowed: "warmup-ratio"). A value that does not parse keeps the
    base value and yields a problem; an unknown key yields an "unknown_setting" problem.
    "10 %" is read as 0.1 for warmup_ratio; strategy and schedule accept usual spellings
    ("Feature extraction", "fe", "constant-with-warmup"). Validation problems follow.
    """
    settings = base or LabSettings()
    changes: dict[str, object] = {}
    parse_problems: list[Problem] = []
    for key, raw in values.items():
        name = _field_name(key)
        kind = FIELD_KINDS.get(name)
        if kind is None:
            parse_problems.append(problem(name or "?", "unknown_setting", value=_shown(key)))
            continue
        parsed: object = None
        if kind == "int":
            parsed = parse_int(raw)
            if parsed is None:
                key_ = "not_integer" if parse_float(raw) is not None else "not_number"
                parse_problems.append(problem(name, key_, value=_shown(raw)))
                continue
        elif kind in ("float", "ratio"):
            text = raw
            scale = 1.0
            if kind == "ratio" and isinstance(raw, str) and raw.strip().endswith("%"):
                text, scale = raw.strip()[:-1], 0.01
            number = parse_float(text)
            if number is None:
                parse_problems.append(problem(name, "not_number", value=_shown(raw)))
                continue
            parsed = number * scale
        elif kind == "strategy":
            parsed = normalise_strategy(raw)
            if parsed is None:
                parse_problems.append(problem(name, "unknown_choice", value=_shown(raw), known=", ".join(STRATEGIES)))
                continue
        elif kind == "schedule":
            parsed = str(raw).strip().lower().replace("-", "_").replace(" ", "_") if raw is not None else ""
            if parsed not in SCHEDULES:
                parse_problems.append(problem(name, "unknown_choice", value=_shown(raw), known=", ".join(SCHEDULES)))
                continue
        changes[name] = parsed
    settings = dataclasses.replace(settings, **changes)  # type: ignore[arg-type]  # changes: parsed values of the fields' types
    failed = {p.field for p in parse_problems}
    return settings, parse_problems + [p for p in validate(settings) if p.field not in failed]


def _check_number(name: str, value: object) -> list[Problem]:
    low, high, low_open, high_open = NUMBER_BOUNDS[name]
    if not is_number(value):
        return [problem(name, "not_number", value=_shown(value))]
    number = float(value)
    if number < low or (low_open and number == low):
        return [problem(name, "too_small", low=low, op=">" if low_open else ">=")]
    if number > high or (high_open and number == high):
        return [problem(name, "too_large", high=high, op="<" if high_open else "<=")]
    return []


def _check_int(name: str, value: object) -> list[Problem]:
    low, high = INT_BOUNDS[name]
    if not is_int(value):
        key = "not_integer" if is_number(value) else "not_number"
        return [problem(name, key, value=_shown(value))]
    if value < low:
        return [problem(name, "too_small", low=low, op=">=")]
    if value > high:
        return [problem(name, "too_large", high=high, op="<=")]
    return []


def estimated_seconds(settings: LabSettings) -> float:
    """Rough time of the fine-tuning on one core (pre-training excluded: about 0.3 s, once per seed)."""
    counts = settings.step_counts()
    return (
        counts.total_steps * SECONDS_PER_STEP
        + settings.epochs * settings.examples * SECONDS_PER_EXAMPLE
        + settings.epochs * SECONDS_PER_EPOCH
    )


def validate(settings: LabSettings) -> list[Problem]:
    """Field-level problems of `settings`: errors first, then warnings. Never raises."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    if settings.strategy not in STRATEGIES:
        errors.append(problem("strategy", "unknown_choice", value=_shown(settings.strategy),
                              known=", ".join(STRATEGIES)))
    if settings.schedule not in SCHEDULES:
        errors.append(problem("schedule", "unknown_choice", value=_shown(settings.schedule),
                              known=", ".join(SCHEDULES)))
    for name in FIELDS:
        if name in NUMBER_BOUNDS:
            errors.extend(_check_number(name, getattr(settings, name)))
        elif name in INT_BOUNDS:
            errors.extend(_check_int(name, getattr(settings, name)))
    if errors:
        return errors
    seconds = estimated_seconds(settings)
    if seconds > MAX_SECONDS or not math.isfinite(seconds):
        counts = settings.step_counts()
        field = "epochs" if settings.epochs > 50 else "examples" if settings.examples > 1000 else "batch_size"
        errors.append(problem(field, "too_much_work", steps=counts.total_steps,
                              examples=settings.epochs * settings.examples))
        return errors
    if seconds > WARN_SECONDS:
        warnings.append(problem("epochs", "slow_run", "warning", seconds=round(seconds)))
    counts = settings.step_counts()
    if settings.schedule == "constant" and (settings.warmup_ratio > 0 or settings.warmup_steps > 0):
        warnings.append(problem("schedule", "constant_ignores_warmup", "warning"))
    elif counts.warmup_steps >= counts.total_steps and counts.warmup_steps > 0:
        field = "warmup_steps" if settings.warmup_steps > 0 else "warmup_ratio"
        warnings.append(problem(field, "warmup_never_ends", "warning", warmup=counts.warmup_steps,
                                total=counts.total_steps))
    if settings.batch_size > settings.examples:
        warnings.append(problem("batch_size", "batch_larger_than_set", "warning", batch=settings.batch_size,
                                examples=settings.examples))
    return errors + warnings
