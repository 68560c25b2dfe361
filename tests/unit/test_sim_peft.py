"""LoRA, Houlsby adapters and BitFit against docs/REFERENCE.md section 3."""

from __future__ import annotations

import pytest

from tutor.sim.catalogue import MODELS, base_params
from tutor.sim.peft import (
    LORA_DEFAULT_ALPHA,
    LORA_DEFAULT_DROPOUT,
    LORA_DEFAULT_R,
    default_lora_targets,
    houlsby_adapter_params,
    houlsby_params,
    lora_matrix_params,
    lora_params,
    lora_scaling,
    lora_targets_for,
)


def test_peft_defaults() -> None:
    assert (LORA_DEFAULT_R, LORA_DEFAULT_ALPHA, LORA_DEFAULT_DROPOUT) == (8, 8, 0.0)
    assert default_lora_targets(MODELS["bert-base-uncased"]) == ("query", "value")
    assert default_lora_targets(MODELS["roberta-base"]) == ("query", "value")
    assert default_lora_targets(MODELS["gpt2"]) == ("c_attn",)
    assert default_lora_targets(MODELS["codegen-350M-multi"]) == ("qkv_proj",)
    assert default_lora_targets(MODELS["distilbert-base-uncased"]) == ("q_lin", "v_lin")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bert-base-uncased", 294_912),
        ("gpt2", 294_912),
        ("bert-large-uncased", 786_432),
        ("gpt2-medium", 786_432),
        ("distilbert-base-uncased", 147_456),
        ("opt-125m", 294_912),
    ],
)
def test_lora_r8_default_targets(name: str, expected: int) -> None:
    assert lora_params(MODELS[name], 8) == expected


def test_gpt2_c_attn_is_768_to_2304() -> None:
    assert lora_targets_for(MODELS["gpt2"])[0] == "c_attn"
    assert lora_matrix_params(8, [(768, 2304)]) * 12 == 294_912


def test_opt_125m_total_with_lora_matches_peft_test() -> None:
    spec = MODELS["opt-125m"]
    assert base_params(spec) + lora_params(spec, 8) == 125_534_208


def test_t5_base_q_v() -> None:
    # t5-base: 12 encoder layers (self-attention q, v) and 12 decoder layers (self and cross q, v),
    # every projection 768 -> 768.
    shapes = [(768, 768)] * (12 * 2 + 12 * 4)
    assert lora_matrix_params(8, shapes) == 884_736


def test_lora_other_targets_and_unknown_names() -> None:
    bert = MODELS["bert-base-uncased"]
    assert lora_params(bert, 8, ("query", "key", "value")) == 12 * 3 * 8 * 1536
    assert lora_params(bert, 8, ("query", "value", "query")) == 294_912  # duplicates count once
    assert lora_params(bert, 8, ("nope",)) == 0
    assert lora_params(bert, 16) == 2 * 294_912
    # `dense` matches the three dense projections of each layer, and the pooler when it is kept.
    per_layer = 8 * (1536 + (768 + 3072) + (3072 + 768))
    assert lora_params(bert, 8, ("dense",), "token-cls") == 12 * per_layer
    assert lora_params(bert, 8, ("dense",), "seq-cls") == 12 * per_layer + 8 * 1536


def test_lora_scaling() -> None:
    assert lora_scaling(8, 8) == 1.0 and lora_scaling(16, 32) == 2.0 and lora_scaling(0, 8) == 0.0


def test_houlsby_adapters_bert_base() -> None:
    assert houlsby_adapter_params(768, 64) == 99_136
    assert houlsby_params(MODELS["bert-base-uncased"], 64) == 2_379_264
