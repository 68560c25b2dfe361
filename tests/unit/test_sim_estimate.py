"""Memory, FLOPs and time estimates against docs/REFERENCE.md section 2."""

from __future__ import annotations

import dataclasses

import pytest

from tutor.sim.catalogue import GPUS, MODELS, fixed_params
from tutor.sim.config import FineTuneConfig
from tutor.sim.estimate import (
    OVERHEAD_BYTES,
    activation_bytes_per_layer,
    activation_memory,
    estimate,
    parameter_memory,
    train_flops,
    training_time,
)

BERT_BASE = 109_482_240
MiB, GiB = 2**20, 2**30


def test_korthikanti_bert_base_reference_example() -> None:
    per_layer = activation_bytes_per_layer(128, 32, 768, 12)
    assert per_layer == 138_412_032
    assert round(12 * per_layer / GiB, 2) == 1.55
    assert activation_bytes_per_layer(128, 32, 768, 12, "fp32") == 2 * per_layer
    assert activation_bytes_per_layer(128, 32, 768, 12, "bf16") == per_layer


def test_estimate_activations_match_reference_for_bert_base() -> None:
    est = estimate(FineTuneConfig(seq_len=128, batch_size=32, precision="fp16"))
    assert est.activation_bytes_per_layer == 138_412_032
    assert est.memory.activations == 12 * 138_412_032


def test_accelerate_estimate_memory_bert_base_cased() -> None:
    n = 108_310_272
    weights32, _, _ = parameter_memory(0, n, "fp32")
    weights16, _, _ = parameter_memory(0, n, "fp16")
    # accelerate also counts two int64 buffers (position_ids, token_type_ids: 8 KiB), hence 413.18.
    assert abs(weights32 / MiB - 413.18) < 0.01
    assert round(weights16 / MiB, 2) == 206.59
    training = sum(parameter_memory(n, 0, "fp32"))
    assert training == 4 * weights32  # "training with Adam" = 4 x the fp32 load size
    assert round(training / GiB, 2) == 1.61


@pytest.mark.parametrize("precision", ["fp32", "fp16", "bf16"])
def test_sixteen_bytes_per_trained_parameter(precision: str) -> None:
    weights, gradients, optimizer = parameter_memory(1000, 0, precision)
    assert weights + gradients + optimizer == 16_000
    width = 4 if precision == "fp32" else 2
    assert (weights, gradients) == (1000 * width, 1000 * width)


def test_frozen_parameters_only_cost_their_weights() -> None:
    assert parameter_memory(0, 1000, "fp16") == (2000, 0, 0)
    assert parameter_memory(0, 1000, "fp32") == (4000, 0, 0)


def test_checkpointing_keeps_layer_inputs_plus_one_layer() -> None:
    spec = MODELS["bert-base-uncased"]
    per_layer = activation_bytes_per_layer(128, 32, 768, 12)
    assert activation_memory(spec, 128, 32, "fp16", "full", True) == 12 * 128 * 32 * 768 * 2 + per_layer
    assert activation_memory(spec, 128, 32, "fp32", "full", True) == 12 * 128 * 32 * 768 * 4 + 2 * per_layer


def test_feature_extraction_stores_no_encoder_activations() -> None:
    spec = MODELS["bert-base-uncased"]
    per_layer = activation_bytes_per_layer(128, 32, 768, 12)
    assert activation_memory(spec, 128, 32, "fp16", "freeze") == per_layer


def test_causal_lm_adds_logits() -> None:
    """GPT-2, s 256, b 4: Korthikanti + gelu_new's 24·s·b·h per layer, the final LayerNorm, the LM
    head's input, and the logits with their fp32 log-softmax (w + 4 B each)."""
    spec = MODELS["gpt2"]
    sb = 256 * 4
    per_layer = activation_bytes_per_layer(256, 4, 768, 12) + 24 * sb * 768
    assert per_layer == 61_341_696
    outside16 = (2 * sb * 768 + 8 * sb) + 2 * sb * 768 + sb * 50257 * 6
    assert activation_memory(spec, 256, 4, "fp16") == 12 * per_layer + outside16 == 1_048_033_280
    outside32 = (4 * sb * 768 + 8 * sb) + 4 * sb * 768 + sb * 50257 * 8
    assert activation_memory(spec, 256, 4, "fp32") == 12 * 2 * per_layer + outside32


