"""The lab's network in numpy: initialisation, forward and backward passes, AdamW.

See tutor.lab.strategies for the architecture. Parameters live in a dict name → array:
"embeddings", "layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias", "head.weight",
"head.bias", "source_head.weight", "source_head.bias" and, for LoRA, "lora.A", "lora.B".
Weights are (fan-in, fan-out): a layer computes x @ W + b.

Initialisation: embeddings N(0, 1), layers He-normal, heads N(0, 0.02²) (BERT's
initializer_range), biases 0; LoRA as PEFT: A uniform ±1/√fan-in, B zero, scale alpha / r.
AdamW follows torch.optim.AdamW (β 0.9 / 0.999, ε 1e-8, decoupled weight decay, not on biases);
gradients are clipped to a global norm of 1.0 like the Trainer's max_grad_norm.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from tutor.lab._numpy import np
from tutor.lab.strategies import LAYER_SHAPES

BLOCK_PARAMS: dict[str, tuple[str, ...]] = {
    "embeddings": ("embeddings",),
    "layer1": ("layer1.weight", "layer1.bias"),
    "layer2": ("layer2.weight", "layer2.bias"),
    "head": ("head.weight", "head.bias"),
    "source_head": ("source_head.weight", "source_head.bias"),
    "lora": ("lora.A", "lora.B"),
}
MAX_GRAD_NORM = 1.0

Params = dict[str, np.ndarray]
#: What `forward` keeps for `backward`: the input, the embeddings, each layer's pre- and post-activation,
#: and the two weights used (LoRA update included).
Cache = tuple[np.ndarray, ...]


@dataclass(frozen=True)
class Lora:
    """LoRA on `layer` (1 or 2): W + scale · A @ B."""

    layer: int
    scale: float


def init_body(rng: np.random.Generator) -> Params:
    """Random embeddings and layers (He-normal), zero biases."""
    params: Params = {"embeddings": rng.normal(0.0, 1.0, LAYER_SHAPES["embeddings"])}
    for name in ("layer1", "layer2"):
        fan_in, fan_out = LAYER_SHAPES[name]
        params[f"{name}.weight"] = rng.normal(0.0, math.sqrt(2.0 / fan_in), (fan_in, fan_out))
        params[f"{name}.bias"] = np.zeros(fan_out)
    return params


def init_head(rng: np.random.Generator, name: str = "head") -> Params:
    """A classification head N(0, 0.02²), zero bias."""
    fan_in, fan_out = LAYER_SHAPES[name]
    return {f"{name}.weight": rng.normal(0.0, 0.02, (fan_in, fan_out)), f"{name}.bias": np.zeros(fan_out)}


def init_lora(rng: np.random.Generator, layer: int, rank: int) -> Params:
    """PEFT's LoRA initialisation: A uniform ±1/√fan-in, B zero (the update starts at zero)."""
    fan_in, fan_out = LAYER_SHAPES[f"layer{layer}"]
    bound = 1.0 / math.sqrt(fan_in)
    return {"lora.A": rng.uniform(-bound, bound, (fan_in, rank)), "lora.B": np.zeros((rank, fan_out))}


def layer_weight(params: Params, layer: int, lora: Lora | None) -> np.ndarray:
    """The weight layer `layer` uses: the frozen one plus the LoRA update when adapted."""
    weight = params[f"layer{layer}.weight"]
    if lora is not None and lora.layer == layer:
        return weight + lora.scale * (params["lora.A"] @ params["lora.B"])
    return weight


def forward(params: Params, x: np.ndarray, head: str = "head", lora: Lora | None = None) -> tuple[np.ndarray, Cache]:
    """Logits of `head` for the rows of `x`, and what backward needs."""
    w1 = layer_weight(params, 1, lora)
    w2 = layer_weight(params, 2, lora)
    e = x @ params["embeddings"]
    z1 = e @ w1 + params["layer1.bias"]
    a1 = np.maximum(z1, 0.0)
    z2 = a1 @ w2 + params["layer2.bias"]
    a2 = np.maximum(z2, 0.0)
    logits = a2 @ params[f"{head}.weight"] + params[f"{head}.bias"]
    return logits, (x, e, z1, a1, z2, a2, w1, w2)


