"""The fine-tuning configuration every simulator shares, its validation, and text parsing.

Nothing here raises on user input: `parse_config` turns text into typed fields and `validate`
returns field-level problems (message key + French and English text) for the UI to show inline.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, fields

from tutor.sim.catalogue import GPUS, MODELS, ModelSpec, bias_params, get_gpu, get_model
from tutor.sim.messages import message
from tutor.sim.parsing import is_int as _is_int
from tutor.sim.parsing import is_number as _is_number
from tutor.sim.parsing import parse_bool, parse_float, parse_int, parse_targets
from tutor.sim.peft import lora_targets_for
from tutor.sim.schedules import SCHEDULES

STRATEGIES: tuple[str, ...] = ("full", "freeze", "lora", "qlora", "adapters", "bitfit")
# "auto" is resolved by `sanitised`: bf16 on GPUs that compute in it (Ampere and newer), else fp16.
PRECISIONS: tuple[str, ...] = ("auto", "fp32", "fp16", "bf16")
# AdamW with 32-bit states; bitsandbytes' 8-bit AdamW (block-wise quantised m and v); the same with
# its states in paged (unified) memory, which the QLoRA paper uses to survive memory spikes.
OPTIMIZERS: tuple[str, ...] = ("adamw", "adamw-8bit", "paged-adamw-8bit")

# The settings a 2026 LoRA or QLoRA run starts from, as FineTuneConfig field names (for
# `dataclasses.replace`). PEFT's own defaults stay the FineTuneConfig defaults (r 8, alpha 8, its
# per-family target modules) so that `tutor estimate` without options keeps matching PEFT.
# - r 16, alpha 32: TRL's ModelConfig defaults (lora_r=16, lora_alpha=32), which its SFT and DPO scripts use;
#   alpha = 2r keeps the update scale alpha/r at 2 whatever r is tried.
# - every Linear of the blocks (`target_modules="all-linear"`): the QLoRA paper (Dettmers et al.
#   2023, §4) found that adapting all the linear layers is what matches full 16-bit fine-tuning.
LORA_2026: dict[str, object] = {"lora_r": 16, "lora_alpha": 32.0, "lora_targets": ("all-linear",)}
ALL_LINEAR = "all-linear"


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

    lora_targets None means PEFT's default for the model family (("all-linear",) means PEFT's
    target_modules="all-linear"); task None means the model's default task (sequence
    classification for encoders, causal LM for decoders, seq2seq for encoder-decoders). precision
    "auto" becomes bf16 or fp16 in `sanitised`, depending on the GPU. dpo_beta is DPO's β (TRL's
    default 0.1): how far the policy may move away from the reference.
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
    precision: str = "auto"
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
    optimizer: str = "adamw"
    dpo_beta: float = 0.1

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
    "top_k": "int", "max_length": "int", "optimizer": "str", "dpo_beta": "float",
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
    # DPO's β: 0.1 in TRL and the DPO paper, 0.01–0.5 in practice; above 10 the policy cannot move.
    "dpo_beta": (0.0, 10.0, True, False),
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
    config = dataclasses.replace(config, **changes)  # type: ignore[arg-type]  # changes: parsed values of the fields' types
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
    found += _choice("schedule", config.schedule, SCHEDULES) + _choice("optimizer", config.optimizer, OPTIMIZERS)
    if spec is not None and config.strategy == "freeze" and not spec.is_encoder:
        found.append(problem("strategy", "freeze_needs_head" if spec.is_decoder else "freeze_needs_head_seq2seq"))
    bitfit = _bitfit_problem(config, spec)
    if bitfit is not None and bitfit.severity == "error":
        found.append(bitfit)
    if config.strategy == "qlora" and config.precision == "fp32":
        # bitsandbytes dequantises the 4-bit weights to a 16-bit compute dtype: fp32 defeats the point.
        found.append(problem("precision", "qlora_fp32"))
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
    return found + _warnings(config, gpu) + ([bitfit] if bitfit is not None and bitfit.severity == "warning" else [])


def _bitfit_problem(config: FineTuneConfig, spec: ModelSpec | None) -> Problem | None:
    """BitFit on a model without biases (Llama, Mistral, T5, ModernBERT): nothing of the base trains.

    An error where no task head remains either (decoders, encoder-decoders: nothing would train);
    a warning for a bias-free encoder, whose head still trains (BitFit is then feature extraction).
    """
    if spec is None or config.strategy != "bitfit":
        return None
    task = config.task if isinstance(config.task, str) and config.task in spec.tasks else spec.default_task
    if bias_params(spec, task) > 0:
        return None
    if spec.is_encoder:
        return problem("strategy", "bitfit_head_only", "warning", model=spec.name)
    return problem("strategy", "bitfit_no_bias", model=spec.name)


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
    if targets == (ALL_LINEAR,):
        return []  # PEFT's target_modules="all-linear": a string of its own, valid for every model
    if spec is None:
        return []
    known = lora_targets_for(spec)  # type: ignore[arg-type]  # a ModelSpec or a Dimensions
    unknown = [t for t in targets if t not in known or t == ALL_LINEAR]
    if unknown:
        return [problem("lora_targets", "bad_targets", value=", ".join(unknown), known=", ".join(known))]
    return []


def _warnings(config: FineTuneConfig, gpu: object) -> list[Problem]:
    found = []
    no_bf16 = gpu is not None and not getattr(gpu, "bf16", True)
    if config.precision == "bf16" and no_bf16:
        found.append(problem("precision", "bf16_unsupported", "warning", gpu=getattr(gpu, "label", "")))
    if config.strategy == "qlora" and no_bf16 and config.precision != "fp32":
        # Fine on a T4 (the QLoRA Colab notebooks run there), but the compute dtype is fp16.
        found.append(problem("strategy", "qlora_fp16", "warning", gpu=getattr(gpu, "label", "")))
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
    result = dataclasses.replace(config, **changes)  # type: ignore[arg-type]  # the fields' own defaults
    spec = get_model(result.model)
    if spec is not None and isinstance(result.seq_len, int) and result.seq_len > spec.max_positions:
        result = dataclasses.replace(result, seq_len=spec.max_positions)
    if result.precision == "auto":
        result = dataclasses.replace(result, precision=resolved_precision(result.gpu))
    return result


def resolved_precision(gpu_name: object) -> str:
    """What precision "auto" means on `gpu_name`: bf16 where the GPU computes in it, else fp16.

    bf16 has fp32's exponent range, so it needs no loss scaling (Ampere and newer); a T4 or V100
    has no bf16 tensor cores and trains in fp16 with a loss scaler. An unknown GPU counts as the
    default one.
    """
    gpu = get_gpu(gpu_name) or get_gpu(FineTuneConfig().gpu)
    return "bf16" if gpu is not None and gpu.bf16 else "fp16"


# Learning rates a run starts from, by strategy and model family (the task only matters for DPO).
# - Full fine-tuning of an encoder: 2e-5, the low end of BERT's grid {2e-5, 3e-5, 5e-5} (Devlin et
#   al. 2019, appendix A.3) and the rate of HF's run_glue examples.
# - Full fine-tuning of a decoder: 2e-5, TRL's SFTConfig default.
# - Full fine-tuning of an encoder-decoder: 5e-5, the Trainer default that HF's run_summarization and
#   run_translation examples keep for BART and Marian (T5 with AdamW prefers 1e-4–3e-4, HF T5 docs).
# - LoRA and QLoRA: 2e-4, the QLoRA paper's rate for 7B–13B models (Dettmers et al. 2023,
#   appendix B.2; 1e-4 for 33B–65B), also used by PEFT's and TRL's LoRA examples. LoRA trains few,
#   zero-initialised parameters and tolerates ten times the full fine-tuning rate.
# - Houlsby adapters: 1e-4 (AdapterHub's recommended starting point, Pfeiffer et al. 2020).
# - BitFit: 4e-4, inside the {1e-4, 4e-4, 7e-4, 1e-3} grid of Ben Zaken et al. 2022.
# - Feature extraction (a head on a frozen encoder): 1e-3, as for a linear probe.
# - DPO: 1e-6 with full fine-tuning (TRL's DPOConfig default; Zephyr used 5e-7), 5e-6 with LoRA or
#   QLoRA (the alignment-handbook's Zephyr QLoRA DPO recipe).
_BASE_LR: dict[str, float] = {
    "lora": 2e-4, "qlora": 2e-4, "adapters": 1e-4, "bitfit": 4e-4, "freeze": 1e-3,
}
_FULL_LR: dict[str, float] = {"encoder": 2e-5, "decoder": 2e-5, "seq2seq": 5e-5}


def default_lr(strategy: str, family: str, task: str | None = None) -> float:
    """The learning rate a run of `strategy` on a `family` model starts from (see the table above)."""
    if task == "dpo":
        return 1e-6 if strategy == "full" else 5e-6
    if strategy in _BASE_LR:
        return _BASE_LR[strategy]
    return _FULL_LR.get(family, 2e-5)


__all__ = [
    "ALL_LINEAR",
    "FIELD_KINDS",
    "LORA_2026",
    "OPTIMIZERS",
    "PRECISIONS",
    "STRATEGIES",
    "FineTuneConfig",
    "Problem",
    "default_lr",
    "error_fields",
    "parse_bool",
    "parse_config",
    "parse_float",
    "parse_int",
    "parse_targets",
    "problem",
    "resolved_precision",
    "sanitised",
    "validate",
]