def test_flops_and_time_reference_example() -> None:
    tokens = 10_000 * 128 * 3
    flops = train_flops(BERT_BASE, BERT_BASE, tokens)
    assert flops == 6 * BERT_BASE * tokens
    assert flops == pytest.approx(2.52e15, rel=1e-3)
    seconds = training_time(flops, GPUS["a100-40gb"], "fp16", 1, 0.4)
    assert seconds == pytest.approx(20.2, abs=0.1)
    assert training_time(flops, GPUS["a100-40gb"], "fp16", 2, 0.4) == pytest.approx(seconds / 2)


def test_estimate_reference_example_end_to_end() -> None:
    est = estimate(FineTuneConfig(examples=10_000, seq_len=128, epochs=3, gpu="a100-40gb", mfu=0.4))
    assert est.tokens == 3_840_000
    assert est.train_flops == pytest.approx(2.52e15, rel=1e-3)
    assert est.time_seconds == pytest.approx(20, abs=0.5)


def test_peft_and_freeze_flops() -> None:
    assert train_flops(100, 10, 1.0, "lora") == 4 * 100 + 2 * 10
    assert train_flops(100, 10, 1.0, "freeze") == 2 * 100 + 4 * 10
    assert train_flops(100, 100, 2.0, "full") == 6 * 100 * 2


def test_full_fine_tuning_breakdown() -> None:
    est = estimate(FineTuneConfig())
    n = BERT_BASE + 1_538
    assert (est.base_params, est.head_params, est.adapter_params) == (BERT_BASE, 1_538, 0)
    assert est.total_params == est.trainable_params == n
    mem = est.memory
    assert (mem.weights, mem.gradients, mem.optimizer, mem.overhead) == (2 * n, 2 * n, 12 * n, OVERHEAD_BYTES)
    assert mem.total == mem.weights + mem.gradients + mem.optimizer + mem.activations + mem.overhead
    assert est.fits and est.gpu_memory_bytes == 16 * GiB


@pytest.mark.parametrize(
    ("strategy", "adapter", "added"),
    [("lora", 294_912, 294_912), ("adapters", 2_379_264, 2_379_264), ("bitfit", 102_912, 0), ("freeze", 0, 0)],
)
def test_strategies_on_bert_base(strategy: str, adapter: int, added: int) -> None:
    est = estimate(FineTuneConfig(strategy=strategy))
    assert est.adapter_params == adapter
    assert est.total_params == BERT_BASE + 1_538 + added
    assert est.trainable_params == adapter + 1_538
    frozen = est.total_params - est.trainable_params
    assert est.memory.weights == 2 * (frozen + est.trainable_params)
    assert est.memory.optimizer == 12 * est.trainable_params


def test_camembert_classification_drops_pooler() -> None:
    est = estimate(FineTuneConfig(model="camembert-base"))
    assert est.base_params == 110_621_952
    assert est.dropped_params == 590_592
    assert est.head_params == 590_592 + 1_538
    assert est.total_params == 110_621_952 - 590_592 + 590_592 + 1_538


def test_gpt2_xl_full_fine_tuning_does_not_fit_a_t4() -> None:
    est = estimate(FineTuneConfig(model="gpt2-xl", gpu="t4"))
    assert est.task == "causal-lm" and est.head_params == 0
    assert not est.fits
    assert est.memory.weights + est.memory.gradients + est.memory.optimizer == 16 * 1_557_611_200


def test_checkpointing_adds_one_forward_to_time() -> None:
    plain = estimate(FineTuneConfig())
    ckpt = estimate(dataclasses.replace(FineTuneConfig(), checkpointing=True))
    assert ckpt.train_flops == plain.train_flops
    assert ckpt.recompute_flops == pytest.approx(2 * plain.total_params * plain.tokens)
    assert ckpt.time_seconds == pytest.approx(plain.time_seconds * 8 / 6)
    assert ckpt.memory.activations < plain.memory.activations


