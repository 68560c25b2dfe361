"""Parameter-efficient methods: LoRA, Houlsby adapters, BitFit (docs/REFERENCE.md section 3).

- LoRA adds A (r×d_in) and B (d_out×r) to each adapted Linear: r·(d_in + d_out) parameters.
  PEFT defaults: r=8, lora_alpha=8, dropout 0, bias "none"; default target modules per family
  come from PEFT's TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING.
- Houlsby adapters: down-projection d→m and up-projection m→d, both with bias, so 2·d·m + d + m
  each; two per layer (after attention and after the FFN). The paper also trains the LayerNorms;
  we leave them out so the count matches the adapter modules themselves.
- BitFit trains the biases only (see `catalogue.bias_params`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tutor.sim.catalogue import ModelSpec, keeps_pooler

LORA_DEFAULT_R = 8
LORA_DEFAULT_ALPHA = 8
LORA_DEFAULT_DROPOUT = 0.0
ADAPTER_DEFAULT_SIZE = 64

LORA_DEFAULT_TARGETS: dict[str, tuple[str, ...]] = {
    "bert": ("query", "value"),
    "roberta": ("query", "value"),
    "distilbert": ("q_lin", "v_lin"),
    "gpt2": ("c_attn",),
    "codegen": ("qkv_proj",),
    "opt": ("q_proj", "v_proj"),
}


def lora_shapes(spec: ModelSpec) -> dict[str, list[tuple[int, int]]]:
    """For each target-module name, the (d_in, d_out) of the Linear layers it matches in one layer.

    PEFT matches a name against the end of each module path, so one name can match several
    layers (GPT-2 `c_proj` is both the attention output and the MLP output).
    """
    h, i = spec.hidden, spec.ffn
    if spec.arch in ("bert", "roberta"):
        return {
            "query": [(h, h)], "key": [(h, h)], "value": [(h, h)],
            "dense": [(h, h), (h, i), (i, h)],
        }
    if spec.arch == "distilbert":
        return {
            "q_lin": [(h, h)], "k_lin": [(h, h)], "v_lin": [(h, h)], "out_lin": [(h, h)],
            "lin1": [(h, i)], "lin2": [(i, h)],
        }
    if spec.arch == "gpt2":
        return {"c_attn": [(h, 3 * h)], "c_proj": [(h, h), (i, h)], "c_fc": [(h, i)]}
    if spec.arch == "codegen":
        return {"qkv_proj": [(h, 3 * h)], "out_proj": [(h, h)], "fc_in": [(h, i)], "fc_out": [(i, h)]}
    return {
        "q_proj": [(h, h)], "k_proj": [(h, h)], "v_proj": [(h, h)], "out_proj": [(h, h)],
        "fc1": [(h, i)], "fc2": [(i, h)],
    }


def lora_targets_for(spec: ModelSpec) -> tuple[str, ...]:
    """The target-module names LoRA can adapt in this model."""
    return tuple(lora_shapes(spec))


def default_lora_targets(spec: ModelSpec) -> tuple[str, ...]:
    """PEFT's default target modules for this model's family."""
    return LORA_DEFAULT_TARGETS[spec.arch]


def lora_matrix_params(r: int, shapes: Iterable[tuple[int, int]]) -> int:
    """LoRA parameters for the given Linear shapes: Σ r·(d_in + d_out)."""
    return sum(r * (d_in + d_out) for d_in, d_out in shapes)


def lora_params(spec: ModelSpec, r: int, targets: Sequence[str] | None = None, task: str = "seq-cls") -> int:
    """Parameters LoRA adds to `spec` with rank `r` on `targets` (PEFT defaults when None).

    Unknown target names match nothing, as in PEFT (which would then refuse to build the model;
    `FineTuneConfig.validate` reports them). `dense` also matches the pooler when the task model
    keeps it.
    """
    chosen = default_lora_targets(spec) if targets is None else tuple(targets)
    shapes = lora_shapes(spec)
    per_layer: list[tuple[int, int]] = []
    for name in dict.fromkeys(chosen):
        per_layer.extend(shapes.get(name, []))
    total = spec.layers * lora_matrix_params(r, per_layer)
    if "dense" in chosen and keeps_pooler(spec, task):
        total += lora_matrix_params(r, [(spec.hidden, spec.hidden)])
    return total


def lora_scaling(r: int, alpha: float) -> float:
    """The factor LoRA multiplies B·A by: lora_alpha / r (PEFT's default, non-rsLoRA scaling)."""
    return alpha / r if r > 0 else 0.0


def houlsby_adapter_params(hidden: int, bottleneck: int) -> int:
    """Parameters of one Houlsby adapter: 2·d·m + d + m."""
    return 2 * hidden * bottleneck + hidden + bottleneck


def houlsby_params(spec: ModelSpec, bottleneck: int) -> int:
    """Parameters of all Houlsby adapters in `spec`: two per layer."""
    return 2 * spec.layers * houlsby_adapter_params(spec.hidden, bottleneck)
