"""Estimates of a fine-tuning job: parameters, memory, steps, FLOPs, time, fit on a GPU.

`estimate(config)` is a pure function of the configuration. It never raises: fields in error
are replaced by their defaults (see `config.sanitised`, which also turns precision "auto" into
bf16 or fp16) and the problems travel with the result.

Memory rules: `tutor.sim.memory` (bytes per parameter with AdamW, 8-bit AdamW and NF4; activations
per family, with the formula each estimate states). In short:
- a trained parameter costs 16 B with AdamW (fp32: 4 + 4 + 8; mixed precision: 2 + 2 + 12 with
  the fp32 master copy counted as optimizer state, as ZeRO does), 10 B with 8-bit AdamW;
- a frozen parameter costs its weight (4 B fp32, 2 B 16-bit); QLoRA stores the block Linear
  weights in 4-bit NF4 with double quantisation;
- DPO with full fine-tuning adds the frozen reference model (`MemoryBreakdown.reference`, a
  second copy of the weights); with LoRA or QLoRA the reference is the base model with the
  adapters switched off, so it costs nothing more;
- framework overhead: see OVERHEAD_BYTES.
- Memory is per GPU: with several devices (data parallel) each holds the whole model and its own
  per-device batch. DDP's gradient buckets and ZeRO sharding are not modelled.

Time = (training FLOPs + recomputation FLOPs) / (devices × peak × MFU): checkpointing runs one
more forward pass (2·N·D) and the MFU entered applies to all the work the GPU does. DPO runs the
policy on chosen and rejected sequences and the reference forward on both: the tokens of a pair
count twice for the policy, and the reference adds 2·N per token.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from tutor.sim.catalogue import (
    GPUSpec,
    ModelSpec,
    base_params,
    bias_params,
    dropped_params,
    fixed_params,
    get_gpu,
    get_model,
    head_params,
    quantisable_params,
)
from tutor.sim.config import FineTuneConfig, Problem, sanitised, validate
from tutor.sim.memory import (
    Activations,
    Shape,
    activations,
    bytes_per_weight,
    korthikanti_bytes_per_layer,
    nf4_bits_per_param,
    nf4_bytes,
    optimizer_bytes_per_param,
    parameter_memory,
)
from tutor.sim.peft import default_lora_targets, houlsby_params, lora_params
from tutor.sim.schedules import training_steps

__all__ = [
    "OVERHEAD_BYTES", "Estimate", "MemoryBreakdown", "activation_bytes_per_layer", "activation_memory",
    "activations", "bytes_per_weight", "estimate", "nf4_bits_per_param", "nf4_bytes",
    "optimizer_bytes_per_param", "parameter_counts", "parameter_memory", "train_flops", "training_time",
]

# A constant 1 GiB per GPU for what is not the model: the CUDA context with PyTorch's kernels
# (≈300–600 MiB on recent drivers with lazy module loading), cuBLAS/cuDNN handles and
# workspaces (≈100–200 MiB), and some headroom for the caching allocator's fragmentation.
OVERHEAD_BYTES = 2**30


@dataclass(frozen=True)
class MemoryBreakdown:
    """Bytes per GPU, by kind; `total` is their sum.

    `reference` is DPO's frozen reference model with full fine-tuning (a second copy of the
    weights); 0 otherwise, and 0 with LoRA/QLoRA, whose reference is the base without adapters.
    """

    weights: int
    gradients: int
    optimizer: int
    activations: int
    overhead: int
    reference: int = 0

    @property
    def total(self) -> int:
        """Sum of every part."""
        return self.weights + self.gradients + self.optimizer + self.activations + self.overhead + self.reference

    def as_dict(self) -> dict[str, int]:
        """The parts and the total, for JSON."""
        return {**asdict(self), "total": self.total}


@dataclass(frozen=True)
class Estimate:
    """Everything the estimator computes for one configuration (see module docstring)."""

    config: FineTuneConfig
    task: str
    base_params: int
    dropped_params: int
    head_params: int
    adapter_params: int
    added_params: int
    total_params: int
    trainable_params: int
    memory: MemoryBreakdown
    activation_bytes_per_layer: int
    steps_per_epoch: int
    total_steps: int
    warmup_steps: int
    tokens: float
    train_flops: float
    recompute_flops: float
    peak_flops: float
    time_seconds: float
    gpu_label: str
    gpu_memory_bytes: int
    fits: bool
    problems: tuple[Problem, ...]
    activation_formula: str = ""  # the formula the activations come from, symbols only (same in fr and en)
    quantised: bool = False  # the base weights are stored in 4-bit NF4 (QLoRA)

    @property
    def trainable_fraction(self) -> float:
        """Trainable / total parameters (0 when there are none)."""
        return self.trainable_params / self.total_params if self.total_params else 0.0

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view: the counts, memory_bytes, steps, FLOPs, time, fit and problems."""
        config = self.config
        return {
            "model": config.model, "task": self.task, "strategy": config.strategy,
            "precision": config.precision, "optimizer": config.optimizer, "gpu": config.gpu,
            "gpu_label": self.gpu_label, "quantised": self.quantised,
            "base_params": self.base_params, "dropped_params": self.dropped_params,
            "head_params": self.head_params, "adapter_params": self.adapter_params,
            "added_params": self.added_params,
            "total_params": self.total_params, "trainable_params": self.trainable_params,
            "trainable_fraction": self.trainable_fraction,
            "memory_bytes": self.memory.as_dict(),
            "activation_bytes_per_layer": self.activation_bytes_per_layer,
            "activation_formula": self.activation_formula,
            "gpu_memory_bytes": self.gpu_memory_bytes, "fits": self.fits,
            "steps_per_epoch": self.steps_per_epoch, "total_steps": self.total_steps,
            "warmup_steps": self.warmup_steps, "tokens": self.tokens,
            "train_flops": self.train_flops, "recompute_flops": self.recompute_flops,
            "peak_flops": self.peak_flops, "mfu": config.mfu, "time_seconds": self.time_seconds,
            "problems": [
                {"field": p.field, "key": p.key, "severity": p.severity, "fr": p.fr, "en": p.en}
                for p in self.problems
            ],
        }