def test_invalid_fields_fall_back_to_defaults_and_are_reported() -> None:
    est = estimate(FineTuneConfig(model="bert-huge", batch_size=0, lr=-1.0, gpu="tpu"))
    assert {p.field for p in est.problems} >= {"model", "batch_size", "lr", "gpu"}
    assert est.config.model == "bert-base-uncased" and est.config.batch_size == 16 and est.config.gpu == "t4"
    assert est.base_params == BERT_BASE


def test_json_view_has_the_documented_keys() -> None:
    data = estimate(FineTuneConfig(strategy="lora")).as_dict()
    for key in ("base_params", "head_params", "adapter_params", "trainable_params", "steps_per_epoch",
                "total_steps", "warmup_steps", "memory_bytes", "train_flops", "time_seconds", "fits"):
        assert key in data
    memory = data["memory_bytes"]
    assert isinstance(memory, dict)
    assert set(memory) == {"weights", "gradients", "optimizer", "activations", "overhead", "reference", "total"}
    assert data["base_params"] == BERT_BASE and data["adapter_params"] == 294_912


@pytest.mark.parametrize(
    ("strategy", "total", "trainable", "recompute", "train"),
    [
        # LoRA r=8 on query,value: total = 109,482,240 + 1,538 head + 294,912 LoRA = 109,778,690,
        # trainable = 294,912 + 1,538 = 296,450. D = 10,000 × 128 × 3 = 3,840,000 tokens.
        # Recompute = one more forward through the WHOLE model: 2 · 109,778,690 · 3.84e6.
        ("lora", 109_778_690, 296_450, 843_100_339_200_000, 1_688_477_414_400_000),
        # Houlsby m=64: total = 109,482,240 + 1,538 + 2,379,264 = 111,863,042; trainable 2,380,802.
        ("adapters", 111_863_042, 2_380_802, 859_108_162_560_000, 1_736_500_884_480_000),
        # BitFit adds nothing: total = 109,483,778; trainable = 102,912 biases + 1,538 head.
        ("bitfit", 109_483_778, 104_450, 840_835_415_040_000, 1_682_473_006_080_000),
    ],
)
def test_checkpointing_recomputes_the_whole_forward_with_peft(
    strategy: str, total: int, trainable: int, recompute: int, train: int
) -> None:
    """The recomputed forward runs through every parameter, frozen or not: 2·N_total·D, not 2·N_trainable·D."""
    est = estimate(FineTuneConfig(strategy=strategy, checkpointing=True))
    assert (est.total_params, est.trainable_params, est.tokens) == (total, trainable, 3_840_000)
    assert est.recompute_flops == recompute == 2 * total * 3_840_000
    assert est.train_flops == train == (4 * total + 2 * trainable) * 3_840_000
    # T4 fp16: 65 TFLOPS at 40 % MFU. LoRA: (1.6884774144e15 + 8.431003392e14) / 2.6e13 ≈ 97.37 s.
    assert est.time_seconds == pytest.approx((train + recompute) / (65e12 * 0.4), rel=1e-12)
    plain = estimate(FineTuneConfig(strategy=strategy))
    assert plain.recompute_flops == 0.0 and plain.train_flops == est.train_flops


def test_lora_checkpointing_time_by_hand() -> None:
    est = estimate(FineTuneConfig(strategy="lora", checkpointing=True))
    assert round(est.time_seconds, 2) == 97.37


def test_feature_extraction_recomputes_nothing() -> None:
    """No backward pass through the frozen encoder: checkpointing has nothing to recompute."""
    est = estimate(FineTuneConfig(strategy="freeze", checkpointing=True))
    assert est.recompute_flops == 0.0
    assert est.time_seconds == estimate(FineTuneConfig(strategy="freeze")).time_seconds


# --- Found by mutation testing (docs/testing.md) -------------------------------------------

