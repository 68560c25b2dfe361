"""LoRA, IA3, Houlsby adapters and BitFit against docs/REFERENCE.md section 3.

The all-linear values below were read from `get_peft_model(...)` (peft 0.21.2);
tests/hf/test_peft_counts.py checks every catalogue model against peft itself.
"""

from __future__ import annotations

import pytest

from tutor.sim.catalogue import MODELS, base_params
from tutor.sim.peft import (
    ALL_LINEAR,
    LORA_DEFAULT_ALPHA,
    LORA_DEFAULT_DROPOUT,
    LORA_DEFAULT_R,
    default_lora_targets,
    houlsby_adapter_params,
    houlsby_params,
    ia3_params,
    lora_matrix_params,
    lora_modules_to_save,
    lora_params,
    lora_scaling,
    lora_targets_for,
    peft_has_default_targets,
    peft_lora_arguments,
)


def test_peft_defaults() -> None:
    assert (LORA_DEFAULT_R, LORA_DEFAULT_ALPHA, LORA_DEFAULT_DROPOUT) == (8, 8, 0.0)
    assert default_lora_targets(MODELS["bert-base-uncased"]) == ("query", "value")
    assert default_lora_targets(MODELS["roberta-base"]) == ("query", "value")
    assert default_lora_targets(MODELS["gpt2"]) == ("c_attn",)
    assert default_lora_targets(MODELS["codegen-350M-multi"]) == ("qkv_proj",)
    assert default_lora_targets(MODELS["distilbert-base-uncased"]) == ("q_lin", "v_lin")
    assert default_lora_targets(MODELS["Llama-3.1-8B-Instruct"]) == ("q_proj", "v_proj")
    assert default_lora_targets(MODELS["Qwen2.5-0.5B"]) == ("q_proj", "v_proj")
    assert default_lora_targets(MODELS["flan-t5-base"]) == ("q", "v")
    assert default_lora_targets(MODELS["deberta-v3-base"]) == ("query_proj", "value_proj")
    assert default_lora_targets(MODELS["xlm-roberta-base"]) == ("query", "value")


def test_models_peft_has_no_default_for_get_an_explicit_one() -> None:
    # PEFT raises "Please specify `target_modules`" for these model types: the export names them.
    expected = {
        "camembert-base": ("query", "value"), "distilbert-base-uncased": ("q_lin", "v_lin"),
        "ModernBERT-base": ("Wqkv",), "barthez": ("q_proj", "v_proj"), "opus-mt-en-fr": ("q_proj", "v_proj"),
    }
    for name, targets in expected.items():
        assert not peft_has_default_targets(MODELS[name]) and default_lora_targets(MODELS[name]) == targets
    assert peft_has_default_targets(MODELS["roberta-base"]) and peft_has_default_targets(MODELS["bart-base"])
    for spec in MODELS.values():  # every default names modules the model has
        assert set(default_lora_targets(spec)) <= set(lora_targets_for(spec))


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


@pytest.mark.parametrize(
    ("name", "task", "expected"),
    [  # r = 8, target_modules="all-linear": trainable count of get_peft_model less the head
        ("bert-base-uncased", "seq-cls", 1_339_392),  # with the pooler BertForSequenceClassification keeps
        ("bert-base-uncased", "token-cls", 1_327_104),
        ("roberta-base", "seq-cls", 1_327_104),
        ("ModernBERT-base", "seq-cls", 1_689_600),
        ("gpt2", "causal-lm", 1_179_648),
        ("SmolLM2-135M", "sft", 2_442_240),
        ("Qwen2.5-0.5B", "causal-lm", 4_399_104),
        ("Llama-3.1-8B-Instruct", "dpo", 20_971_520),
        ("Mistral-7B-v0.1", "causal-lm", 20_971_520),
        ("t5-small", "seq2seq", 1_081_344),
        ("flan-t5-base", "seq2seq", 3_391_488),
        ("bart-base", "seq2seq", 1_622_016),
        ("opus-mt-en-fr", "seq2seq", 1_081_344),
    ],
)
def test_lora_all_linear_matches_peft(name: str, task: str, expected: int) -> None:
    assert lora_params(MODELS[name], 8, (ALL_LINEAR,), task) == expected
    assert lora_params(MODELS[name], 16, (ALL_LINEAR,), task) == 2 * expected


