"""Trainer step counts and learning-rate schedules against docs/REFERENCE.md section 4."""

from __future__ import annotations

import math

import pytest

from tutor.sim.schedules import (
    BERT_PAPER_GRID,
    TRAINER_DEFAULTS,
    gradual_unfreezing,
    layerwise_lrs,
    lr_at,
    lr_curve,
    lr_lambda,
    training_steps,
)


@pytest.mark.parametrize(
    ("step", "expected"),
    [(0, 0.0), (1, 0.1), (5, 0.5), (10, 1.0), (11, 0.98889), (55, 0.5), (99, 0.01111), (100, 0.0)],
)
def test_linear_with_warmup_reference_values(step: int, expected: float) -> None:
    assert lr_lambda("linear", step, 100, 10) == pytest.approx(expected, abs=5e-6)


def test_linear_never_negative_and_warmup_zero() -> None:
    assert lr_lambda("linear", 150, 100, 10) == 0.0
    assert lr_lambda("linear", 0, 100, 0) == 1.0


def test_cosine_with_warmup() -> None:
    assert lr_lambda("cosine", 5, 100, 10) == pytest.approx(0.5)
    assert lr_lambda("cosine", 10, 100, 10) == pytest.approx(1.0)
    assert lr_lambda("cosine", 55, 100, 10) == pytest.approx(0.5)
    assert lr_lambda("cosine", 100, 100, 10) == pytest.approx(0.0, abs=1e-12)
    progress = (30 - 10) / 90
    assert lr_lambda("cosine", 30, 100, 10) == pytest.approx(0.5 * (1 + math.cos(math.pi * progress)))


def test_constant_schedules() -> None:
    assert lr_lambda("constant", 0, 100, 10) == 1.0  # get_constant_schedule ignores warmup
    assert lr_lambda("constant_with_warmup", 5, 100, 10) == 0.5
    assert lr_lambda("constant_with_warmup", 80, 100, 10) == 1.0


def test_lr_at_and_curve() -> None:
    assert lr_at("linear", 2e-5, 55, 100, 10) == pytest.approx(1e-5)
    curve = lr_curve("linear", 2e-5, 100, 10, points=20)
    steps = [s for s, _ in curve]
    assert steps[0] == 0 and steps[-1] == 100 and 10 in steps and steps == sorted(steps)
    assert max(lr for _, lr in curve) == pytest.approx(2e-5)
    assert lr_curve("cosine", 1e-4, 0, 0) == [(0, pytest.approx(1e-4))]


def test_trainer_step_counts_reference_example() -> None:
    counts = training_steps(10_000, 16, devices=2, grad_accum=2, epochs=3, warmup_ratio=0.1)
    assert (counts.steps_per_epoch, counts.total_steps, counts.warmup_steps) == (157, 471, 48)
    assert training_steps(10_000, 16, 2, 2, 3, warmup_ratio=0.1, warmup_steps=7).warmup_steps == 7


def test_step_counts_edge_cases() -> None:
    assert training_steps(1, 16).steps_per_epoch == 1
    assert training_steps(100, 10, epochs=1.5).total_steps == 15
    assert training_steps(1000, 10, warmup_ratio=0.07, epochs=1).warmup_steps == 8  # ceil(100 * 0.07) in floats


def test_trainer_defaults_and_bert_grid() -> None:
    assert TRAINER_DEFAULTS["learning_rate"] == 5e-5
    assert TRAINER_DEFAULTS["lr_scheduler_type"] == "linear"
    assert TRAINER_DEFAULTS["warmup_steps"] == 0 and TRAINER_DEFAULTS["warmup_ratio"] == 0.0
    assert TRAINER_DEFAULTS["weight_decay"] == 0.0
    assert (TRAINER_DEFAULTS["adam_beta1"], TRAINER_DEFAULTS["adam_beta2"]) == (0.9, 0.999)
    assert TRAINER_DEFAULTS["adam_epsilon"] == 1e-8 and TRAINER_DEFAULTS["max_grad_norm"] == 1.0
    assert TRAINER_DEFAULTS["num_train_epochs"] == 3.0
    assert TRAINER_DEFAULTS["per_device_train_batch_size"] == 8
    assert BERT_PAPER_GRID == {"batch_size": (16, 32), "learning_rate": (5e-5, 3e-5, 2e-5), "epochs": (2, 3, 4)}


def test_layerwise_learning_rates() -> None:
    rates = layerwise_lrs(2e-5, 12, 0.9)
    assert rates[0].name == "head" and rates[0].lr == 2e-5
    by_name = {r.name: r.lr for r in rates}
    assert by_name["layer 12"] == pytest.approx(2e-5)
    assert by_name["layer 11"] == pytest.approx(2e-5 * 0.9)
    assert by_name["layer 1"] == pytest.approx(2e-5 * 0.9**11)
    assert by_name["embeddings"] == pytest.approx(2e-5 * 0.9**12)
    assert all(r.lr == 2e-5 for r in layerwise_lrs(2e-5, 12, 1.0))


def test_gradual_unfreezing_top_layers_first() -> None:
    stages = gradual_unfreezing(12, 4)
    assert [s.layers for s in stages] == [(), (12,), (12, 11), (12, 11, 10)]
    assert not any(s.embeddings for s in stages)
    assert [s.groups for s in stages] == [1, 2, 3, 4]
    late = gradual_unfreezing(2, 5)
    assert late[2].layers == (2, 1) and not late[2].embeddings and late[3].embeddings
    assert gradual_unfreezing(12, 2, layers_per_epoch=4)[1].layers == (12, 11, 10, 9)
    assert gradual_unfreezing(12, 0) == []