def test_fp32_feature_extraction_on_an_a100_by_hand() -> None:
    """freeze, fp32, A100 40 GB, warmup 7 steps; every number from docs/REFERENCE.md section 2.

    total = 109,482,240 + 1,538 = 109,483,778, trainable = the head's 1,538.
    """
    est = estimate(FineTuneConfig(strategy="freeze", precision="fp32", warmup_steps=7, gpu="a100"))
    assert (est.total_params, est.trainable_params) == (109_483_778, 1_538)
    mem = est.memory
    assert (mem.weights, mem.gradients, mem.optimizer) == (4 * 109_483_778, 4 * 1_538, 8 * 1_538)
    # fp32 doubles Korthikanti's 16-bit bytes: 2·(34·128·16·768 + 5·12·128²·16) = 138,412,032.
    assert est.activation_bytes_per_layer == 138_412_032
    assert mem.activations == 138_412_032  # forward only: one layer's working set
    assert est.train_flops == (2 * 109_483_778 + 4 * 1_538) * 3_840_000 == 840_859_038_720_000
    assert est.peak_flops == 19.5e12  # A100 fp32
    assert est.time_seconds == pytest.approx(840_859_038_720_000 / (19.5e12 * 0.4))
    assert est.gpu_label == "NVIDIA A100 40 GB" and est.gpu_memory_bytes == 40 * GiB
    assert (est.warmup_steps, est.total_steps) == (7, 1_875)


@pytest.mark.parametrize(("task", "head", "adapter"), [
    # LoRA r=8 on every "dense" of BERT-base: per layer 8·(768+768) + 8·(768+3072) + 8·(3072+768)
    # = 73,728, × 12 = 884,736; sequence classification keeps the pooler's dense: + 8·1,536.
    ("seq-cls", 768 * 5 + 5, 884_736 + 12_288),
    ("qa", 768 * 2 + 2, 884_736),  # a QA head has 2 outputs whatever num_labels says
    ("token-cls", 768 * 5 + 5, 884_736),
])
def test_the_task_decides_the_head_and_the_pooler(task: str, head: int, adapter: int) -> None:
    est = estimate(FineTuneConfig(strategy="lora", lora_targets=("dense",), task=task, num_labels=5))
    assert (est.task, est.head_params, est.adapter_params) == (task, head, adapter)


def test_training_time_edge_cases() -> None:
    t4 = GPUS["t4"] if "t4" in GPUS else next(g for g in GPUS.values() if "T4" in g.label)
    assert training_time(65e12 * 0.4, t4, "fp16", 1, 0.4) == pytest.approx(1.0)
    assert training_time(8.1e12 * 0.4, t4, "fp32", 1, 0.4) == pytest.approx(1.0)
    assert training_time(1.0, t4, "fp16", 1, 0.0) == float("inf")


def test_freeze_flops_scale_with_tokens() -> None:
    assert train_flops(100, 10, 3.0, "freeze") == (2 * 100 + 4 * 10) * 3.0
    assert train_flops(100, 10, 3.0) == 6 * 100 * 3.0 - 2 * 90 * 3.0  # default strategy: full formula


def test_estimate_json_keys() -> None:
    data = estimate(FineTuneConfig(model="bert-huge")).as_dict()
    assert set(data) == {
        "model", "task", "strategy", "precision", "optimizer", "gpu", "gpu_label", "quantised",
        "activation_formula", "base_params", "dropped_params",
        "head_params", "adapter_params", "added_params", "total_params", "trainable_params",
        "trainable_fraction", "memory_bytes", "activation_bytes_per_layer", "gpu_memory_bytes", "fits",
        "steps_per_epoch", "total_steps", "warmup_steps", "tokens", "train_flops", "recompute_flops",
        "peak_flops", "mfu", "time_seconds", "problems",
    }
    assert (data["model"], data["task"], data["strategy"], data["precision"], data["gpu"]) == \
        ("bert-base-uncased", "seq-cls", "full", "fp16", "t4")
    problem = data["problems"][0]
    assert set(problem) == {"field", "key", "severity", "fr", "en"} and problem["field"] == "model"


def test_marian_full_fine_tuning_leaves_the_sinusoidal_tables_frozen() -> None:
    # opus-mt's position tables are nn.Parameters with requires_grad false (tests/hf checks the count).
    est = estimate(FineTuneConfig(model="opus-mt-en-fr"))
    fixed = fixed_params(MODELS["opus-mt-en-fr"])
    assert fixed == 2 * 512 * 512
    assert est.trainable_params == est.total_params - fixed
    assert est.memory.gradients == est.trainable_params * 2  # fp16 on a T4: no gradient for the tables
    assert estimate(FineTuneConfig(model="bart-base")).trainable_params == estimate(
        FineTuneConfig(model="bart-base")).total_params