def cross_entropy(logits: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Mean softmax cross-entropy, its gradient with respect to the logits, and the predictions."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_sum = np.log(np.exp(shifted).sum(axis=1))
    rows = np.arange(len(y))
    loss = float((log_sum - shifted[rows, y]).mean())
    grad = np.exp(shifted - log_sum[:, None])
    grad[rows, y] -= 1.0
    return loss, grad / len(y), logits.argmax(axis=1)


def backward(
    params: Params, cache: Cache, dlogits: np.ndarray, needed: Iterable[str], head: str = "head",
    lora: Lora | None = None,
) -> Params:
    """Gradients of the blocks in `needed` (backpropagation stops below the lowest one)."""
    x, e, z1, a1, z2, a2, w1, w2 = cache
    needed = set(needed)
    grads: Params = {}
    if head in needed:
        grads[f"{head}.weight"] = a2.T @ dlogits
        grads[f"{head}.bias"] = dlogits.sum(axis=0)
    below = needed - {head}
    if not below:
        return grads
    dz2 = (dlogits @ params[f"{head}.weight"].T) * (z2 > 0)
    lora2 = lora is not None and lora.layer == 2 and "lora" in needed
    if "layer2" in needed or lora2:
        gw2 = a1.T @ dz2
        if "layer2" in needed:
            grads["layer2.weight"] = gw2
            grads["layer2.bias"] = dz2.sum(axis=0)
        if lora2 and lora is not None:
            grads["lora.A"] = lora.scale * (gw2 @ params["lora.B"].T)
            grads["lora.B"] = lora.scale * (params["lora.A"].T @ gw2)
    below -= {"layer2"} | ({"lora"} if lora2 else set())
    if not below:
        return grads
    dz1 = (dz2 @ w2.T) * (z1 > 0)
    lora1 = lora is not None and lora.layer == 1 and "lora" in needed
    if "layer1" in needed or lora1:
        gw1 = e.T @ dz1
        if "layer1" in needed:
            grads["layer1.weight"] = gw1
            grads["layer1.bias"] = dz1.sum(axis=0)
        if lora1 and lora is not None:
            grads["lora.A"] = lora.scale * (gw1 @ params["lora.B"].T)
            grads["lora.B"] = lora.scale * (params["lora.A"].T @ gw1)
    if "embeddings" in needed:
        grads["embeddings"] = x.T @ (dz1 @ w1.T)
    return grads


def clip_grad_norm(grads: Params, max_norm: float = MAX_GRAD_NORM) -> float:
    """Scale `grads` in place to a global L2 norm of at most `max_norm`; returns the norm before."""
    norm = math.sqrt(sum(float(np.square(g).sum()) for g in grads.values()))
    if norm > max_norm:
        factor = max_norm / (norm + 1e-6)
        for g in grads.values():
            g *= factor
    return norm


class AdamW:
    """torch.optim.AdamW for a dict of arrays; each parameter has its own step count."""

    def __init__(self, weight_decay: float = 0.0, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8):
        self.weight_decay = weight_decay
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.state: dict[str, tuple[np.ndarray, np.ndarray, int]] = {}

    def step(self, params: Params, grads: Params, lrs: dict[str, float]) -> None:
        """Update every parameter named in `lrs` (name → learning rate) with its gradient."""
        for name, lr in lrs.items():
            grad = grads[name]
            param = params[name]
            m, v, t = self.state.get(name) or (np.zeros_like(param), np.zeros_like(param), 0)
            t += 1
            m = self.beta1 * m + (1.0 - self.beta1) * grad
            v = self.beta2 * v + (1.0 - self.beta2) * grad * grad
            self.state[name] = (m, v, t)
            if self.weight_decay and param.ndim > 1:
                param *= 1.0 - lr * self.weight_decay
            denom = np.sqrt(v) / math.sqrt(1.0 - self.beta2**t) + self.eps
            param -= (lr / (1.0 - self.beta1**t)) * m / denom