def activation_bytes_per_layer(seq_len: int, batch: int, hidden: int, heads: int, precision: str = "fp16") -> int:
    """Korthikanti et al.: s·b·h·(34 + 5·a·s/h) bytes per layer in 16-bit, twice that in fp32."""
    return korthikanti_bytes_per_layer(seq_len, batch, hidden, heads, precision)


def activation_memory(
    spec: ModelSpec, seq_len: int, batch: int, precision: str, strategy: str = "full", checkpointing: bool = False,
    task: str | None = None,
) -> int:
    """Activation bytes held for the backward pass (rules in `tutor.sim.memory`), PEFT's default targets."""
    return model_activations(spec, seq_len, batch, precision, strategy, checkpointing, task).total


def model_activations(
    spec: ModelSpec, seq_len: int, batch: int, precision: str, strategy: str = "full", checkpointing: bool = False,
    task: str | None = None, targets: tuple[str, ...] | None = None, lora_r: int = 8, lora_dropout: float = 0.0,
    adapter_size: int = 64,
) -> Activations:
    """Activations with their formula, for `spec` (LoRA targets None: PEFT's default ones)."""
    return activations(
        spec, Shape(seq_len, batch, lora_r, adapter_size), precision, strategy, task,
        checkpointing=checkpointing, targets=targets, default_targets=default_lora_targets(spec),
        lora_dropout=lora_dropout,
    )


def train_flops(
    total_params: int, trainable_params: int, tokens: float, strategy: str = "full", task: str | None = None
) -> float:
    """Model FLOPs of training on `tokens` tokens.

    Forward 2·N per token; backward 2·N for the activation gradients plus 2·N_trainable for the
    weight gradients: (4·N + 2·N_trainable)·D, which is 6·N·D for full fine-tuning. Feature
    extraction never backpropagates into the frozen encoder: (2·N + 4·N_trainable)·D. DPO trains
    on pairs: the policy sees the chosen and the rejected sequence (2·D tokens) and the frozen
    reference runs a forward pass on both: (2·(4·N + 2·N_trainable) + 2·2·N)·D.
    """
    if strategy == "freeze":
        return (2 * total_params + 4 * trainable_params) * tokens
    if task == "dpo":
        return (2 * (4 * total_params + 2 * trainable_params) + 4 * total_params) * tokens
    return (4 * total_params + 2 * trainable_params) * tokens


