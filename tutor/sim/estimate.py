"""Estimates of a fine-tuning job: parameters, memory, steps, FLOPs, time, fit on a GPU.

`estimate(config)` is a pure function of the configuration. It never raises: fields in error
are replaced by their defaults (see `config.sanitised`) and the problems travel with the result.

Memory rules (docs/REFERENCE.md section 2; EleutherAI "Transformer Math 101"; ZeRO's K = 12):
- fp32: a trained parameter costs 4 B weight + 4 B gradient + 8 B AdamW (m, v) = 16 B.
- fp16 / bf16 mixed precision: 2 B weight + 2 B gradient + 12 B optimizer (4 B fp32 master copy
  + 8 B AdamW) = 16 B. The master copy is counted as optimizer state, as ZeRO does.
- A frozen parameter costs its weight only (4 B fp32, 2 B in 16-bit).
- Activations: Korthikanti et al. 2022, per layer s·b·h·(34 + 5·a·s/h) bytes in 16-bit, doubled
  in fp32. With activation checkpointing only each layer's input is kept (s·b·h·2 bytes in
  16-bit) plus one layer's full activations while it is recomputed. Feature extraction keeps no
  activations for a backward pass through the frozen encoder: only one layer's working set exists
  at a time during the forward pass. Causal LMs also hold the logits: s·b·V at 2 B plus the fp32
  copy the loss is computed on (4 B), or 4 B in fp32 — the LM head of GPT-2 and CodeGen upcasts.
- Framework overhead: see OVERHEAD_BYTES.
- Memory is per GPU: with several devices (data parallel) each holds the whole model and its own
  per-device batch. DDP's gradient buckets and ZeRO sharding are not modelled.

Time = (training FLOPs + recomputation FLOPs) / (devices × peak × MFU): checkpointing runs one
more forward pass (2·N·D) and the MFU entered applies to all the work the GPU does.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from tutor.sim.catalogue import (
    GPUSpec,
    ModelSpec,
    base_params,
    bias_params,
    dropped_params,
    get_gpu,
    get_model,
    head_params,
)
from tutor.sim.config import FineTuneConfig, Problem, sanitised, validate
from tutor.sim.peft import houlsby_params, lora_params
from tutor.sim.schedules import training_steps

# A constant 1 GiB per GPU for what is not the model: the CUDA context with PyTorch's kernels
# (≈300–600 MiB on recent drivers with lazy module loading), cuBLAS/cuDNN handles and
# workspaces (≈100–200 MiB), and some headroom for the caching allocator's fragmentation.
OVERHEAD_BYTES = 2**30


@dataclass(frozen=True)
class MemoryBreakdown:
    """Bytes per GPU, by kind; `total` is their sum."""

    weights: int
    gradients: int
    optimizer: int
    activations: int
    overhead: int

    @property
    def total(self) -> int:
        """Sum of every part."""
        return self.weights + self.gradients + self.optimizer + self.activations + self.overhead

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

    @property
    def trainable_fraction(self) -> float:
        """Trainable / total parameters (0 when there are none)."""
        return self.trainable_params / self.total_params if self.total_params else 0.0

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view: the counts, memory_bytes, steps, FLOPs, time, fit and problems."""
        config = self.config
        return {
            "model": config.model, "task": self.task, "strategy": config.strategy,
            "precision": config.precision, "gpu": config.gpu, "gpu_label": self.gpu_label,
            "base_params": self.base_params, "dropped_params": self.dropped_params,
            "head_params": self.head_params, "adapter_params": self.adapter_params,
            "added_params": self.added_params,
            "total_params": self.total_params, "trainable_params": self.trainable_params,
            "trainable_fraction": self.trainable_fraction,
            "memory_bytes": self.memory.as_dict(),
            "activation_bytes_per_layer": self.activation_bytes_per_layer,
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


def bytes_per_weight(precision: str) -> int:
    """Bytes of one weight (and of one gradient): 4 in fp32, 2 in fp16/bf16."""
    return 4 if precision == "fp32" else 2


def parameter_memory(trainable: int, frozen: int, precision: str) -> tuple[int, int, int]:
    """(weights, gradients, optimizer) bytes for AdamW; 16 B per trained parameter in all."""
    width = bytes_per_weight(precision)
    optimizer_per_param = 8 if precision == "fp32" else 12  # + fp32 master copy in mixed precision
    return (trainable + frozen) * width, trainable * width, trainable * optimizer_per_param


def activation_bytes_per_layer(seq_len: int, batch: int, hidden: int, heads: int, precision: str = "fp16") -> int:
    """Korthikanti et al.: s·b·h·(34 + 5·a·s/h) bytes per layer in 16-bit, twice that in fp32.

    Written as 34·s·b·h + 5·a·s²·b so it stays an exact integer.
    """
    sixteen_bit = 34 * seq_len * batch * hidden + 5 * heads * seq_len * seq_len * batch
    return sixteen_bit * (2 if precision == "fp32" else 1)


def activation_memory(
    spec: ModelSpec, seq_len: int, batch: int, precision: str, strategy: str = "full", checkpointing: bool = False
) -> int:
    """Activation bytes held for the backward pass (rules in the module docstring)."""
    per_layer = activation_bytes_per_layer(seq_len, batch, spec.hidden, spec.heads, precision)
    if strategy == "freeze":
        return per_layer  # forward-only through the encoder: one layer's working set at a time
    if checkpointing:
        inputs = seq_len * batch * spec.hidden * bytes_per_weight(precision)
        layers = spec.layers * inputs + per_layer
    else:
        layers = spec.layers * per_layer
    logits = 0 if spec.is_encoder else seq_len * batch * spec.vocab * (4 if precision == "fp32" else 6)
    return layers + logits


def train_flops(total_params: int, trainable_params: int, tokens: float, strategy: str = "full") -> float:
    """Model FLOPs of training on `tokens` tokens.

    Forward 2·N per token; backward 2·N for the activation gradients plus 2·N_trainable for the
    weight gradients: (4·N + 2·N_trainable)·D, which is 6·N·D for full fine-tuning. Feature
    extraction never backpropagates into the frozen encoder: (2·N + 4·N_trainable)·D.
    """
    if strategy == "freeze":
        return (2 * total_params + 4 * trainable_params) * tokens
    return (4 * total_params + 2 * trainable_params) * tokens


def training_time(flops: float, gpu: GPUSpec, precision: str, devices: int, mfu: float) -> float:
    """Seconds to run `flops` on `devices` GPUs: flops / (devices × peak(precision) × mfu)."""
    rate = max(1, devices) * gpu.peak_flops(precision) * mfu
    return flops / rate if rate > 0 else float("inf")


def parameter_counts(spec: ModelSpec, config: FineTuneConfig, task: str) -> dict[str, int]:
    """base, dropped, head, adapter, added, total and trainable parameter counts."""
    base = base_params(spec)
    dropped = dropped_params(spec, task)
    head = head_params(spec, task, config.num_labels)
    strategy = config.strategy
    if strategy == "lora":
        adapter = lora_params(spec, config.lora_r, config.lora_targets, task)
    elif strategy == "adapters":
        adapter = houlsby_params(spec, config.adapter_size)
    elif strategy == "bitfit":
        adapter = bias_params(spec, task)
    else:
        adapter = 0
    added = adapter if strategy in ("lora", "adapters") else 0  # BitFit unfreezes, adds nothing
    total = base - dropped + head + added
    trainable = total if strategy == "full" else head + adapter
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
    weights, gradients, optimizer = parameter_memory(counts["trainable"], frozen, used.precision)
    activations = activation_memory(
        spec, used.seq_len, used.batch_size, used.precision, used.strategy, used.checkpointing
    )
    memory = MemoryBreakdown(weights, gradients, optimizer, activations, OVERHEAD_BYTES)
    steps = training_steps(
        used.examples, used.batch_size, used.devices, used.grad_accum, used.epochs, used.warmup_ratio, used.warmup_steps
    )
    tokens = float(used.examples) * used.seq_len * used.epochs
    flops = train_flops(counts["total"], counts["trainable"], tokens, used.strategy)
    recompute = 2.0 * counts["total"] * tokens if used.checkpointing and used.strategy != "freeze" else 0.0
    time_seconds = training_time(flops + recompute, gpu, used.precision, used.devices, used.mfu)
    return Estimate(
        config=used, task=task,
        base_params=counts["base"], dropped_params=counts["dropped"], head_params=counts["head"],
        adapter_params=counts["adapter"], added_params=counts["added"], total_params=counts["total"],
        trainable_params=counts["trainable"], memory=memory,
        activation_bytes_per_layer=activation_bytes_per_layer(
            used.seq_len, used.batch_size, spec.hidden, spec.heads, used.precision
        ),
        steps_per_epoch=steps.steps_per_epoch, total_steps=steps.total_steps, warmup_steps=steps.warmup_steps,
        tokens=tokens, train_flops=flops, recompute_flops=recompute, peak_flops=gpu.peak_flops(used.precision),
        time_seconds=time_seconds, gpu_label=gpu.label, gpu_memory_bytes=gpu.memory_bytes,
        fits=memory.total <= gpu.memory_bytes, problems=tuple(problems),
    )
