"""Parameter-efficient methods: LoRA, IA3, Houlsby adapters, BitFit (docs/REFERENCE.md section 3).

- LoRA adds A (r×d_in) and B (d_out×r) to each adapted Linear: r·(d_in + d_out) parameters.
  PEFT defaults: r=8, lora_alpha=8, dropout 0, bias "none". Default target modules per model
  type come from PEFT's TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING (peft/utils/constants.py,
  copied from peft 0.21.2). PEFT has no entry for camembert, distilbert, modernbert, mbart and
  marian, and `get_peft_model` then refuses to build ("Please specify `target_modules`"): for
  those the default here is the family's query/value projections (ModernBERT: its fused Wqkv),
  and the exported script names them.
- ("all-linear",) is PEFT's `target_modules="all-linear"`: every Linear (and GPT-2 Conv1D) except
  the output layer (`get_output_embeddings()`) and, for SEQ_CLS, the classifier. So BERT's pooler
  gets LoRA when BertForSequenceClassification keeps it. The task head itself is trained in full
  (`lora_modules_to_save`) and never gets LoRA. PEFT 0.21.2 refuses "all-linear" for TOKEN_CLS and
  QUESTION_ANS (it wraps the head twice: "modules_to_save cannot be applied to modules of type
  lora.Linear"); `exclude_modules` set to the head avoids that (`peft_lora_arguments`).
- The head: PEFT's task types train `classifier`/`score` (SEQ_CLS, TOKEN_CLS) or `qa_outputs`
  (QUESTION_ANS) in full through `modules_to_save`. That misses DeBERTa's ContextPooler and
  ModernBERT's prediction head (new, randomly initialised layers left frozen) and, for ModernBERT
  QA, the whole head (it is called `classifier`). `lora_modules_to_save` names the full head, so
  "trainable = LoRA + head" as `tutor estimate` prints it.
- IA3 (PEFT's defaults, where PEFT has them) learns one scaling vector per targeted Linear: d_out
  wide, or d_in for the feed-forward modules it scales on the input side.
- Houlsby adapters: down-projection d→m and up-projection m→d, both with bias, so 2·d·m + d + m
  each; two per layer (after attention and after the FFN), in each stack of an encoder-decoder.
  The paper also trains the LayerNorms; we leave them out so the count matches the adapter modules.
- BitFit trains the biases only (see `catalogue.bias_params`): Llama, Mistral, T5 and ModernBERT
  have none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tutor.sim.catalogue import Linear, ModelSpec, block_linears, hf_model_type, keeps_pooler

LORA_DEFAULT_R = 8
LORA_DEFAULT_ALPHA = 8
LORA_DEFAULT_DROPOUT = 0.0
ADAPTER_DEFAULT_SIZE = 64
ALL_LINEAR = "all-linear"

# peft 0.21.2, TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING, by config.json model_type.
PEFT_LORA_TARGETS: dict[str, tuple[str, ...]] = {
    "bert": ("query", "value"),
    "roberta": ("query", "value"),
    "xlm-roberta": ("query", "value"),
    "deberta-v2": ("query_proj", "value_proj"),
    "gpt2": ("c_attn",),
    "codegen": ("qkv_proj",),
    "opt": ("q_proj", "v_proj"),
    "llama": ("q_proj", "v_proj"),
    "qwen2": ("q_proj", "v_proj"),
    "mistral": ("q_proj", "v_proj"),
    "t5": ("q", "v"),
    "mt5": ("q", "v"),
    "bart": ("q_proj", "v_proj"),
}
# Model types PEFT has no default for: the same choice (query and value) made explicit.
FALLBACK_LORA_TARGETS: dict[str, tuple[str, ...]] = {
    "camembert": ("query", "value"),
    "distilbert": ("q_lin", "v_lin"),
    "modernbert": ("Wqkv",),
    "mbart": ("q_proj", "v_proj"),
    "marian": ("q_proj", "v_proj"),
}
# Kept for callers of the old table (keyed by architecture).
LORA_DEFAULT_TARGETS: dict[str, tuple[str, ...]] = {**FALLBACK_LORA_TARGETS, **PEFT_LORA_TARGETS}

# peft 0.21.2, TRANSFORMERS_MODELS_TO_IA3_TARGET_MODULES_MAPPING and …_FEEDFORWARD_MODULES_MAPPING.
PEFT_IA3_TARGETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "bert": (("key", "value", "output.dense"), ("output.dense",)),
    "roberta": (("key", "value", "output.dense"), ("output.dense",)),
    "deberta-v2": (("key_proj", "value_proj", "output.dense"), ("output.dense",)),
    "gpt2": (("c_attn", "mlp.c_proj"), ("mlp.c_proj",)),
    "opt": (("q_proj", "k_proj", "fc2"), ("fc2",)),
    "llama": (("k_proj", "v_proj", "down_proj"), ("down_proj",)),
    "mistral": (("k_proj", "v_proj", "down_proj"), ("down_proj",)),
    "qwen2": (("q_proj", "v_proj", "down_proj"), ("down_proj",)),
    "t5": (("k", "v", "wo"), ("wo",)),
    "mt5": (("k", "v", "wi_1"), ()),  # sic: wi_1 scaled on its output side
    "bart": (("q_proj", "v_proj", "fc2"), ("fc2",)),
}

# Head modules a task model adds, by architecture and task (all trained in full with LoRA).
_HEAD_MODULES: dict[tuple[str, str], tuple[str, ...]] = {
    ("distilbert", "seq-cls"): ("pre_classifier", "classifier"),
    ("deberta-v2", "seq-cls"): ("pooler", "classifier"),
    ("modernbert", "seq-cls"): ("head", "classifier"),
    ("modernbert", "token-cls"): ("head", "classifier"),
    ("modernbert", "qa"): ("head", "classifier"),
}


def lora_shapes(spec: ModelSpec) -> dict[str, list[tuple[int, int]]]:
    """For each target-module name, the (d_in, d_out) shapes of the Linear layers it matches.

    This is one layer's worth for encoders and decoders. PEFT matches a name against the end of
    each module path, so one name can match several layers (GPT-2 `c_proj` is both the attention
    output and the MLP output). In an encoder-decoder the attention names also match the
    decoder's self- and cross-attention, with the same shapes.
    """
    shapes: dict[str, list[tuple[int, int]]] = {}
    for layer in block_linears(spec):
        found = shapes.setdefault(layer.name, [])
        if (layer.d_in, layer.d_out) not in found:
            found.append((layer.d_in, layer.d_out))
    return shapes


def lora_targets_for(spec: ModelSpec) -> tuple[str, ...]:
    """The target-module names LoRA can adapt in this model, then "all-linear"."""
    return (*lora_shapes(spec), ALL_LINEAR)


def default_lora_targets(spec: ModelSpec) -> tuple[str, ...]:
    """PEFT's default target modules for this model type (the query/value analogue where PEFT has none)."""
    model_type = hf_model_type(spec)
    return PEFT_LORA_TARGETS.get(model_type) or FALLBACK_LORA_TARGETS[model_type]


