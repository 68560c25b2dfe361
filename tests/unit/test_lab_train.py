"""The lab's trainer: determinism, the simulators' schedules, what each strategy trains,
the callback and cancellation, the pre-training cache, and the gradients."""

from __future__ import annotations

import queue
import threading

import numpy as np
import pytest

import tutor.lab.train as train_module
from tutor.lab import network
from tutor.lab.results import EpochStats
from tutor.lab.settings import LabSettings
from tutor.lab.strategies import STRATEGIES, block_sizes
from tutor.lab.train import clear_cache, compare, is_pretrained, pretrain, run
from tutor.sim import schedules

SMALL = LabSettings(examples=16, epochs=4, batch_size=8)


def curves(settings: LabSettings) -> dict[str, object]:
    data = run(settings).as_dict()
    for key in ("elapsed", "pretrain_seconds"):
        data.pop(key)
    return data


def test_the_same_seed_gives_identical_curves_even_after_a_fresh_pre_training() -> None:
    first = curves(SMALL)
    clear_cache()
    assert not is_pretrained(0)
    second = curves(SMALL)
    assert first == second
    assert curves(SMALL.replace(seed=1)) != first


def test_a_different_seed_gives_different_curves_and_data() -> None:
    a, b = run(SMALL), run(SMALL.replace(seed=7))
    assert a.curve("val_loss") != b.curve("val_loss")
    assert a.source_acc_before != b.source_acc_before or a.step_losses != b.step_losses


@pytest.mark.parametrize("schedule", schedules.SCHEDULES)
@pytest.mark.parametrize("warmup", [(0.0, 0), (0.25, 0), (0.0, 3)])
def test_the_rate_at_every_step_is_the_simulators_trainer_schedule(schedule: str, warmup: tuple[float, int]) -> None:
    settings = LabSettings(schedule=schedule, warmup_ratio=warmup[0], warmup_steps=warmup[1], examples=20,
                           batch_size=8, epochs=3, lr=0.01)
    result = run(settings)
    counts = schedules.training_steps(20, 8, epochs=3, warmup_ratio=warmup[0], warmup_steps=warmup[1])
    assert (result.total_steps, result.warmup_steps, result.steps_per_epoch) == (
        counts.total_steps, counts.warmup_steps, counts.steps_per_epoch)
    assert result.step_lrs == [
        schedules.lr_at(schedule, 0.01, step, counts.total_steps, counts.warmup_steps)
        for step in range(counts.total_steps)
    ]
    for stats in result.epochs:
        assert list(stats.step_lrs) == result.step_lrs[stats.first_step : stats.first_step + len(stats.step_lrs)]
        assert stats.lr == stats.step_lrs[-1]


def test_the_trainer_uses_the_simulators_functions() -> None:
    assert train_module.lr_at is schedules.lr_at
    assert train_module.training_steps is schedules.training_steps


def test_the_optimizer_receives_the_scheduled_rate_times_the_block_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, float]] = []

    class Spy(network.AdamW):
        def step(self, params, grads, lrs):  # type: ignore[no-untyped-def]
            seen.append(dict(lrs))
            super().step(params, grads, lrs)

    monkeypatch.setattr(train_module, "AdamW", Spy)
    settings = LabSettings(strategy="differential-lr", layer_decay=0.5, lr=0.02, examples=16, batch_size=8, epochs=2,
                           schedule="cosine", warmup_ratio=0.25)
    result = run(settings)
    rates = {rate.name: rate.lr for rate in schedules.layerwise_lrs(1.0, 2, 0.5)}
    for step, lrs in enumerate(seen):
        base = result.step_lrs[step]
        assert lrs["head.weight"] == base * rates["head"]
        assert lrs["layer2.bias"] == base * rates["layer 2"]
        assert lrs["layer1.weight"] == base * rates["layer 1"]
        assert lrs["embeddings"] == base * rates["embeddings"]