def training_time(flops: float, gpu: GPUSpec, precision: str, devices: int, mfu: float) -> float:
    """Seconds to run `flops` on `devices` GPUs: flops / (devices × peak(precision) × mfu)."""
    rate = max(1, devices) * gpu.peak_flops(precision) * mfu
    return flops / rate if rate > 0 else float("inf")


def parameter_counts(spec: ModelSpec, config: FineTuneConfig, task: str) -> dict[str, int]:
    """base, dropped, head, adapter, added, total and trainable parameter counts.

    Full fine-tuning trains the total minus `fixed_params` (Marian's sinusoidal position tables are
    parameters with requires_grad false); the other strategies train the head and the adapter.
    """
    base = base_params(spec)
    dropped = dropped_params(spec, task)
    head = head_params(spec, task, config.num_labels)
    strategy = config.strategy
    if strategy in ("lora", "qlora"):
        adapter = lora_params(spec, config.lora_r, config.lora_targets, task)
    elif strategy == "adapters":
        adapter = houlsby_params(spec, config.adapter_size)
    elif strategy == "bitfit":
        adapter = bias_params(spec, task)
    else:
        adapter = 0
    added = adapter if strategy in ("lora", "qlora", "adapters") else 0  # BitFit unfreezes, adds nothing
    total = base - dropped + head + added
    # Full fine-tuning trains everything but the parameters nothing trains (Marian's sinusoidal tables).
    trainable = total - fixed_params(spec) if strategy == "full" else head + adapter
    return {
        "base": base, "dropped": dropped, "head": head, "adapter": adapter,
        "added": added, "total": total, "trainable": trainable,
    }


def estimate(config: FineTuneConfig) -> Estimate:
    """Estimate `config`; invalid fields fall back to defaults and are listed in `problems`."""
    problems = validate(config)
    used = sanitised(config, problems)
    spec = get_model(used.model) or get_model(FineTuneConfig().model)
    gpu = get_gpu(used.gpu) or get_gpu(FineTuneConfig().gpu)
    assert spec is not None and gpu is not None  # the defaults are in the catalogue
    task = used.resolved_task()
    counts = parameter_counts(spec, used, task)
    frozen = counts["total"] - counts["trainable"]
    quantised = used.strategy == "qlora"
    weights, gradients, optimizer = parameter_memory(
        counts["trainable"], frozen, used.precision, used.optimizer, quantisable_params(spec) if quantised else 0
    )
    acts = model_activations(
        spec, used.seq_len, used.batch_size, used.precision, used.strategy, used.checkpointing, task,
        used.lora_targets, used.lora_r, used.lora_dropout, used.adapter_size,
    )
    # Full DPO keeps a frozen copy of the whole model as reference (TRL loads it in the model's dtype).
    reference = counts["total"] * bytes_per_weight(used.precision) if task == "dpo" and used.strategy == "full" else 0
    memory = MemoryBreakdown(weights, gradients, optimizer, acts.total, OVERHEAD_BYTES, reference)
    steps = training_steps(
        used.examples, used.batch_size, used.devices, used.grad_accum, used.epochs, used.warmup_ratio, used.warmup_steps
    )
    tokens = float(used.examples) * used.seq_len * used.epochs
    flops = train_flops(counts["total"], counts["trainable"], tokens, used.strategy, task)
    recomputed = tokens * (2 if task == "dpo" else 1)  # the policy's sequences
    recompute = 2.0 * counts["total"] * recomputed if used.checkpointing and used.strategy != "freeze" else 0.0
    time_seconds = training_time(flops + recompute, gpu, used.precision, used.devices, used.mfu)
    return Estimate(
        config=used, task=task,
        base_params=counts["base"], dropped_params=counts["dropped"], head_params=counts["head"],
        adapter_params=counts["adapter"], added_params=counts["added"], total_params=counts["total"],
        trainable_params=counts["trainable"], memory=memory,
        activation_bytes_per_layer=acts.per_layer,
        steps_per_epoch=steps.steps_per_epoch, total_steps=steps.total_steps, warmup_steps=steps.warmup_steps,
        tokens=tokens, train_flops=flops, recompute_flops=recompute, peak_flops=gpu.peak_flops(used.precision),
        time_seconds=time_seconds, gpu_label=gpu.label, gpu_memory_bytes=gpu.memory_bytes,
        fits=memory.total <= gpu.memory_bytes, problems=tuple(problems),
        activation_formula=acts.formula, quantised=quantised,
    )
