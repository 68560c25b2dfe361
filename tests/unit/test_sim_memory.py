"""Memory rules of issue 14: 4-bit NF4, 8-bit optimisers, DPO's reference, activations per family.

Every expected number is worked out by hand in the test from the model's dimensions.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from tutor.sim.catalogue import MODELS
from tutor.sim.config import LORA_2026, FineTuneConfig
from tutor.sim.estimate import estimate, train_flops
from tutor.sim.memory import (
    Shape,
    activations,
    nf4_bits_per_param,
    nf4_bytes,
    optimizer_bytes_per_param,
    parameter_memory,
    trl_tile_bytes,
)

GiB = 2**30


# --- Parameters -------------------------------------------------------------------------------

def test_nf4_double_quantisation_costs_0_127_bit_per_weight() -> None:
    # 4 bits + an fp8 absmax per 64 weights (0.125) + an fp32 constant per 256 absmaxes (32/16384).
    assert nf4_bits_per_param() == 4 + 8 / 64 + 32 / 16384
    assert round(nf4_bits_per_param() - 4, 3) == 0.127  # the QLoRA paper's figure (§3)
    assert nf4_bits_per_param(double_quant=False) == 4.5  # an fp32 absmax per 64 weights: 0.5 bit


def test_nf4_bytes_by_hand() -> None:
    n = 64 * 256 * 10  # 163,840 weights: 2,560 blocks, 10 second-level blocks
    assert nf4_bytes(n) == n // 2 + 2_560 * 1 + 10 * 4 == 84_520
    assert nf4_bytes(1) == 1 + 1 + 4  # a partial block still stores its constants


@pytest.mark.parametrize(("precision", "optimizer", "per_param"), [
    ("bf16", "adamw", 12),  # fp32 master (4) + m and v in fp32 (8)
    ("fp32", "adamw", 8),  # m and v only: the weights are the master copy
    ("bf16", "adamw-8bit", 6),  # fp32 master (4) + m and v at 1 B each (2)
    ("fp16", "paged-adamw-8bit", 6),  # paging moves states to the CPU under pressure: same bytes on the GPU
    ("fp32", "adamw-8bit", 2),
])
def test_optimizer_bytes_per_trained_parameter(precision: str, optimizer: str, per_param: int) -> None:
    assert optimizer_bytes_per_param(precision, optimizer) == per_param
    _, _, states = parameter_memory(1000, 0, precision, optimizer)
    assert states == 1000 * per_param


def test_eight_bit_adamw_costs_10_bytes_per_trained_parameter() -> None:
    assert sum(parameter_memory(1000, 0, "bf16", "adamw-8bit")) == 1000 * (2 + 2 + 6)
    plain = estimate(FineTuneConfig(gpu="a100-40gb"))
    eight = estimate(FineTuneConfig(gpu="a100-40gb", optimizer="adamw-8bit"))
    paged = estimate(FineTuneConfig(gpu="a100-40gb", optimizer="paged-adamw-8bit"))
    n = plain.trainable_params
    assert (plain.memory.optimizer, eight.memory.optimizer, paged.memory.optimizer) == (12 * n, 6 * n, 6 * n)


# Llama-3.1-8B: 32 layers, h 4096, 32 heads, 8 key/value heads of 128, FFN 14336, vocab 128,256.
LLAMA8_QUANTISED = 32 * (4096 * 4096 + 2 * 4096 * 1024 + 4096 * 4096 + 3 * 4096 * 14336)  # q, k, v, o, gate/up/down
LLAMA8_TOTAL = 8_030_261_248
LLAMA8_LORA16 = 32 * 16 * ((4096 + 4096) + 2 * (4096 + 1024) + (4096 + 4096) + 2 * (4096 + 14336) + (14336 + 4096))


def qlora_t4(**changes: object) -> FineTuneConfig:
    base = FineTuneConfig(model="Llama-3.1-8B-Instruct", strategy="qlora", optimizer="paged-adamw-8bit", task="sft",
                          gpu="t4", batch_size=1, seq_len=1024, checkpointing=True)
    return dataclasses.replace(base, **{**LORA_2026, **changes})  # type: ignore[arg-type]


def test_qlora_llama_3_1_8b_weights_by_hand() -> None:
    assert LLAMA8_QUANTISED == 6_979_321_856 and LLAMA8_LORA16 == 41_943_040
    est = estimate(qlora_t4())
    assert est.quantised and est.total_params == LLAMA8_TOTAL + LLAMA8_LORA16
    assert est.trainable_params == LLAMA8_LORA16
    # NF4: 4 bits per weight, 1 B per 64 weights, 4 B per 64·256 weights (all block counts are exact here).
    nf4 = LLAMA8_QUANTISED // 2 + LLAMA8_QUANTISED // 64 + 4 * LLAMA8_QUANTISED // (64 * 256)
    assert nf4 == 3_600_416_768
    sixteen_bit = (LLAMA8_TOTAL - LLAMA8_QUANTISED + LLAMA8_LORA16) * 2  # embeddings, LM head, norms, LoRA
    mem = est.memory
    assert mem.weights == nf4 + sixteen_bit == 5_786_181_632
    assert (mem.gradients, mem.optimizer, mem.reference) == (2 * LLAMA8_LORA16, 6 * LLAMA8_LORA16, 0)


def test_qlora_llama_3_1_8b_fits_a_t4() -> None:
    """Batch 1 × 1,024 tokens with checkpointing: 7.2 GiB of 16 (the report quotes it)."""
    est = estimate(qlora_t4())
    assert est.config.precision == "fp16"  # a T4 has no bf16
    assert [p.key for p in est.problems] == ["qlora_fp16"]
    assert est.fits and round(est.memory.total / GiB, 1) == 7.2
    assert not estimate(qlora_t4(batch_size=16, seq_len=128, checkpointing=False)).fits  # 18.1 GiB


def test_mistral_7b_full_fine_tuning_does_not_fit_an_a100_80gb() -> None:
    est = estimate(FineTuneConfig(model="Mistral-7B-v0.1", gpu="a100-80gb", batch_size=1, seq_len=128))
    assert est.config.precision == "bf16"
    assert 16 * est.trainable_params > 80 * GiB  # 7.24e9 × 16 B = 108 GiB before any activation
    assert not est.fits


# --- DPO --------------------------------------------------------------------------------------

def dpo(strategy: str, **changes: object) -> FineTuneConfig:
    return FineTuneConfig(model="SmolLM2-135M", task="dpo", strategy=strategy, gpu="a100-40gb", batch_size=4,
                          seq_len=256, **changes)  # type: ignore[arg-type]


def test_full_dpo_keeps_a_16_bit_reference_copy() -> None:
    est = estimate(dpo("full"))
    assert est.memory.reference == 2 * est.total_params  # bf16 on an A100
    assert estimate(dpo("full", precision="fp32")).memory.reference == 4 * est.total_params
    assert est.memory.total == sum(v for k, v in est.memory.as_dict().items() if k != "total")


@pytest.mark.parametrize("strategy", ["lora", "qlora"])
def test_peft_dpo_reference_is_the_base_without_adapters(strategy: str) -> None:
    assert estimate(dpo(strategy)).memory.reference == 0


def test_dpo_batches_hold_chosen_and_rejected_sequences() -> None:
    """Policy activations for 2·b sequences; the reference forward adds its working set or the TRL
    tile, whichever is larger (the tile is freed before the reference pass starts)."""
    spec = MODELS["SmolLM2-135M"]
    shape = Shape(256, 4)
    pairs = activations(spec, shape, "bf16", "full", "dpo").total
    sft = activations(spec, Shape(256, 8), "bf16", "full", "sft").total  # 2·4 sequences, same rules
    tile = trl_tile_bytes(256 * 8, spec.vocab, 2)
    one_layer = activations(spec, Shape(256, 8), "bf16", "full", "causal-lm").per_layer
    assert pairs == sft - tile + max(tile, one_layer)
    assert "2b" in activations(spec, shape, "bf16", "full", "dpo").formula


def test_dpo_flops_count_pairs_and_the_reference_forward() -> None:
    assert train_flops(100, 10, 1.0, "lora", "dpo") == 2 * (4 * 100 + 2 * 10) + 4 * 100
    est = estimate(dpo("lora"))
    assert est.train_flops == ((2 * (4 * est.total_params + 2 * est.trainable_params) + 4 * est.total_params)
                               * est.tokens)


# --- Activations ------------------------------------------------------------------------------

def test_llama_style_layer_by_hand() -> None:
    """SmolLM2-135M (30 layers, h 576, 9 heads, 3 key/value heads of 64, FFN 1536, vocab 49,152),
    full fine-tuning in bf16 with SDPA, s 128, b 4 (s·b = 512)."""
    h, a, k, d, i, v = 576, 9, 3, 64, 1536, 49_152
    norms = 2 * (4 * h + 4 + 2 * h)  # fp32 input, 4 B per token, normalised tensor (weights train)
    linear_inputs = 2 * h + 2 * h  # q/k/v input, gate/up input (o's input is SDPA's output)
    sdpa = 2 * a * d + 2 * a * d + 2 * 2 * k * d + 4 * a  # q, output, k and v, fp32 log-sum-exp
    swiglu = 3 * 2 * i + 2 * i  # gate, SiLU, up; down's input
    per_layer = 512 * (norms + linear_inputs + sdpa + swiglu)
    assert per_layer == 512 * (16 * h + 8 * i + 4 * a + 4 * a * d + 4 * k * d + 8) == 12_605_440
    outside = 512 * ((4 * h + 4 + 2 * h) + 2 * h + 6 * v)  # final norm, LM head input, logits (2 + 4 B)
    result = activations(MODELS["SmolLM2-135M"], Shape(128, 4), "bf16", "full", "causal-lm")
    assert (result.per_layer, result.total) == (per_layer, 30 * per_layer + outside) == (12_605_440, 531_519_488)


def test_bart_layers_by_hand() -> None:
    """bart-base (6 + 6 layers, h 768, 12 heads of 64, FFN 3072, vocab 50,265), bf16, s 128, b 8."""
    h, a, ad, i, v, sb = 768, 12, 768, 3072, 50_265, 1024
    attention = 2 * h + 8 * ad + 4 * a + h  # q/k/v input, q k v and output, log-sum-exp, dropout mask
    layer_norm = 2 * h + 8
    ffn = 2 * h + 2 * i + 2 * i + h  # fc1 input, GELU input, fc2 input, dropout mask
    encoder = attention + layer_norm + ffn + layer_norm
    decoder = encoder + attention + layer_norm  # + cross-attention (its k and v read the encoder output)
    outside = 2 * h + 2 * h + 4 * v + 2 * layer_norm + 2 * h  # encoder output, LM head input, logits, embeddings
    result = activations(MODELS["bart-base"], Shape(128, 8), "bf16", "full", "seq2seq")
    assert result.total == sb * (6 * encoder + 6 * decoder + outside)


def test_frozen_linear_layers_keep_no_input() -> None:
    """BERT-base with LoRA on query and value: the attention output, FFN input and FFN hidden state
    (2 + 2 + 8 of Korthikanti's 34) are not kept; each LoRA A keeps r values per token."""
    spec = MODELS["bert-base-uncased"]
    result = activations(spec, Shape(128, 32, 8), "fp16", "lora", default_targets=("query", "value"))
    sb = 128 * 32
    assert result.per_layer == sb * (22 * 768 + 5 * 12 * 128)
    assert result.total == 12 * result.per_layer + 12 * 2 * sb * 8 * 2
    every = activations(spec, Shape(128, 32, 8), "fp16", "lora", targets=("all-linear",))
    assert every.per_layer == sb * (34 * 768 + 5 * 12 * 128)


def test_rms_norm_keeps_its_normalised_tensor_only_when_it_trains() -> None:
    spec = MODELS["SmolLM2-135M"]
    full = activations(spec, Shape(128, 4), "bf16", "full").per_layer
    lora = activations(spec, Shape(128, 4), "bf16", "lora", targets=("all-linear",)).per_layer
    assert full - lora == 512 * 2 * (2 * 576)  # two norms × the normalised tensor (w = 2)


def test_trl_fused_head_holds_no_logits() -> None:
    spec = MODELS["Llama-3.2-1B"]
    causal = activations(spec, Shape(512, 2), "bf16", "full", "causal-lm").total
    sft = activations(spec, Shape(512, 2), "bf16", "full", "sft").total
    logits = 1024 * 128_256 * 6
    head = 1024 * 2048 * 2 + 1024 * 8 + min(1024, 4096) * min(128_256, 32_768) * 2  # input copy, 2 fp32, tile
    assert causal - sft == logits + 1024 * 2048 * 2 - head


def test_checkpointing_keeps_layer_inputs_plus_one_layer() -> None:
    spec = MODELS["Qwen2.5-0.5B"]
    plain = activations(spec, Shape(256, 2), "bf16", "full")
    ckpt = activations(spec, Shape(256, 2), "bf16", "full", checkpointing=True)
    assert plain.total - ckpt.total == (24 - 1) * plain.per_layer - 24 * 512 * 896 * 2


def test_encoder_decoder_full_and_lora() -> None:
    for name in ("t5-small", "flan-t5-base", "bart-base", "barthez", "opus-mt-en-fr"):
        full = estimate(FineTuneConfig(model=name, gpu="a100-40gb"))
        lora = estimate(FineTuneConfig(model=name, gpu="a100-40gb", strategy="lora"))
        assert full.task == "seq2seq" and 0 < lora.memory.activations < full.memory.activations
        assert full.activation_formula.startswith("L·s·b·(") and "Ld·s·b·(" in full.activation_formula


def evaluate(formula: str, values: dict[str, int]) -> int:
    """The formula as plain text, evaluated: symbols only, · for ×, ² for a square."""
    expression = formula.replace("2b", "(2*b)").replace("·", "*").replace("²", "**2").replace("−", "-")
    assert re.fullmatch(r"[\w*+\-() ,]+", expression), expression
    return int(eval(expression, {"__builtins__": {}, "min": min, "max": max}, values))


@pytest.mark.parametrize("changes", [
    {},
    {"strategy": "lora"},
    {"precision": "fp32", "strategy": "freeze"},
    {"checkpointing": True},
    {"model": "gpt2", "strategy": "bitfit"},
    {"model": "Llama-3.2-1B", "strategy": "lora", "lora_targets": ("all-linear",), "lora_dropout": 0.05},
    {"model": "Qwen2.5-0.5B", "task": "sft", "strategy": "qlora"},
    {"model": "SmolLM2-135M", "task": "dpo", "checkpointing": True},
    {"model": "t5-small", "strategy": "adapters"},
    {"model": "flan-t5-base", "precision": "fp32"},
    {"model": "barthez", "strategy": "lora", "checkpointing": True},
    {"model": "ModernBERT-base"},
])
def test_the_stated_formula_gives_the_activations(changes: dict[str, object]) -> None:
    est = estimate(dataclasses.replace(FineTuneConfig(gpu="a100-40gb"), **changes))  # type: ignore[arg-type]
    spec = MODELS[est.config.model]
    values = {"L": spec.layers, "Ld": spec.decoder_layers, "s": est.config.seq_len, "b": est.config.batch_size,
              "h": spec.hidden, "a": spec.heads, "k": spec.key_value_heads, "d": spec.attention_head_dim,
              "I": spec.ffn, "V": spec.vocab, "r": est.config.lora_r, "m": est.config.adapter_size}
    assert not any(ch.isalpha() and ch not in "LdsbhakIVrmminax" for ch in est.activation_formula)
    assert evaluate(est.activation_formula, values) == est.memory.activations


def test_default_configuration_is_unchanged() -> None:
    """bert-base-uncased, full, T4 → fp16: the figures `tutor estimate` printed before issue 14."""
    est = estimate(FineTuneConfig())
    assert est.config.precision == "fp16" and est.activation_formula == "L·s·b·(34·h + 5·a·s)"
    assert est.memory.as_dict() == {
        "weights": 218_967_556, "gradients": 218_967_556, "optimizer": 1_313_805_336,
        "activations": 830_472_192, "overhead": 2**30, "reference": 0, "total": 3_655_954_464,
    }
    assert est.time_seconds == pytest.approx(97.01947096615385)


def test_the_formula_is_built_once_per_model_strategy_and_task() -> None:
    # The formula text cost most of an estimate: it is cached on everything but the sizes (s, b, r, m).
    from tutor.sim.memory import _formula

    spec = MODELS["Llama-3.2-1B"]
    _formula.cache_clear()
    first = activations(spec, Shape(512, 2, 16), "bf16", "lora", "sft", targets=("all-linear",), lora_dropout=0.05)
    other = activations(spec, Shape(1024, 8, 32), "bf16", "lora", "sft", targets=["all-linear"], lora_dropout=0.1)
    info = _formula.cache_info()
    assert (info.misses, info.hits) == (1, 1) and first.formula == other.formula
    assert other.total > first.total  # the values still follow the sizes
    # The cached result is the uncached one, value and text, and the sizes do not leak between calls.
    for shape in (Shape(512, 2, 16), Shape(1024, 8, 32)):
        _formula.cache_clear()
        fresh = activations(spec, shape, "bf16", "lora", "sft", targets=("all-linear",), lora_dropout=0.05)
        again = activations(spec, shape, "bf16", "lora", "sft", targets=("all-linear",), lora_dropout=0.05)
        assert fresh == again and _formula.cache_info().hits == 1
    # What changes the formula changes the key: checkpointing, the task, the width.
    base = activations(spec, Shape(512, 2), "bf16", "full", "causal-lm")
    assert activations(spec, Shape(512, 2), "bf16", "full", "causal-lm", checkpointing=True).formula != base.formula
    assert activations(spec, Shape(512, 2), "bf16", "full", "dpo").formula != base.formula
    assert activations(spec, Shape(512, 2), "fp32", "full", "causal-lm").formula != base.formula