def test_a_zero_rate_step_moves_nothing() -> None:
    # With warmup the Trainer's first step has rate 0: one step of one batch changes no weight.
    result = run(LabSettings(examples=8, batch_size=8, epochs=1, warmup_steps=1), keep_weights=True)
    assert result.step_lrs == [0.0] and result.changed == ()


BODY = ("embeddings", "layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias")


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_each_strategy_trains_only_what_it_should(strategy: str) -> None:
    settings = LabSettings(strategy=strategy, examples=16, batch_size=8, epochs=4, lr=0.01)
    result = run(settings, keep_weights=True)
    weights = result.weights
    assert weights is not None
    start = pretrain(0)
    assert start is not None
    moved = {name for name in BODY if not np.array_equal(weights[name], start.params[name])}
    expected = {
        "scratch": set(BODY), "full": set(BODY), "differential-lr": set(BODY), "gradual-unfreezing": set(BODY),
        "feature-extraction": set(), "lora": set(),
    }[strategy]
    assert moved == expected
    assert "head" in result.changed
    # The source head is only ever used to measure: never trained.
    if strategy == "scratch":
        assert "source_head.weight" not in weights  # no pre-training, no source task
    else:
        assert np.array_equal(weights["source_head.weight"], start.params["source_head.weight"])
    sizes = block_sizes(settings.lora_rank, settings.lora_layer)
    counts = [stats.trainable_params for stats in result.epochs]
    if strategy == "feature-extraction":
        assert counts == [sizes["head"]] * 4 and result.changed == ("head",)
        assert result.final_source_acc == result.source_acc_before
    elif strategy == "lora":
        assert counts == [sizes["head"] + sizes["lora"]] * 4 and set(result.changed) == {"head", "lora"}
        assert result.trainable_params == 66 + 4 * (64 + 32) == 450
    elif strategy == "gradual-unfreezing":
        head, l2, l1, emb = sizes["head"], sizes["layer2"], sizes["layer1"], sizes["embeddings"]
        assert counts == [head, head + l2, head + l2 + l1, head + l2 + l1 + emb]
    else:
        assert counts == [result.total_params] * 4 == [16098] * 4
    assert result.trainable_params == max(counts)


def test_gradual_unfreezing_follows_the_simulators_stages() -> None:
    result = run(LabSettings(strategy="gradual-unfreezing", examples=16, batch_size=8, epochs=2), keep_weights=True)
    # Two epochs: the head, then layer 2 too; layer 1 and the embeddings never thaw.
    stages = schedules.gradual_unfreezing(2, 2)
    assert [stage.layers for stage in stages] == [(), (2,)]
    assert set(result.changed) == {"head", "layer2"}


def test_lora_leaves_the_base_weights_and_the_adapter_can_be_merged() -> None:
    for layer in (1, 2):
        settings = LabSettings(strategy="lora", lora_layer=layer, lora_rank=2, lora_alpha=4, examples=16, epochs=3,
                               lr=0.02)
        result = run(settings, keep_weights=True)
        weights = result.weights
        start = pretrain(0)
        assert weights is not None and start is not None
        assert weights["lora.A"].shape[1] == 2 and weights["lora.B"].shape[0] == 2
        assert np.array_equal(weights[f"layer{layer}.weight"], start.params[f"layer{layer}.weight"])
        assert result.block_drift["lora"] > 0
        # Merging W + (alpha/r)·A·B gives the same predictions as the adapted network.
        lora = network.Lora(layer, 4 / 2)
        merged = dict(weights)
        merged[f"layer{layer}.weight"] = network.layer_weight(weights, layer, lora)
        x = np.random.default_rng(0).random((5, merged["embeddings"].shape[0])) / 10
        adapted, _ = network.forward(weights, x, "head", lora)
        plain, _ = network.forward(merged, x, "head", None)
        assert np.allclose(adapted, plain)


