"""The lab's network and what each strategy trains (pure: no numpy).

Network (a deep averaging network, Iyyer et al. 2015): the document's words are averaged into
an embedding (vocabulary × 32, no bias), then layer 1 (32 → 64, ReLU), layer 2 (64 → 32, ReLU)
and a head. Pre-training uses an 8-topic source head; fine-tuning adds a fresh 2-class target
head on the same body. The source head is kept aside, frozen, to measure how well the changed
body still does the source task (forgetting).

Blocks, bottom to top: "embeddings", "layer1", "layer2", "head" (plus "lora" for LoRA). The
strategies use the simulators' Trainer conventions (tutor.sim.schedules):

- scratch: every block, random initialisation (no pre-training);
- full: every block, from the pre-trained weights;
- feature-extraction: the head only;
- gradual-unfreezing: `gradual_unfreezing(2, epochs)`: epoch 1 the head, epoch 2 also layer 2,
  epoch 3 also layer 1, from epoch 4 also the embeddings (ULMFiT);
- differential-lr: every block, at `layerwise_lrs(lr, 2, layer_decay)`: head and layer 2 at lr,
  layer 1 at lr × decay, embeddings at lr × decay²;
- lora: the head and a low-rank update A·B (rank r, scaled by alpha / r) added to the frozen
  weight of layer 1 or 2 (B starts at zero, as in PEFT).
"""

from __future__ import annotations

from tutor.lab.corpus import TOPICS, VOCAB_SIZE
from tutor.sim.schedules import gradual_unfreezing, layerwise_lrs

EMBED_DIM = 32
HIDDEN1 = 64
HIDDEN2 = 32
SOURCE_CLASSES = len(TOPICS)
TARGET_CLASSES = 2
NUM_LAYERS = 2  # layer1 and layer2; the embeddings count as layer 0 for the schedules helpers

STRATEGIES: tuple[str, ...] = (
    "scratch", "full", "feature-extraction", "gradual-unfreezing", "differential-lr", "lora",
)

STRATEGY_ALIASES: dict[str, str] = {
    "from-scratch": "scratch", "random": "scratch", "none": "scratch",
    "full-fine-tuning": "full", "fine-tuning": "full", "finetune": "full", "fine-tune": "full",
    "feature-extraction": "feature-extraction", "features": "feature-extraction", "freeze": "feature-extraction",
    "frozen": "feature-extraction", "fe": "feature-extraction", "head": "feature-extraction",
    "gradual": "gradual-unfreezing", "unfreezing": "gradual-unfreezing", "gu": "gradual-unfreezing",
    "ulmfit": "gradual-unfreezing",
    "differential": "differential-lr", "discriminative": "differential-lr", "dlr": "differential-lr",
    "layer-decay": "differential-lr", "llrd": "differential-lr", "differential-learning-rates": "differential-lr",
    "lora-on-a-layer": "lora",
}

BLOCKS: tuple[str, ...] = ("embeddings", "layer1", "layer2", "head", "lora")

# Shapes of every parameter: (fan-in, fan-out) for weights, (size,) for biases.
LAYER_SHAPES: dict[str, tuple[int, int]] = {
    "embeddings": (VOCAB_SIZE, EMBED_DIM),
    "layer1": (EMBED_DIM, HIDDEN1),
    "layer2": (HIDDEN1, HIDDEN2),
    "head": (HIDDEN2, TARGET_CLASSES),
    "source_head": (HIDDEN2, SOURCE_CLASSES),
}


def normalise_strategy(text: object) -> str | None:
    """The canonical strategy name for user text ("Feature extraction", "fe", "LoRA"), else None."""
    if not isinstance(text, str):
        return None
    key = "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    if key in STRATEGIES:
        return key
    return STRATEGY_ALIASES.get(key)


def block_sizes(lora_rank: int = 4, lora_layer: int = 2) -> dict[str, int]:
    """Parameters per block; "lora" is r × (d_in + d_out) of the adapted layer."""
    sizes = {}
    for block in ("embeddings", "layer1", "layer2", "head"):
        fan_in, fan_out = LAYER_SHAPES[block]
        sizes[block] = fan_in * fan_out + (0 if block == "embeddings" else fan_out)
    fan_in, fan_out = LAYER_SHAPES["layer1" if lora_layer == 1 else "layer2"]
    sizes["lora"] = lora_rank * (fan_in + fan_out)
    return sizes


def trainable_blocks(strategy: str, epoch: int, epochs: int, layer_decay: float = 1.0) -> dict[str, float]:
    """Blocks trained during `epoch` (1-based) and their learning-rate multiplier."""
    everything = {"embeddings": 1.0, "layer1": 1.0, "layer2": 1.0, "head": 1.0}
    if strategy == "feature-extraction":
        return {"head": 1.0}
    if strategy == "lora":
        return {"lora": 1.0, "head": 1.0}
    if strategy == "gradual-unfreezing":
        stages = gradual_unfreezing(NUM_LAYERS, max(1, epochs))
        stage = stages[min(max(1, epoch), len(stages)) - 1]
        blocks = {"head": 1.0}
        for layer in stage.layers:
            blocks[f"layer{layer}"] = 1.0
        if stage.embeddings:
            blocks["embeddings"] = 1.0
        return blocks
    if strategy == "differential-lr":
        names = {"head": "head", "layer 2": "layer2", "layer 1": "layer1", "embeddings": "embeddings"}
        return {names[rate.name]: rate.lr for rate in layerwise_lrs(1.0, NUM_LAYERS, layer_decay)}
    return everything


def trainable_params(strategy: str, epoch: int, epochs: int, lora_rank: int = 4, lora_layer: int = 2) -> int:
    """Parameters the strategy trains during `epoch`."""
    sizes = block_sizes(lora_rank, lora_layer)
    return sum(sizes[block] for block in trainable_blocks(strategy, epoch, epochs))


def total_params(strategy: str, lora_rank: int = 4, lora_layer: int = 2) -> int:
    """Parameters of the fine-tuned model (body and target head, plus the adapter for LoRA)."""
    sizes = block_sizes(lora_rank, lora_layer)
    return (sum(sizes[b] for b in ("embeddings", "layer1", "layer2", "head"))
            + (sizes["lora"] if strategy == "lora" else 0))
