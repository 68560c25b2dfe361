"""Memory, FLOPs and time estimates against REFERENCE.md section 2."""

from __future__ import annotations

import dataclasses

import pytest

from tutor.sim.catalogue import GPUS, MODELS
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
    spec = MODELS["gpt2"]
    per_layer = activation_bytes_per_layer(256, 4, 768, 12)
    assert activation_memory(spec, 256, 4, "fp16") == 12 * per_layer + 256 * 4 * 50257 * 6
    assert activation_memory(spec, 256, 4, "fp32") == 12 * 2 * per_layer + 256 * 4 * 50257 * 4


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
    assert set(memory) == {"weights", "gradients", "optimizer", "activations", "overhead", "total"}
    assert data["base_params"] == BERT_BASE and data["adapter_params"] == 294_912
