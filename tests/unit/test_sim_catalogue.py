"""Model catalogue: parameter counts from dimensions against published values, GPU table.

tests/hf/test_param_counts.py checks the same counts against transformers itself.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tutor.sim.catalogue import (
    GPUS,
    MODELS,
    base_params,
    bias_params,
    block_linears,
    dropped_params,
    fixed_params,
    get_gpu,
    get_model,
    head_params,
    hf_model_type,
    pooler_params,
    quantisable_params,
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

# Totals the publishers give (model cards, safetensors metadata): a cross-check of the formulas
# on the 2024 decoders (GQA, SwiGLU, RMSNorm, rotary, tied or untied heads) and on T5.
PUBLISHED_2024 = {
    "Llama-3.1-8B-Instruct": 8_030_261_248,  # untied head
    "Mistral-7B-v0.1": 7_241_732_096,  # untied head
    "Qwen2.5-0.5B": 494_032_768,  # tied head, q/k/v biases
    "SmolLM2-135M": 134_515_008,  # tied head, 3 KV heads of 9
    "t5-small": 60_506_624,  # relative-position tables, tied head
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


@pytest.mark.parametrize(("name", "expected"), sorted(PUBLISHED_2024.items()))
def test_parameter_counts_match_published_totals_of_recent_models(name: str, expected: int) -> None:
    assert base_params(MODELS[name]) == expected


def test_llama_8b_formula_written_out() -> None:
    # 32 layers, h 4096, 32 query heads and 8 KV heads of 128, SwiGLU 14336, RMSNorm, untied head.
    h, layers, vocab, ffn, kv = 4096, 32, 128256, 14336, 8 * 128
    per_layer = h * h + 2 * h * kv + h * h + 3 * h * ffn + 2 * h
    assert base_params(MODELS["Llama-3.1-8B-Instruct"]) == vocab * h + layers * per_layer + h + vocab * h


def test_an_untied_head_adds_a_second_vocabulary_matrix() -> None:
    # flan-t5-base and mt5-small publish an lm_head apart from the shared embeddings; t5-small does not.
    for name in ("flan-t5-base", "mt5-small", "Qwen2.5-7B-Instruct", "Mistral-7B-v0.1"):
        spec = MODELS[name]
        assert not spec.tied
        assert base_params(spec) - base_params(replace(spec, tied=True)) == spec.vocab * spec.hidden


def test_t5_counts_its_relative_position_tables() -> None:
    # Encoder and decoder each hold one table of 32 buckets x heads, in their first layer.
    spec = MODELS["t5-small"]
    h, inner, ffn, heads = 512, 512, 2048, 8
    encoder = 6 * (4 * h * inner + h + 2 * h * ffn + h) + 32 * heads + h
    decoder = 6 * (8 * h * inner + 2 * h + 2 * h * ffn + h) + 32 * heads + h
    assert base_params(spec) == spec.vocab * h + encoder + decoder


def test_marian_counts_its_sinusoidal_positions_as_num_parameters_does() -> None:
    spec = MODELS["opus-mt-en-fr"]
    h, i = spec.hidden, spec.ffn
    encoder_layer = 4 * (h * h + h) + 2 * h + (h * i + i) + (i * h + h) + 2 * h
    decoder_layer = encoder_layer + 4 * (h * h + h) + 2 * h
    positions = 2 * spec.max_positions * h  # fixed, but nn.Parameters
    assert base_params(spec) == spec.vocab * h + positions + 6 * encoder_layer + 6 * decoder_layer
    assert fixed_params(spec) == positions == 524_288 and fixed_params(MODELS["bart-base"]) == 0


def test_quantisable_params_are_the_block_linear_weights() -> None:
    bert = MODELS["bert-base-uncased"]
    assert quantisable_params(bert) == 12 * (4 * 768 * 768 + 2 * 768 * 3072)
    llama = MODELS["Llama-3.1-8B-Instruct"]
    assert quantisable_params(llama) == 32 * (2 * 4096 * 4096 + 2 * 4096 * 1024 + 3 * 4096 * 14336)
    for spec in MODELS.values():  # embeddings, norms, biases and the head stay out
        assert 0 < quantisable_params(spec) < base_params(spec)
        assert quantisable_params(spec) == sum(x.d_in * x.d_out * x.repeats for x in block_linears(spec))


def test_new_families_heads_and_biases() -> None:
    deberta, modern, llama, qwen = (MODELS[n] for n in ("deberta-v3-base", "ModernBERT-base", "Llama-3.2-1B",
                                                         "Qwen2.5-0.5B"))
    assert head_params(deberta, "seq-cls", 2) == 768 * 768 + 768 + 1_538  # ContextPooler + classifier
    assert head_params(deberta, "token-cls", 2) == 1_538
    assert head_params(modern, "qa", 7) == 768 * 768 + 768 + 768 * 2 + 2  # prediction head + 2 outputs
    assert head_params(modern, "token-cls", 9) == 768 * 768 + 768 + 768 * 9 + 9
    for task in ("causal-lm", "sft", "dpo"):
        assert head_params(llama, task, 2) == dropped_params(llama, task) == 0
    assert head_params(MODELS["t5-small"], "seq2seq", 2) == 0
    assert bias_params(llama, "causal-lm") == bias_params(modern, "seq-cls") == 0
    assert bias_params(MODELS["t5-small"], "seq2seq") == 0
    assert bias_params(qwen, "sft") == 24 * (896 + 2 * 128)  # q, k, v biases only
    assert hf_model_type(MODELS["camembert-base"]) == "camembert" and hf_model_type(MODELS["gpt2"]) == "gpt2"


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
    expected = {  # memory GiB, 16-bit TFLOPS, fp32 TFLOPS (REFERENCE section 2; data sheets in catalogue.py)
        "t4": (16, 65, 8.1), "v100-16gb": (16, 125, 15.7), "v100-32gb": (32, 125, 15.7),
        "a100-40gb": (40, 312, 19.5), "a100-80gb": (80, 312, 19.5), "h100": (80, 989, 66.9),
        "rtx3090": (24, 71, 35.6), "rtx4090": (24, 165, 82.6),
        "a10g": (24, 125, 31.2), "l4": (24, 121, 30.3), "l40s": (48, 362.05, 91.6), "h200": (141, 989, 66.9),
        "b200": (180, 2250, 75.0), "rtx5090": (32, 209.5, 104.8),
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