@pytest.mark.parametrize("case", ["full", "lora1", "lora2", "source"])
def test_backward_matches_finite_differences(case: str) -> None:
    rng = np.random.default_rng(3)
    params = network.init_body(rng)
    params.update(network.init_head(rng))
    params.update(network.init_head(rng, "source_head"))
    for name in ("head.weight", "source_head.weight"):
        params[name] = rng.normal(0, 0.5, params[name].shape)
    lora = None
    if case.startswith("lora"):
        layer = int(case[-1])
        params.update(network.init_lora(rng, layer, 3))
        params["lora.B"] = rng.normal(0, 0.1, params["lora.B"].shape)
        lora = network.Lora(layer, 2.0)
    head = "source_head" if case == "source" else "head"
    x = rng.random((6, params["embeddings"].shape[0])) * (rng.random((6, params["embeddings"].shape[0])) < 0.05)
    y = rng.integers(0, params[f"{head}.weight"].shape[1], 6)
    blocks = ["embeddings", "layer1", "layer2", head] + (["lora"] if lora else [])
    logits, cache = network.forward(params, x, head, lora)
    _, grad, _ = network.cross_entropy(logits, y)
    grads = network.backward(params, cache, grad, blocks, head, lora)

    def loss() -> float:
        return network.cross_entropy(network.forward(params, x, head, lora)[0], y)[0]

    for name, g in grads.items():
        flat = params[name].reshape(-1)
        for index in rng.choice(flat.size, size=min(6, flat.size), replace=False):
            saved = flat[index]
            flat[index] = saved + 1e-6
            up = loss()
            flat[index] = saved - 1e-6
            down = loss()
            flat[index] = saved
            assert abs((up - down) / 2e-6 - g.reshape(-1)[index]) < 1e-5, (name, index)


def test_backward_stops_below_the_lowest_trained_block() -> None:
    rng = np.random.default_rng(0)
    params = {**network.init_body(rng), **network.init_head(rng)}
    x = rng.random((4, params["embeddings"].shape[0]))
    logits, cache = network.forward(params, x)
    _, grad, _ = network.cross_entropy(logits, np.array([0, 1, 0, 1]))
    assert set(network.backward(params, cache, grad, ["head"])) == {"head.weight", "head.bias"}
    assert "embeddings" not in network.backward(params, cache, grad, ["head", "layer2"])


def test_the_callback_streams_every_epoch_from_zero() -> None:
    received: list[EpochStats] = []
    result = run(LabSettings(epochs=5, examples=24, batch_size=8), on_epoch=received.append)
    assert [s.epoch for s in received] == [0, 1, 2, 3, 4, 5]
    assert received[0] == result.initial and received[1:] == result.epochs
    assert received[0].step_lrs == () and received[0].trainable_params == 0
    assert all(len(s.step_losses) == 3 for s in received[1:])
    assert result.step_losses == [loss for s in received[1:] for loss in s.step_losses]
    best = min(result.epochs, key=lambda s: s.val_loss)
    assert result.best_epoch == best.epoch == received[-1].best_epoch
    assert result.best is best
    for stats in received[1:]:  # the best epoch so far, as a live plot would mark it
        so_far = min(received[1 : stats.epoch + 1], key=lambda s: s.val_loss)
        assert stats.best_epoch == so_far.epoch
    assert all(0.0 <= s.val_acc <= 1.0 and s.val_loss > 0 for s in received)
    assert received[0].drift == 0.0 and received[-1].drift > 0.0


def test_should_stop_cancels_between_batches() -> None:
    calls = {"n": 0}

    def stop_after_ten() -> bool:
        calls["n"] += 1
        return calls["n"] > 10

    pretrain(0)
    result = run(LabSettings(epochs=10, examples=32, batch_size=8), should_stop=stop_after_ten)
    assert result.cancelled and result.ok
    assert len(result.step_losses) == 10  # checked before every batch
    assert [s.epoch for s in result.epochs] == [1, 2]  # the interrupted third epoch is not reported
    assert result.best_epoch in (1, 2)


