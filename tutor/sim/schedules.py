"""Hugging Face Trainer conventions: step counts, learning-rate schedules, per-layer rates.

The schedule multipliers reproduce `transformers.optimization` (`get_constant_schedule`,
`get_constant_schedule_with_warmup`, `get_linear_schedule_with_warmup`,
`get_cosine_schedule_with_warmup` with num_cycles 0.5): the optimizer's learning rate at step t
is lr × λ(t). Step counts follow docs/REFERENCE.md section 4.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SCHEDULES: tuple[str, ...] = ("linear", "cosine", "constant", "constant_with_warmup")

# TrainingArguments defaults (transformers), shown next to the fields and used by the export.
TRAINER_DEFAULTS: dict[str, object] = {
    "learning_rate": 5e-5,
    "lr_scheduler_type": "linear",
    "warmup_ratio": 0.0,
    "warmup_steps": 0,
    "weight_decay": 0.0,
    "adam_beta1": 0.9,
    "adam_beta2": 0.999,
    "adam_epsilon": 1e-8,
    "max_grad_norm": 1.0,
    "num_train_epochs": 3.0,
    "per_device_train_batch_size": 8,
}

# The grid the BERT paper searched (Devlin et al. 2019, appendix A.3).
BERT_PAPER_GRID: dict[str, tuple[float, ...]] = {
    "batch_size": (16, 32),
    "learning_rate": (5e-5, 3e-5, 2e-5),
    "epochs": (2, 3, 4),
}


@dataclass(frozen=True)
class StepCounts:
    """Optimizer steps as the Trainer counts them."""

    steps_per_epoch: int
    total_steps: int
    warmup_steps: int


def training_steps(
    examples: int,
    batch_size: int,
    devices: int = 1,
    grad_accum: int = 1,
    epochs: float = 3.0,
    warmup_ratio: float = 0.0,
    warmup_steps: int = 0,
) -> StepCounts:
    """Steps per epoch, total and warmup steps.

    steps/epoch = ceil(ceil(N / (batch × devices)) / grad_accum); total = ceil(epochs × steps/epoch);
    warmup = warmup_steps if > 0 else ceil(total × warmup_ratio). The product total × ratio is
    taken in floating point exactly as the Trainer does (so 100 × 0.07 gives 8, like HF).
    """
    batches = math.ceil(examples / max(1, batch_size * devices))
    per_epoch = max(1, math.ceil(batches / max(1, grad_accum)))
    total = math.ceil(epochs * per_epoch)
    warmup = warmup_steps if warmup_steps > 0 else math.ceil(total * warmup_ratio)
    return StepCounts(per_epoch, total, warmup)


def lr_lambda(schedule: str, step: int, total_steps: int, warmup_steps: int = 0, num_cycles: float = 0.5) -> float:
    """The multiplier λ(step) of the base learning rate for `schedule`.

    "constant" ignores warmup, as `get_scheduler("constant")` does. Unknown names behave as linear.
    """
    if schedule == "constant":
        return 1.0
    if step < warmup_steps:
        return float(step) / float(max(1, warmup_steps))
    if schedule == "constant_with_warmup":
        return 1.0
    decay_steps = float(max(1, total_steps - warmup_steps))
    if schedule == "cosine":
        progress = float(step - warmup_steps) / decay_steps
        return max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress)))
    return max(0.0, float(total_steps - step) / decay_steps)


def lr_at(schedule: str, lr: float, step: int, total_steps: int, warmup_steps: int = 0) -> float:
    """The learning rate at `step`: lr × λ(step)."""
    return lr * lr_lambda(schedule, step, total_steps, warmup_steps)


def lr_curve(
    schedule: str, lr: float, total_steps: int, warmup_steps: int = 0, points: int = 200
) -> list[tuple[int, float]]:
    """(step, learning rate) pairs from 0 to `total_steps` included, at most `points` + 1 of them.

    Always includes step 0, the end of warmup and the last step, so a plot shows the corners.
    """
    total = max(0, total_steps)
    stride = max(1, math.ceil(total / max(1, points)))
    steps = set(range(0, total + 1, stride)) | {0, total}
    if 0 <= warmup_steps <= total:
        steps.add(warmup_steps)
    return [(s, lr_at(schedule, lr, s, total, warmup_steps)) for s in sorted(steps)]


@dataclass(frozen=True)
class LayerRate:
    """The learning rate of one parameter group under layer-wise decay."""

    name: str
    depth: int
    lr: float


def layerwise_lrs(lr: float, num_layers: int, decay: float) -> list[LayerRate]:
    """Differential learning rates, top first: head and layer L get lr, layer l gets lr × decay^(L−l).

    The embeddings count as layer 0 and get lr × decay^L (ULMFiT "discriminative fine-tuning",
    layer-wise LR decay as in ELECTRA/DeBERTa recipes). decay = 1 gives every group the same rate.
    """
    rates = [LayerRate("head", num_layers + 1, lr)]
    for layer in range(num_layers, 0, -1):
        rates.append(LayerRate(f"layer {layer}", layer, lr * decay ** (num_layers - layer)))
    rates.append(LayerRate("embeddings", 0, lr * decay**num_layers))
    return rates


@dataclass(frozen=True)
class UnfreezeStage:
    """What is trainable during one epoch of gradual unfreezing."""

    epoch: int
    layers: tuple[int, ...]
    embeddings: bool

    @property
    def groups(self) -> int:
        """Number of trainable groups, the head included."""
        return 1 + len(self.layers) + int(self.embeddings)


def gradual_unfreezing(num_layers: int, epochs: int, layers_per_epoch: int = 1) -> list[UnfreezeStage]:
    """ULMFiT-style gradual unfreezing: epoch 1 trains the head only, then each epoch unfreezes
    `layers_per_epoch` more layers from the top; the embeddings thaw once every layer has.

    Layers are numbered 1 (bottom) to L (top); the head is always trainable.
    """
    stages = []
    step = max(1, layers_per_epoch)
    for epoch in range(1, max(0, epochs) + 1):
        thawed = min(num_layers, (epoch - 1) * step)
        layers = tuple(range(num_layers, num_layers - thawed, -1))
        embeddings = thawed >= num_layers and (epoch - 1) * step > num_layers
        stages.append(UnfreezeStage(epoch, layers, embeddings))
    return stages