def peft_has_default_targets(spec: ModelSpec) -> bool:
    """Whether PEFT itself knows default LoRA targets for this model (else they must be named)."""
    return hf_model_type(spec) in PEFT_LORA_TARGETS


def lora_matrix_params(r: int, shapes: Iterable[tuple[int, int]]) -> int:
    """LoRA parameters for the given Linear shapes: Σ r·(d_in + d_out)."""
    return sum(r * (d_in + d_out) for d_in, d_out in shapes)


def lora_params(spec: ModelSpec, r: int, targets: Sequence[str] | None = None, task: str = "seq-cls") -> int:
    """Parameters LoRA adds to `spec` with rank `r` on `targets` (PEFT defaults when None).

    Unknown target names match nothing, as in PEFT (which would then refuse to build the model;
    `FineTuneConfig.validate` reports them). `dense` and "all-linear" also adapt the pooler when
    the task model keeps it; the task head is never adapted (it is trained in full).
    """
    chosen = set(default_lora_targets(spec) if targets is None else targets)
    every = ALL_LINEAR in chosen
    total = sum(
        layer.repeats * r * (layer.d_in + layer.d_out)
        for layer in block_linears(spec)
        if every or layer.name in chosen
    )
    if (every or "dense" in chosen) and keeps_pooler(spec, task):
        total += lora_matrix_params(r, [(spec.hidden, spec.hidden)])
    return total