def test_cancelling_during_pre_training_leaves_no_cache() -> None:
    clear_cache()
    result = run(LabSettings(seed=11), should_stop=lambda: True)
    assert result.cancelled and result.epochs == [] and result.initial is None
    assert not is_pretrained(11)


def test_a_worker_thread_streams_epochs_and_can_be_cancelled() -> None:
    events: queue.Queue[EpochStats] = queue.Queue()
    stop = threading.Event()
    outcome: list[object] = []
    worker = threading.Thread(
        target=lambda: outcome.append(run(LabSettings(epochs=200, examples=64, batch_size=4), events.put, stop.is_set))
    )
    worker.start()
    first = events.get(timeout=30)
    assert first.epoch == 0
    events.get(timeout=30)
    stop.set()
    worker.join(timeout=30)
    assert not worker.is_alive()
    result = outcome[0]
    assert result.cancelled and 1 <= len(result.epochs) < 200  # type: ignore[attr-defined]


def test_the_pre_training_is_cached_and_shared() -> None:
    clear_cache()
    first = run(SMALL)
    assert first.pretrain_seconds > 0 and is_pretrained(0)
    second = run(SMALL.replace(strategy="feature-extraction"))
    assert second.pretrain_seconds == 0.0
    assert second.source_acc_before == first.source_acc_before
    scratch = run(SMALL.replace(strategy="scratch", seed=12))
    assert scratch.pretrain_seconds == 0.0 and not is_pretrained(12)  # from scratch never pre-trains
    model = pretrain(0)
    assert model is not None and model.source_acc > 0.95
    with pytest.raises(ValueError):
        model.params["layer1.weight"][0, 0] = 1.0  # the cached weights are read-only


def test_bad_settings_are_returned_not_raised() -> None:
    for bad in (LabSettings(examples=0), LabSettings(lr=-1.0), LabSettings(batch_size=10**9),
                LabSettings(strategy="magic"), LabSettings(lr="x")):  # type: ignore[arg-type]
        result = run(bad)
        assert not result.ok and result.epochs == [] and result.initial is None
        assert any(p.severity == "error" for p in result.problems)
        assert result.as_dict()["ok"] is False


def test_compare_runs_both_and_labels_the_callback() -> None:
    seen: list[tuple[str, int]] = []
    a, b = compare(SMALL.replace(warmup_ratio=0.0), SMALL, on_epoch=lambda label, s: seen.append((label, s.epoch)))
    assert seen == [("A", e) for e in range(5)] + [("B", e) for e in range(5)]
    assert a.warmup_steps == 0 and b.warmup_steps == 1
    a, b = compare(SMALL, SMALL, should_stop=lambda: True)
    assert a.cancelled and b.cancelled and b.epochs == []


def test_results_are_plain_numbers() -> None:
    import json

    result = run(SMALL.replace(strategy="lora"))
    text = json.dumps(result.as_dict())
    assert "NaN" not in text
    stats = result.epochs[-1]
    assert all(type(v) in (int, float) for v in (stats.train_loss, stats.val_acc, stats.lr, stats.drift))
    assert all(type(v) is float for v in result.step_losses)


def test_a_diverging_run_stops_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    calls = {"n": 0}
    real = network.cross_entropy

    def blows_up(logits, y):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        loss, grad, pred = real(logits, y)
        return (float("nan") if calls["n"] == 9 else loss), grad, pred

    monkeypatch.setattr(train_module, "cross_entropy", blows_up)
    result = run(LabSettings(examples=16, batch_size=8, epochs=5))
    assert result.diverged and not result.cancelled and result.ok
    assert len(result.epochs) >= 1 and result.best_epoch is not None and result.best_epoch <= len(result.epochs)
    json.dumps(result.as_dict(), allow_nan=False)
    from tutor.lab.report import summary_lines

    assert any("diverged" in line for line in summary_lines(result, "en"))