def test_all_linear_is_a_known_target_and_covers_every_name() -> None:
    for spec in MODELS.values():
        names = lora_targets_for(spec)
        assert names[-1] == ALL_LINEAR
        assert lora_params(spec, 8, (ALL_LINEAR,), "token-cls") == lora_params(spec, 8, names[:-1], "token-cls")


def test_lora_default_targets_of_gqa_decoders() -> None:
    # Llama-3.1-8B: q_proj 4096->4096 and v_proj 4096->1024 (8 KV heads of 128) in 32 layers.
    assert lora_params(MODELS["Llama-3.1-8B-Instruct"], 8) == 32 * 8 * ((4096 + 4096) + (4096 + 1024)) == 3_407_872
    # t5-small: q and v of the encoder's self-attention and of the decoder's self- and cross-attention.
    assert lora_params(MODELS["t5-small"], 8) == (6 + 2 * 6) * 2 * 8 * (512 + 512) == 294_912


def test_modules_to_save_and_peft_arguments() -> None:
    bert, deberta, modern = MODELS["bert-base-uncased"], MODELS["deberta-v3-base"], MODELS["ModernBERT-base"]
    assert lora_modules_to_save(bert, "seq-cls") == ("classifier",)
    assert lora_modules_to_save(bert, "qa") == ("qa_outputs",)
    assert lora_modules_to_save(deberta, "seq-cls") == ("pooler", "classifier")
    assert lora_modules_to_save(modern, "qa") == ("head", "classifier")
    assert lora_modules_to_save(MODELS["Qwen2.5-0.5B"], "sft") == ()
    assert lora_modules_to_save(MODELS["t5-small"], "seq2seq") == ()
    assert peft_lora_arguments(bert, "token-cls", (ALL_LINEAR,)) == {
        "target_modules": "all-linear", "exclude_modules": ["classifier"], "modules_to_save": ["classifier"],
    }
    assert peft_lora_arguments(bert, "seq-cls") == {"target_modules": ["query", "value"],
                                                    "modules_to_save": ["classifier"]}
    assert peft_lora_arguments(MODELS["gpt2"], "causal-lm", (ALL_LINEAR,)) == {"target_modules": "all-linear"}


def test_ia3_with_peft_defaults() -> None:
    # BERT: key and value (h each) and both `output.dense` (feed-forward for PEFT: d_in, h and I).
    assert ia3_params(MODELS["bert-base-uncased"]) == 12 * (768 + 768 + 768 + 3072) == 64_512
    # Llama-3.2-1B: k_proj and v_proj (512 each with 8 KV heads of 64), down_proj's input (8192).
    assert ia3_params(MODELS["Llama-3.2-1B"]) == 16 * (512 + 512 + 8192)
    assert ia3_params(MODELS["ModernBERT-base"]) is None and ia3_params(MODELS["codegen-350M-multi"]) is None


def test_lora_scaling() -> None:
    assert lora_scaling(8, 8) == 1.0 and lora_scaling(16, 32) == 2.0 and lora_scaling(0, 8) == 0.0


def test_houlsby_adapters_bert_base() -> None:
    assert houlsby_adapter_params(768, 64) == 99_136
    assert houlsby_params(MODELS["bert-base-uncased"], 64) == 2_379_264
    # Encoder-decoders: two adapters per layer in each stack.
    assert houlsby_params(MODELS["t5-small"], 64) == 2 * (6 + 6) * houlsby_adapter_params(512, 64)