def lora_scaling(r: int, alpha: float) -> float:
    """The factor LoRA multiplies B·A by: lora_alpha / r (PEFT's default, non-rsLoRA scaling)."""
    return alpha / r if r > 0 else 0.0


def lora_modules_to_save(spec: ModelSpec, task: str) -> tuple[str, ...]:
    """The task head's modules, trained in full next to LoRA (PEFT's `modules_to_save`).

    Empty for decoders and encoder-decoders, whose LM head stays frozen with the base.
    """
    if not spec.is_encoder:
        return ()
    default = ("qa_outputs",) if task == "qa" else ("classifier",)
    return _HEAD_MODULES.get((spec.arch, task), default)


def peft_lora_arguments(spec: ModelSpec, task: str, targets: Sequence[str] | None = None) -> dict[str, object]:
    """The LoraConfig arguments that make PEFT train exactly `lora_params` + `head_params`.

    target_modules: the names, or "all-linear"; exclude_modules (with "all-linear") keeps LoRA off
    the head, which PEFT 0.21.2 would otherwise wrap twice for TOKEN_CLS and QUESTION_ANS;
    modules_to_save: the whole head (see the module docstring).
    """
    chosen = tuple(default_lora_targets(spec) if targets is None else targets)
    head = list(lora_modules_to_save(spec, task))
    arguments: dict[str, object] = {"target_modules": ALL_LINEAR if ALL_LINEAR in chosen else list(chosen)}
    if head:
        if ALL_LINEAR in chosen:
            arguments["exclude_modules"] = list(head)
        arguments["modules_to_save"] = head
    return arguments


def ia3_default_targets(spec: ModelSpec) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """PEFT's default IA3 (target modules, feed-forward modules) for this model type, or None."""
    return PEFT_IA3_TARGETS.get(hf_model_type(spec))


def ia3_params(spec: ModelSpec) -> int | None:
    """Scaling vectors IA3 learns with PEFT's default targets, or None where PEFT has no default.

    One vector per targeted Linear: d_out wide, or d_in for a feed-forward module. `output.dense`
    (BERT-style) matches the attention output (h→h) and the FFN output (I→h), both feed-forward
    for PEFT; `mlp.c_proj` (GPT-2) only the MLP's output.
    """
    defaults = ia3_default_targets(spec)
    if defaults is None:
        return None
    targets, feedforward = defaults
    total = 0
    for layer in block_linears(spec):
        matched = [t for t in targets if t.rsplit(".", 1)[-1] == layer.name and _ia3_path_matches(spec, t, layer)]
        if matched:
            total += layer.repeats * (layer.d_in if matched[0] in feedforward else layer.d_out)
    return total


def _ia3_path_matches(spec: ModelSpec, target: str, layer: Linear) -> bool:
    """Whether a dotted IA3 target (`output.dense`, `mlp.c_proj`) matches this Linear kind."""
    if target == "output.dense":
        return layer.d_out == spec.hidden  # attention.output.dense and output.dense, not intermediate.dense
    if target == "mlp.c_proj":
        return layer.d_in == spec.ffn  # the MLP's projection, not the attention's
    return True


def houlsby_adapter_params(hidden: int, bottleneck: int) -> int:
    """Parameters of one Houlsby adapter: 2·d·m + d + m."""
    return 2 * hidden * bottleneck + hidden + bottleneck


def houlsby_params(spec: ModelSpec, bottleneck: int) -> int:
    """Parameters of all Houlsby adapters in `spec`: two per layer, in every stack."""
    return 2 * (spec.layers + spec.decoder_layers) * houlsby_adapter_params(spec.hidden, bottleneck)
