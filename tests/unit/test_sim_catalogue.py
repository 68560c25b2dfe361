"""Model catalogue: parameter counts from dimensions against docs/REFERENCE.md section 1, GPU table."""

from __future__ import annotations

import pytest

from tutor.sim.catalogue import (
    GPUS,
    MODELS,
    base_params,
    bias_params,
    dropped_params,
    get_gpu,
    get_model,
    head_params,
    pooler_params,
)

# docs/REFERENCE.md section 1, plus bert-base-cased (accelerate example, section 2) and opt-125m (PEFT test).
PUBLISHED = {
    "bert-base-uncased": 109_482_240,
    "bert-large-uncased": 335_141_888,
    "bert-base-multilingual-cased": 177_853_440,
    "distilbert-base-uncased": 66_362_880,
    "roberta-base": 124_645_632,
    "camembert-base": 110_621_952,
    "gpt2": 124_439_808,
    "gpt2-medium": 354_823_168,
    "gpt2-large": 774_030_080,
    "gpt2-xl": 1_557_611_200,
    "bert-base-cased": 108_310_272,
    "opt-125m": 125_239_296,
}

DIMENSIONS = {  # layers, hidden, heads, FFN, vocab, max positions, type vocab (REFERENCE table)
    "bert-base-uncased": (12, 768, 12, 3072, 30522, 512, 2),
    "bert-large-uncased": (24, 1024, 16, 4096, 30522, 512, 2),
    "bert-base-multilingual-cased": (12, 768, 12, 3072, 119547, 512, 2),
    "distilbert-base-uncased": (6, 768, 12, 3072, 30522, 512, 0),
    "roberta-base": (12, 768, 12, 3072, 50265, 514, 1),
    "camembert-base": (12, 768, 12, 3072, 32005, 514, 1),
    "gpt2": (12, 768, 12, 3072, 50257, 1024, 0),
    "gpt2-medium": (24, 1024, 16, 4096, 50257, 1024, 0),
    "gpt2-large": (36, 1280, 20, 5120, 50257, 1024, 0),
    "gpt2-xl": (48, 1600, 25, 6400, 50257, 1024, 0),
    "codegen-350M-multi": (20, 1024, 16, 4096, 51200, 2048, 0),
}


@pytest.mark.parametrize(("name", "expected"), sorted(PUBLISHED.items()))
def test_parameter_counts_match_published_values(name: str, expected: int) -> None:
    assert base_params(MODELS[name]) == expected


@pytest.mark.parametrize(("name", "dims"), sorted(DIMENSIONS.items()))
def test_dimensions_match_reference_table(name: str, dims: tuple[int, ...]) -> None:
    spec = MODELS[name]
    assert (spec.layers, spec.hidden, spec.heads, spec.ffn, spec.vocab, spec.max_positions, spec.type_vocab) == dims


def test_issue_models_are_all_in_the_catalogue() -> None:
    assert set(DIMENSIONS) <= set(MODELS)


def test_codegen_count_derived_from_hf_config() -> None:
    # n_layer 20, n_embd 1024, vocab 51200, n_inner None -> 4h; rotary (no position embeddings);
    # one LayerNorm per block; qkv/out without bias; fc_in/fc_out with bias; ln_f; lm_head with bias.
    h, v, layers, inner = 1024, 51200, 20, 4096
    per_layer = 2 * h + 3 * h * h + h * h + (h * inner + inner) + (inner * h + h)
    expected = v * h + layers * per_layer + 2 * h + (h * v + v)
    assert base_params(MODELS["codegen-350M-multi"]) == expected == 356_712_448
    assert abs(expected - 356.7e6) / 356.7e6 < 0.001


def test_gpt2_layer_formula_is_12h2_plus_13h() -> None:
    spec = MODELS["gpt2"]
    h = spec.hidden
    assert base_params(spec) == spec.vocab * h + spec.max_positions * h + spec.layers * (12 * h * h + 13 * h) + 2 * h


def test_classification_heads() -> None:
    bert, roberta, camembert = MODELS["bert-base-uncased"], MODELS["roberta-base"], MODELS["camembert-base"]
    assert head_params(bert, "seq-cls", 2) == 1_538
    assert head_params(roberta, "seq-cls", 2) == 768 * 768 + 768 + 1_538
    assert head_params(MODELS["distilbert-base-uncased"], "seq-cls", 2) == 768 * 768 + 768 + 1_538
    assert head_params(bert, "token-cls", 9) == 768 * 9 + 9
    assert head_params(bert, "qa", 2) == 768 * 2 + 2
    assert head_params(MODELS["gpt2"], "causal-lm", 2) == 0
    # RoBERTa/CamemBERT classification models drop the pooler; BERT keeps it for seq-cls only.
    assert dropped_params(camembert, "seq-cls") == pooler_params(camembert) == 590_592
    assert dropped_params(bert, "seq-cls") == 0
    assert dropped_params(bert, "token-cls") == 590_592
    assert dropped_params(MODELS["distilbert-base-uncased"], "seq-cls") == 0


def test_bitfit_bias_count_bert_base() -> None:
    spec = MODELS["bert-base-uncased"]
    assert bias_params(spec, "seq-cls") == 102_912
    assert round(100 * 102_912 / base_params(spec), 3) == 0.094


def test_gpu_table() -> None:
    expected = {  # memory GiB, 16-bit TFLOPS, fp32 TFLOPS (REFERENCE section 2)
        "t4": (16, 65, 8.1), "v100-16gb": (16, 125, 15.7), "v100-32gb": (32, 125, 15.7),
        "a100-40gb": (40, 312, 19.5), "a100-80gb": (80, 312, 19.5), "h100": (80, 989, 66.9),
        "rtx3090": (24, 71, 35.6), "rtx4090": (24, 165, 82.6),
    }
    assert set(GPUS) == set(expected)
    for name, (memory, half, single) in expected.items():
        gpu = GPUS[name]
        assert (gpu.memory_gib, gpu.peak_16bit_tflops, gpu.peak_fp32_tflops) == (memory, half, single)
        assert gpu.peak_flops("fp16") == gpu.peak_flops("bf16") == half * 1e12
        assert gpu.peak_flops("fp32") == single * 1e12
    assert not GPUS["t4"].bf16 and not GPUS["v100-32gb"].bf16 and GPUS["a100-40gb"].bf16


def test_lookups_are_forgiving_and_never_raise() -> None:
    assert get_model("BERT-BASE-UNCASED") is MODELS["bert-base-uncased"]
    assert get_model("Salesforce/codegen-350M-multi") is MODELS["codegen-350M-multi"]
    assert get_model("nope") is None and get_model(None) is None and get_model(3) is None
    assert get_gpu("A100") is GPUS["a100-40gb"] and get_gpu("RTX 4090") is GPUS["rtx4090"]
    assert get_gpu("v100") is GPUS["v100-32gb"] and get_gpu("tpu") is None and get_gpu([]) is None
